/**
 * The sign-in area's own CSS (passed to `page(…, {css})`): sections for the other ways in,
 * providers' links that look like buttons, the password rules with their live marks, and the
 * forms that stay hidden until the script shows them (a `display` rule must not undo `hidden`).
 */
export const SIGN_IN_CSS = `
[hidden] { display: none !important; }
.gh-way { border-top: 1px solid var(--gh-border); margin: 1.5rem 0 0; padding: 1.25rem 0 0; }
.gh-way > :last-child { margin-bottom: 0; }
.gh-links { margin: 1.25rem 0 0; }
.gh-links p { margin: 0 0 0.5rem; }
.gh-providers { list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: 0.5rem; }
.gh-button-link {
  display: block; text-align: center; font-weight: 600; text-decoration: none; padding: 0.625rem 1.25rem;
  border: 1px solid var(--gh-border); border-radius: var(--gh-radius); color: var(--gh-accent);
}
.gh-button-link:hover { background: var(--gh-page); color: var(--gh-accent-hover); }
.gh-button-row { display: flex; flex-wrap: wrap; gap: 0.75rem; }
.gh-rules { margin: 0 0 0.5rem; padding-left: 1.25rem; color: var(--gh-muted); font-size: 0.875rem; }
.gh-rules-live .gh-rule-met { color: var(--gh-success); }
.gh-rules-live .gh-rule-met::marker { content: "✓ "; }
.gh-rules-title { display: block; color: var(--gh-muted); font-size: 0.875rem; margin: 0 0 0.25rem; }
.gh-status { font-weight: 600; margin: 0.5rem 0 0; }
`;
