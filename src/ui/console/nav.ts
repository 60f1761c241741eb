/**
 * The console's navigation, above every console page: Users, Apps, Audit log, Stats — each shown
 * only to an operator whose permissions open it (a tenant admin sees Users and Apps; `support`
 * sees all four). The section shown is marked `aria-current="page"`; its sub-pages count as it
 * (`/console/users/usr_…` is under Users).
 */
import type { PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';
import { type ConsoleUsersStrings, consoleUsersStringsFor } from '../locales/console-users/index.js';
import { allows, type ConsoleNeed } from './permissions.js';

/** The console's start: its first section. */
export const CONSOLE_HOME = '/console/users';

const SECTIONS: ReadonlyArray<{
  readonly path: string;
  readonly label: keyof Omit<ConsoleUsersStrings['nav'], 'label'>;
  readonly need: ConsoleNeed;
}> = [
  { path: '/console/users', label: 'users', need: { permission: 'users:read', tenant: true } },
  { path: '/console/apps', label: 'apps', need: { permission: 'apps:read', tenant: true } },
  { path: '/console/audit', label: 'audit', need: { permission: 'audit:read' } },
  { path: '/console/stats', label: 'stats', need: { permission: 'stats:read' } },
];

const within = (base: string, path: string) => path === base || path.startsWith(`${base}/`);

/** The console navigation for `view`'s page and operator. */
export function consoleNav(view: PageView): SafeHtml {
  const s = consoleUsersStringsFor(view).nav;
  const shown = SECTIONS.filter((section) => allows(view.operator, section.need));
  if (shown.length === 0) return html``;
  return html`<nav class="gh-nav" aria-label="${s.label}">
<ul>${shown.map(
    (section) =>
      html`<li><a href="${section.path}"${within(section.path, view.path) ? html` aria-current="page"` : ''}>${s[section.label]}</a></li>`,
  )}</ul>
</nav>`;
}
