/**
 * The user page's sections about how the user gets in: their apps (roles, plan and direct
 * permissions, each changeable, the user removable, a new app to join), live sessions (end one,
 * end all), personal access tokens (revoke one, revoke all), impersonation, and the latest audit
 * events about them. A tenant admin sees their own app's parts only, as the operations give them.
 */
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { PageView } from '../../http/route.js';
import type { UserDetail } from '../../services/admin/user-detail.js';
import type { AppView } from '../../services/apps/app-view.js';
import type { RoleView } from '../../services/roles/role-view.js';
import { csrfField } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleUsersStringsFor } from '../locales/console-users/index.js';
import { actionButton } from './action-button.js';
import { dateTime } from './console-page.js';
import { checkboxField, selectField, textField } from './fields.js';
import { allows, holdsEverything } from './permissions.js';
import { ACTION_FIELDS } from './user-actions.js';
import { userPath } from './user-facts.js';
import { may, section } from './user-sections.js';

/** What the user page knows besides the detail: the apps in reach and, to change a membership, each app's roles. */
export interface AccessContext {
  readonly apps: readonly AppView[];
  readonly roles: ReadonlyMap<string, readonly RoleView[]>;
}

const appName = (context: AccessContext, appId: string) =>
  context.apps.find((app) => app.id === appId)?.name ?? appId;

