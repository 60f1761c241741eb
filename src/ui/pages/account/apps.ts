/**
 * `/account/apps`: the apps the user belongs to, with their roles and plan in each and since
 * when, through the same operation as `GET /auth/me/apps`. Read-only: roles and plans are the
 * operators' and the apps' to change.
 */
import type { PageRoute } from '../../../http/route.js';
import { accountPage, day } from '../../account/account-page.js';
import { html } from '../../html.js';
import { accountStringsFor } from '../../locales/account/index.js';

export const accountAppsPage: PageRoute = {
  path: '/account/apps',
  access: 'user',
  async show(view) {
    const s = accountStringsFor(view).apps;
    const { apps } = await view.ops.listMyApps(view.signedIn!.accessToken);
    const list = new Intl.ListFormat(view.locale, { type: 'conjunction' });
    return accountPage(
      view,
      200,
      s.title,
      html`<h1>${s.title}</h1>
<p>${s.intro}</p>
${
  apps.length === 0
    ? html`<p>${s.none}</p>`
    : html`<div class="gh-table-wrap">
<table class="gh-account-table">
<caption class="gh-visually-hidden">${s.caption}</caption>
<thead><tr>
<th scope="col">${s.app}</th>
<th scope="col">${s.roles}</th>
<th scope="col">${s.plan}</th>
<th scope="col">${s.joined}</th>
</tr></thead>
<tbody>
${apps.map(
  (app) => html`<tr>
<th scope="row">${app.name}</th>
<td>${app.roles.length > 0 ? list.format(app.roles) : s.noRoles}</td>
<td>${app.plan}</td>
<td>${day(view, app.joinedAt)}</td>
</tr>`,
)}
</tbody>
</table>
</div>`
}`,
    );
  },
};
