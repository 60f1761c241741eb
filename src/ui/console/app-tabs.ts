/**
 * The tabs of one app's console pages — Settings, Roles, Members, Invitations — above each of
 * them, the page shown marked `aria-current="page"`. Plain links, so they work without
 * JavaScript and read as a navigation list.
 */
import type { PageView } from '../../http/route.js';
import { html, type SafeHtml } from '../html.js';
import { consoleAppsStringsFor } from '../locales/console-apps/index.js';

/** One app's tab. */
export type AppTab = 'settings' | 'roles' | 'members' | 'invitations';

/** The console path of the app `appId`: its settings page. */
export function appPath(appId: string): string {
  return `/console/apps/${encodeURIComponent(appId)}`;
}

const TABS: ReadonlyArray<{ readonly tab: AppTab; readonly suffix: string }> = [
  { tab: 'settings', suffix: '' },
  { tab: 'roles', suffix: '/roles' },
  { tab: 'members', suffix: '/members' },
  { tab: 'invitations', suffix: '/invitations' },
];

/**
 * The tabs for the app `appId`, with `current` marked.
 *
 * @example
 * html`<h1>${app.name}</h1>${appTabs(view, app.id, 'roles')}`
 */
export function appTabs(view: Pick<PageView, 'locale'>, appId: string, current: AppTab): SafeHtml {
  const s = consoleAppsStringsFor(view).tabs;
  const base = appPath(appId);
  return html`<nav class="gh-nav" aria-label="${s.label}">
<ul>${TABS.map(
    ({ tab, suffix }) =>
      html`<li><a href="${base}${suffix}"${tab === current ? html` aria-current="page"` : ''}>${s[tab]}</a></li>`,
  )}</ul>
</nav>`;
}
