/**
 * The account's navigation, above every account page: one link per section, the section shown
 * marked `aria-current="page"` (a section's sub-pages count as it: `/account/delete` is under
 * "Data & deletion").
 */
import type { PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';
import { type AccountStrings, accountStringsFor } from '../locales/account/index.js';

/** Each section: its path, the paths that belong to it besides its own, and its label's key. */
const SECTIONS: ReadonlyArray<{
  readonly path: string;
  readonly also?: readonly string[];
  readonly label: keyof Omit<AccountStrings['nav'], 'label'>;
}> = [
  { path: '/account', label: 'profile' },
  { path: '/account/password', label: 'password' },
  { path: '/account/email', label: 'email' },
  { path: '/account/sessions', label: 'sessions' },
  { path: '/account/security', label: 'security' },
  { path: '/account/identities', label: 'identities' },
  { path: '/account/tokens', label: 'tokens' },
  { path: '/account/apps', label: 'apps' },
  { path: '/account/data', also: ['/account/delete'], label: 'data' },
];

function isCurrent(section: (typeof SECTIONS)[number], path: string): boolean {
  const within = (base: string) => path === base || (base !== '/account' && path.startsWith(`${base}/`));
  return within(section.path) || (section.also ?? []).some(within);
}

/** The account navigation for `view`'s page. */
export function accountNav(view: PageView): SafeHtml {
  const s = accountStringsFor(view).nav;
  return html`<nav class="gh-nav" aria-label="${s.label}">
<ul>${SECTIONS.map(
    (section) =>
      html`<li><a href="${section.path}"${isCurrent(section, view.path) ? html` aria-current="page"` : ''}>${s[section.label]}</a></li>`,
  )}</ul>
</nav>`;
}
