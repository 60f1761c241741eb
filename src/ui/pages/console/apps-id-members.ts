/**
 * `/console/apps/:id/members`: an app's members a page at a time (ordered by user id, cursor
 * paging as `/auth/admin/apps/{appId}/members`), each with their roles, plan and own
 * permissions, linking to their console page. Changing a member's roles or plan, and removing
 * them, is done there (its apps section, with the last-admin guard's refusal shown as a
 * message), so it is written once. A tenant admin reaches their own app only.
 *
 * Members are shown by address (or username), read with one `listUsers` of the same app from
 * the same cursor (the same user-id order) for operators who may read users; a member it does
 * not name (a deleted account) is shown by id.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageRoute } from '../../../http/route.js';
import type { AppView } from '../../../services/apps/app-view.js';
import type { MemberPage } from '../../../services/memberships/list-members.js';
import { APP_READ, appAccessPage, appAccessPath, loadApp, noSuchApp } from '../../console/app-access-page.js';
import { dateTime, problemNotice } from '../../console/console-page.js';
import { allows } from '../../console/permissions.js';
import { userPath } from '../../console/user-facts.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppAccessStringsFor } from '../../locales/console-app-access/index.js';

const PAGE_SIZE = 50;

/** The page size the query asks for (1–200, as the API allows), else 50. */
function pageSize(query: URLSearchParams): number {
  const limit = Number(query.get('limit') ?? PAGE_SIZE);
  return Number.isInteger(limit) && limit >= 1 && limit <= 200 ? limit : PAGE_SIZE;
}

/** Who the page's members are, by id, when the operator may read users; else nobody. */
async function namesOf(view: PageRead, appId: string, cursor: string, limit: number) {
  const names = new Map<string, string>();
  if (!allows(view.operator, { permission: 'users:read', tenant: true })) return names;
  try {
    const users = await view.ops.listUsers({ appId, limit, ...(cursor ? { cursor } : {}) }, view.operator);
    for (const user of users.users) {
      const name = user.email ?? user.username ?? user.displayName;
      if (name) names.set(user.id, name);
    }
  } catch (error) {
    if (!isGatehouseError(error) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') throw error;
  }
  return names;
}

function table(view: PageRead, page: MemberPage, names: ReadonlyMap<string, string>): SafeHtml {
  const s = consoleAppAccessStringsFor(view);
  const m = s.members;
  if (page.items.length === 0) return html`<p>${m.none}</p>`;
  return html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${m.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${m.heading}</caption>
<thead><tr><th scope="col">${m.user}</th><th scope="col">${m.roles}</th><th scope="col">${m.plan}</th><th scope="col">${m.permissions}</th><th scope="col">${m.joined}</th><th scope="col"><span class="gh-visually-hidden">${m.action}</span></th></tr></thead>
<tbody>${page.items.map(
    (member) => html`<tr>
<th scope="row">${
      names.has(member.userId)
        ? html`<a href="${userPath(member.userId)}">${names.get(member.userId)}</a><br><code class="gh-hint">${member.userId}</code>`
        : html`<a href="${userPath(member.userId)}"><code>${member.userId}</code></a>`
    }</th>
<td>${member.roles.length === 0 ? s.common.none : member.roles.join(', ')}</td>
<td>${member.plan}</td>
<td>${member.permissions.length === 0 ? s.common.none : html`<code>${member.permissions.join(', ')}</code>`}</td>
<td>${dateTime(view, member.createdAt)}</td>
<td><a href="${userPath(member.userId)}#apps">${m.manage}<span class="gh-visually-hidden"> – ${names.get(member.userId) ?? member.userId}</span></a></td>
</tr>`,
  )}</tbody>
</table></div>`;
}

function pager(view: PageRead, app: AppView, page: MemberPage, cursor: string, limit: number): SafeHtml {
  const m = consoleAppAccessStringsFor(view).members;
  const keep: Record<string, string> = limit === PAGE_SIZE ? {} : { limit: String(limit) };
  const first = new URLSearchParams(keep).toString();
  const base = appAccessPath(app.id, '/members');
  if (cursor === '' && page.nextCursor === null) return html``;
  return html`<nav class="gh-pager" aria-label="${m.pager}">
${cursor !== '' && html`<a href="${base}${first === '' ? '' : `?${first}`}">${m.first}</a>`}
${page.nextCursor !== null && html`<a href="${base}?${new URLSearchParams({ ...keep, cursor: page.nextCursor }).toString()}" rel="next">${m.next}</a>`}
</nav>`;
}

export const consoleAppMembersPage: PageRoute = {
  path: '/console/apps/:id/members',
  access: 'operator',
  admin: APP_READ,
  async show(view) {
    const app = await loadApp(view);
    if (!app) return noSuchApp(view);
    const m = consoleAppAccessStringsFor(view).members;
    let cursor = view.query.get('cursor') ?? '';
    const limit = pageSize(view.query);
    let status = 200;
    let page: MemberPage;
    try {
      page = await view.ops.listMembers(app.id, { cursor: cursor || null, limit }, view.operator);
    } catch (error) {
      if (!isGatehouseError(error) || error.code !== 'VALIDATION_ERROR') throw error;
      // A cursor that is not one of ours: the first page, saying so.
      cursor = '';
      status = 400;
      page = await view.ops.listMembers(app.id, { limit }, view.operator);
    }
    return appAccessPage(
      view,
      status,
      m.title(app.name),
      app,
      'members',
      html`${status === 400 && problemNotice(m.badCursor)}
<p>${m.intro}</p>
<p><a href="/console/users?${new URLSearchParams({ app: app.id }).toString()}">${m.search}</a></p>
${table(view, page, await namesOf(view, app.id, cursor, limit))}
${pager(view, app, page, cursor, limit)}`,
    );
  },
};
