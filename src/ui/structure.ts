/**
 * The structural CSS of every page: layout, spacing, forms and messages. Colours, type and
 * shape come from the theme's custom properties (`theme.ts`).
 */
export const STRUCTURE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: var(--gh-font); font-size: var(--gh-font-size); line-height: 1.5; }
body { margin: 0; min-height: 100vh; background: var(--gh-page); color: var(--gh-text); }
.gh-shell { max-width: 30rem; margin: 0 auto; padding: 2rem 1rem; }
.gh-product { margin: 0 0 1rem; font-weight: 600; color: var(--gh-muted); }
.gh-card { background: var(--gh-surface); border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 1.5rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.125rem; margin: 0 0 0.5rem; }
p { margin: 0 0 1rem; }
a { color: var(--gh-accent); }
a:hover { color: var(--gh-accent-hover); }
:focus-visible { outline: 3px solid var(--gh-focus); outline-offset: 2px; }
form { margin: 0; }
.gh-field { margin: 0 0 1.25rem; }
label { display: block; font-weight: 600; margin: 0 0 0.25rem; }
.gh-hint { display: block; color: var(--gh-muted); font-size: 0.875rem; margin: 0 0 0.5rem; }
.gh-field-error { display: block; color: var(--gh-error); font-weight: 600; margin: 0 0 0.5rem; }
input[type="email"], input[type="password"], input[type="text"] {
  display: block; width: 100%; font: inherit; color: inherit; background: var(--gh-surface);
  border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 0.625rem 0.75rem;
}
input[aria-invalid="true"] { border: 2px solid var(--gh-error); }
button {
  font: inherit; font-weight: 600; cursor: pointer; border: 0; border-radius: var(--gh-radius);
  padding: 0.625rem 1.25rem; background: var(--gh-accent); color: var(--gh-on-accent);
}
button:hover { background: var(--gh-accent-hover); }
.gh-error-summary {
  border: 2px solid var(--gh-error); background: var(--gh-error-surface); border-radius: var(--gh-radius);
  padding: 1rem; margin: 0 0 1.5rem;
}
.gh-error-summary ul { margin: 0; padding-left: 1.25rem; }
.gh-error-summary a { color: var(--gh-error); font-weight: 600; }
.gh-notice { border-left: 4px solid var(--gh-border); padding-left: 1rem; }
.gh-notice-success { border-left-color: var(--gh-success); }
.gh-notice-problem { border-left-color: var(--gh-error); }
`;