export function appsSection(view: PageView, detail: UserDetail, context: AccessContext): SafeHtml {
  const s = consoleUsersStringsFor(view);
  const a = s.detail.apps;
  const { user, memberships } = detail;
  const change = may(view, 'set-membership') && user.status !== 'deleted';
  const list =
    memberships.length === 0
      ? html`<p>${a.none}</p>`
      : html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${a.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${a.heading}</caption>
<thead><tr><th scope="col">${a.app}</th><th scope="col">${a.roles}</th><th scope="col">${a.plan}</th><th scope="col">${a.permissions}</th><th scope="col">${a.joined}</th></tr></thead>
<tbody>${memberships.map(
          (m) => html`<tr>
<th scope="row">${appName(context, m.appId)}</th>
<td>${m.roles.length === 0 ? s.common.none : m.roles.join(', ')}</td>
<td>${m.plan}</td>
<td>${m.permissions.length === 0 ? s.common.none : m.permissions.join(', ')}</td>
<td>${dateTime(view, m.createdAt)}</td>
</tr>`,
        )}</tbody>
</table></div>`;
  if (!change) return section('apps', a.heading, list);
  // Console memberships make operators: only an operator holding every permission changes them.
  const changeable = (appId: string) => appId !== CONSOLE_APP_ID || holdsEverything(view.operator);
  const joinable = context.apps.filter(
    (app) => changeable(app.id) && !memberships.some((m) => m.appId === app.id),
  );
  return section(
    'apps',
    a.heading,
    html`${list}
${memberships.filter((m) => changeable(m.appId)).map((m) => membershipForm(view, detail, context, m))}
${
  joinable.length > 0 &&
  html`<h3>${a.addHeading}</h3>
<form method="post" action="${userPath(user.id)}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="set-membership">
${selectField({ id: ACTION_FIELDS.addApp, name: 'app', label: a.addApp, selected: '', options: [{ value: '', label: a.chooseApp }, ...joinable.map((app) => ({ value: app.id, label: app.name }))] })}
${textField({ id: 'add-role', name: 'role', type: 'text', label: a.addRole, hint: a.addRoleHint, autocomplete: 'off', optional: true, maxLength: 40 })}
${textField({ id: 'add-plan', name: 'plan', type: 'text', label: a.addPlan, hint: a.addPlanHint, autocomplete: 'off', optional: true, maxLength: 40 })}
<button type="submit">${a.add}</button>
</form>`
}`,
  );
}

/** One membership's roles, plan and permissions as a form, folded away until opened. */
function membershipForm(
  view: PageView,
  detail: UserDetail,
  context: AccessContext,
  m: UserDetail['memberships'][number],
): SafeHtml {
  const a = consoleUsersStringsFor(view).detail.apps;
  const name = appName(context, m.appId);
  const app = context.apps.find((x) => x.id === m.appId);
  const roles = context.roles.get(m.appId) ?? [];
  const key = m.appId.replace(/[^\w]/g, '');
  const plans = app?.plans.map((p) => p.name) ?? [m.plan];
  return html`<details>
<summary>${a.changeAt(name)}</summary>
<form method="post" action="${userPath(detail.user.id)}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="set-membership">
<input type="hidden" name="app" value="${m.appId}">
<input type="hidden" name="rolesShown" value="1">
<fieldset>
<legend>${a.rolesAt(name)}</legend>
${[...new Set([...roles.map((r) => r.name), ...m.roles])].map((role) =>
  checkboxField({
    id: `m-${key}-role-${role}`,
    name: 'roles',
    value: role,
    label: role,
    checked: m.roles.includes(role),
  }),
)}
</fieldset>
${selectField({ id: `m-${key}-plan`, name: 'plan', label: a.planAt(name), selected: m.plan, options: [...new Set([...plans, m.plan])].map((p) => ({ value: p, label: p })) })}
${textField({ id: `m-${key}-permissions`, name: 'permissions', type: 'text', label: a.permissionsAt(name), hint: a.permissionsHint, autocomplete: 'off', value: m.permissions.join(' '), optional: true })}
${checkboxField({ id: `m-${key}-end`, name: 'endSessions', label: a.endSessions, hint: a.endSessionsHint, checked: false })}
<button type="submit">${a.save}</button>
</form>
${may(view, 'remove-membership') && html`<div class="gh-inline-actions">${actionButton(view, detail.user.id, 'remove-membership', a.remove, { fields: { app: m.appId }, named: name })}</div>`}
</details>`;
}

export function sessionsSection(view: PageView, detail: UserDetail, context: AccessContext): SafeHtml {
  const s = consoleUsersStringsFor(view);
  const t = s.detail.sessions;
  const { sessions, user } = detail;
  if (sessions.length === 0) return section('sessions', t.heading, html`<p>${t.none}</p>`);
  const end = may(view, 'end-session');
  return section(
    'sessions',
    t.heading,
    html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${t.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${t.heading}</caption>
<thead><tr><th scope="col">${t.device}</th><th scope="col">${t.app}</th><th scope="col">${t.ip}</th><th scope="col">${t.signedIn}</th><th scope="col">${t.lastUsed}</th><th scope="col">${t.level}</th>${end && html`<th scope="col"><span class="gh-visually-hidden">${t.action}</span></th>`}</tr></thead>
<tbody>${sessions.map((session) => {
      const lastUsed = dateTime(view, session.lastUsedAt);
      return html`<tr>
<th scope="row">${session.device}</th>
<td>${appName(context, session.appId)}</td>
<td>${session.ip ?? s.common.unknown}</td>
<td>${dateTime(view, session.createdAt)}</td>
<td>${lastUsed}</td>
<td>${session.impersonatorId ? t.impersonatedBy(session.impersonatorId) : session.aal === 'aal2' ? t.aal2 : t.aal1}</td>
${end && html`<td>${actionButton(view, user.id, 'end-session', t.end, { fields: { session: session.id }, named: t.endNamed(session.device, lastUsed) })}</td>`}
</tr>`;
    })}</tbody>
</table></div>
${may(view, 'end-sessions') && html`<div class="gh-inline-actions">${actionButton(view, user.id, 'end-sessions', t.endAll)}</div>`}`,
  );
}

