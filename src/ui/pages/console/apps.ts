/**
 * `/console/apps`: the apps table — name, id, status, sign-up, what new members get, created —
 * oldest first, each row linking to the app's settings; the same operation as
 * `GET /auth/admin/apps`, with the same reach: a tenant admin sees their own app only. Console
 * operators allowed to create apps (`apps:write`) get the link to make one.
 */

import { CONSOLE_APP_ID } from '../../../core/operators.js';
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { AppView } from '../../../services/apps/app-view.js';
import { appPath } from '../../console/app-tabs.js';
import { consolePage, day } from '../../console/console-page.js';
import { allows } from '../../console/permissions.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppsStringsFor } from '../../locales/console-apps/index.js';

const PATH = '/console/apps';

/** The app's status as a badge. */
export function appStatusBadge(view: PageRead, app: AppView): SafeHtml {
  return html`<span class="gh-badge gh-badge-${app.status}">${consoleAppsStringsFor(view).common.statuses[app.status]}</span>`;
}

function table(view: PageRead, apps: readonly AppView[]): SafeHtml {
  const s = consoleAppsStringsFor(view);
  const l = s.list;
  if (apps.length === 0) return html`<p>${l.empty}</p>`;
  const kind = (app: AppView) =>
    app.isDefault
      ? html` <span class="gh-badge">${l.defaultApp}</span>`
      : app.id === CONSOLE_APP_ID
        ? html` <span class="gh-badge">${l.consoleApp}</span>`
        : '';
  return html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${l.caption}" tabindex="0">
<table>
<caption class="gh-visually-hidden">${l.caption}</caption>
<thead><tr>
<th scope="col">${l.columns.name}</th>
<th scope="col">${l.columns.id}</th>
<th scope="col">${l.columns.status}</th>
<th scope="col">${l.columns.signUp}</th>
<th scope="col">${l.columns.defaults}</th>
<th scope="col">${l.columns.created}</th>
</tr></thead>
<tbody>
${apps.map(
  (app) => html`<tr>
<th scope="row"><a href="${appPath(app.id)}">${app.name}</a>${kind(app)}</th>
<td><code>${app.id}</code></td>
<td>${appStatusBadge(view, app)}</td>
<td>${s.common.signUp[app.signUp]}</td>
<td>${l.defaults(app.defaultRole, app.defaultPlan)}</td>
<td>${day(view, app.createdAt)}</td>
</tr>`,
)}
</tbody>
</table>
</div>`;
}

async function show(view: PageRead): Promise<PageReply> {
  const operator = view.operator!;
  const l = consoleAppsStringsFor(view).list;
  const apps = await view.ops.listApps(operator);
  // Creating is for console operators only, as on `POST /auth/admin/apps`.
  const canCreate = allows(operator, { permission: 'apps:write' });
  return consolePage(
    view,
    200,
    l.title,
    html`<h1>${l.title}</h1>
<p>${operator.appId === null ? l.intro : l.tenantIntro}</p>
${canCreate && html`<p><a href="${PATH}/new">${l.create}</a></p>`}
${table(view, apps)}`,
  );
}

export const consoleAppsPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'apps:read', tenant: true },
  show,
};
