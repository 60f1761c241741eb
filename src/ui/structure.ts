/**
 * The structural CSS of every page: layout, spacing, forms and messages. Colours, type and
 * shape come from the theme's custom properties (`theme.ts`).
 */
export const STRUCTURE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { font-family: var(--gh-font); font-size: var(--gh-font-size); line-height: 1.5; }
body { margin: 0; min-height: 100vh; background: var(--gh-page); color: var(--gh-text); }
.gh-shell { max-width: 30rem; margin: 0 auto; padding: 2rem 1rem; }
.gh-shell-wide { max-width: 60rem; }
.gh-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem; margin: 0 0 1rem; }
.gh-product { margin: 0; font-weight: 600; color: var(--gh-muted); }
.gh-logo { display: block; max-height: 2.5rem; max-width: 12rem; }
.gh-signout { display: flex; align-items: center; gap: 0.75rem; flex-wrap: wrap; margin-left: auto; }
.gh-signed-in-as { color: var(--gh-muted); font-size: 0.875rem; overflow-wrap: anywhere; }
.gh-skip { position: absolute; left: -999px; top: 0.5rem; background: var(--gh-surface); color: var(--gh-accent); padding: 0.5rem 1rem; z-index: 10; }
.gh-skip:focus { left: 0.5rem; }
.gh-visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
main:focus { outline: none; }
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
.gh-button-secondary { background: transparent; color: var(--gh-accent); border: 1px solid var(--gh-border); }
.gh-button-secondary:hover { background: var(--gh-page); color: var(--gh-accent-hover); }
.gh-button-danger { background: var(--gh-error); color: var(--gh-surface); }
.gh-button-danger:hover { background: var(--gh-error); filter: brightness(0.9); }
.gh-actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
.gh-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0 0 1rem; padding: 0; }
.gh-nav a[aria-current="page"] { font-weight: 700; color: var(--gh-text); text-decoration-thickness: 3px; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1rem; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--gh-border); vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 600; }
.gh-table-wrap { overflow-x: auto; }
select, textarea { font: inherit; color: inherit; background: var(--gh-surface); border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 0.5rem 0.75rem; }
input[type="tel"], input[type="search"], input[type="number"], input[type="url"] {
  display: block; width: 100%; font: inherit; color: inherit; background: var(--gh-surface);
  border: 1px solid var(--gh-border); border-radius: var(--gh-radius); padding: 0.625rem 0.75rem;
}
code, .gh-secret { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.gh-error-summary {
  border: 2px solid var(--gh-error); background: var(--gh-error-surface); border-radius: var(--gh-radius);
  padding: 1rem; margin: 0 0 1.5rem;
}
.gh-error-summary ul { margin: 0; padding-left: 1.25rem; }
.gh-error-summary a { color: var(--gh-error); font-weight: 600; }
.gh-notice { border-left: 4px solid var(--gh-border); padding-left: 1rem; }
.gh-notice-success { border-left-color: var(--gh-success); }
.gh-notice-problem { border-left-color: var(--gh-error); }
/* Account security: the QR code (white behind it in both themes: scanners need the contrast), a setup key in groups, recovery codes in columns. */
.gh-qr { display: block; width: 12rem; height: 12rem; max-width: 100%; margin: 0 0 1rem; background: #fff; }
.gh-copyable { margin: 0 0 1.25rem; }
.gh-copyable > .gh-secret { display: block; font-size: 1.125rem; margin: 0 0 0.5rem; }
.gh-grouped > span + span { margin-left: 0.75ch; }
.gh-codes { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.25rem 1.5rem; list-style: none; padding: 0; margin: 0 0 0.5rem; font-size: 1.125rem; }
/* Console: the banner every page shows while an operator is impersonating a user. */
.gh-impersonation { border: 2px solid var(--gh-error); background: var(--gh-error-surface); border-radius: var(--gh-radius); padding: 0.75rem 1rem; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.gh-impersonation p { margin: 0; flex: 1 1 16rem; }
.gh-impersonation p:first-child { flex-basis: 100%; }
/* Console apps: a disabled app's status badge, marked as the other ended states are. */
.gh-badge-disabled { border-color: var(--gh-error); }
`;