export function tokensSection(view: PageView, detail: UserDetail, context: AccessContext): SafeHtml {
  const s = consoleUsersStringsFor(view);
  const t = s.detail.tokens;
  const { tokens, user } = detail;
  if (tokens.length === 0) return section('tokens', t.heading, html`<p>${t.none}</p>`);
  const revoke = may(view, 'revoke-token');
  return section(
    'tokens',
    t.heading,
    html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${t.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${t.heading}</caption>
<thead><tr><th scope="col">${t.name}</th><th scope="col">${t.scopes}</th><th scope="col">${t.app}</th><th scope="col">${t.created}</th><th scope="col">${t.expires}</th><th scope="col">${t.lastUsed}</th>${revoke && html`<th scope="col"><span class="gh-visually-hidden">${t.action}</span></th>`}</tr></thead>
<tbody>${tokens.map(
      (token) => html`<tr>
<th scope="row">${token.name}</th>
<td>${token.scopes.length === 0 ? s.common.none : token.scopes.join(', ')}</td>
<td>${appName(context, token.appId)}</td>
<td>${dateTime(view, token.createdAt)}</td>
<td>${token.expiresAt ? dateTime(view, token.expiresAt) : t.noExpiry}</td>
<td>${token.lastUsedAt ? dateTime(view, token.lastUsedAt) : s.common.never}</td>
${revoke && html`<td>${actionButton(view, user.id, 'revoke-token', t.revoke, { fields: { token: token.id }, named: token.name })}</td>`}
</tr>`,
    )}</tbody>
</table></div>
${may(view, 'revoke-tokens') && html`<div class="gh-inline-actions">${actionButton(view, user.id, 'revoke-tokens', t.revokeAll)}</div>`}`,
  );
}

/** Impersonation: for an active user who is not an operator, by an operator who may. */
export function impersonateSection(view: PageView, detail: UserDetail): SafeHtml {
  const { user, memberships } = detail;
  if (!may(view, 'impersonate') || user.status !== 'active') return html``;
  if (memberships.some((m) => m.appId === CONSOLE_APP_ID)) return html``;
  const s = consoleUsersStringsFor(view).detail.impersonate;
  return section(
    'impersonate',
    s.heading,
    html`<p>${s.intro(view.settings.admin.impersonationTtl / 60)}</p>
<div class="gh-inline-actions">${actionButton(view, user.id, 'impersonate', s.start)}</div>`,
  );
}

export function eventsSection(view: PageView, detail: UserDetail): SafeHtml {
  // A tenant admin gets no events (their role has no `audit:read`; events name other apps).
  if (view.operator?.appId !== null) return html``;
  const s = consoleUsersStringsFor(view);
  const e = s.detail.events;
  const { recentEvents, user } = detail;
  const auditLink = allows(view.operator, { permission: 'audit:read' })
    ? html`<p><a href="/console/audit?user=${encodeURIComponent(user.id)}">${e.all}</a></p>`
    : html``;
  if (recentEvents.length === 0) return section('events', e.heading, html`<p>${e.none}</p>${auditLink}`);
  const actor = (id: string | null) =>
    id === null || id === user.id
      ? e.byUser
      : id === 'cli'
        ? e.byCli
        : html`<a href="${userPath(id)}"><code>${id}</code></a>`;
  return section(
    'events',
    e.heading,
    html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${e.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${e.heading}</caption>
<thead><tr><th scope="col">${e.when}</th><th scope="col">${e.type}</th><th scope="col">${e.outcome}</th><th scope="col">${e.actor}</th><th scope="col">${e.via}</th></tr></thead>
<tbody>${recentEvents.map(
      (event) => html`<tr>
<th scope="row">${dateTime(view, event.at)}</th>
<td><code>${event.type}</code></td>
<td>${event.outcome === 'success' ? e.success : e.failure}</td>
<td>${actor(event.actorId)}</td>
<td>${typeof event.data.via === 'string' ? html`<code>${event.data.via}</code>` : s.common.none}</td>
</tr>`,
    )}</tbody>
</table></div>
${auditLink}`,
  );
}
