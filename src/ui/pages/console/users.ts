/**
 * `/console/users`: the users table — address or username, name, status, verified, second
 * factor, created — with a search and filters (status, app, role and plan there, verified, second
 * factor) in a GET form, a page at a time ("Next page" carries the cursor and keeps the filters),
 * each row linking to the user's page. The same operation as `GET /auth/admin/users`, with the
 * same reach: a tenant admin lists their own app's members, and naming another app is "no such
 * app" (AZ-04).
 *
 * The list has no second-factor column of its own; the page asks once more for the same page
 * with `hasMfa: true` — both are ordered by id from the same cursor, so the users of this page
 * who have one are exactly those of that answer.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { UserListQuery, UserPage } from '../../../services/accounts/list-users.js';
import { consolePage, day, statusNotice } from '../../console/console-page.js';
import { selectField, textField } from '../../console/fields.js';
import { allows } from '../../console/permissions.js';
import { statusBadge, userLabel, userPath, yesNo } from '../../console/user-facts.js';
import { errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleUsersStringsFor } from '../../locales/console-users/index.js';

const PATH = '/console/users';
const STATUSES = ['active', 'suspended', 'revoked', 'deleted'] as const;
const FLAGS = ['', 'true', 'false'] as const;
const DEFAULT_LIMIT = 50;

/** The filters as the form and the links carry them ('' for none). */
interface Filters {
  readonly q: string;
  readonly status: string;
  readonly app: string;
  readonly role: string;
  readonly plan: string;
  readonly verified: string;
  readonly hasMfa: string;
}

const FIELD = {
  q: 'filter-q',
  status: 'filter-status',
  app: 'filter-app',
  role: 'filter-role',
  plan: 'filter-plan',
  verified: 'filter-verified',
  hasMfa: 'filter-mfa',
} as const;

function readFilters(query: URLSearchParams): Filters {
  const get = (name: string) => (query.get(name) ?? '').trim();
  return {
    q: get('q'),
    status: get('status'),
    app: get('app'),
    role: get('role'),
    plan: get('plan'),
    verified: get('verified'),
    hasMfa: get('hasMfa'),
  };
}

/** The filters' query string, without the empty ones. */
function filterQuery(filters: Filters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...extra }))
    if (value !== '') query.set(name, value);
  const text = query.toString();
  return text === '' ? PATH : `${PATH}?${text}`;
}

const flag = (value: string) => (value === '' ? undefined : value === 'true');

/** What the form said wrong before anything is asked. */
function checkFilters(view: PageRead, filters: Filters): FieldError[] {
  const s = consoleUsersStringsFor(view).list.invalid;
  const errors: FieldError[] = [];
  if (filters.status !== '' && !(STATUSES as readonly string[]).includes(filters.status))
    errors.push({ field: FIELD.status, message: s.status });
  if (!(FLAGS as readonly string[]).includes(filters.verified))
    errors.push({ field: FIELD.verified, message: s.flag });
  if (!(FLAGS as readonly string[]).includes(filters.hasMfa))
    errors.push({ field: FIELD.hasMfa, message: s.flag });
  if ((filters.role !== '' || filters.plan !== '') && filters.app === '' && view.operator?.appId == null)
    errors.push({ field: FIELD.app, message: s.appForRole });
  return errors;
}

/** The field a refusal of the list operation is about. */
function refusalField(view: PageRead, error: unknown): FieldError | undefined {
  if (!isGatehouseError(error)) return undefined;
  const s = consoleUsersStringsFor(view).list.invalid;
  if (error.code === 'APP_NOT_FOUND') return { field: FIELD.app, message: s.app };
  if (error.code !== 'VALIDATION_ERROR') return undefined;
  const issues = Array.isArray(error.details.issues) ? error.details.issues : [];
  const path = String((issues[0] as { path?: unknown } | undefined)?.path ?? '');
  if (path.startsWith('query')) return { field: FIELD.q, message: s.query };
  if (path.startsWith('role')) return { field: FIELD.role, message: s.role };
  if (path.startsWith('plan')) return { field: FIELD.plan, message: s.plan };
  if (path.startsWith('appId')) return { field: FIELD.app, message: s.appForRole };
  return { field: FIELD.q, message: s.cursor };
}

async function show(view: PageRead): Promise<PageReply> {
  const operator = view.operator!;
  const filters = readFilters(view.query);
  const cursor = view.query.get('cursor') ?? '';
  const requested = Number(view.query.get('limit') ?? DEFAULT_LIMIT);
  const limit =
    Number.isSafeInteger(requested) && requested >= 1 && requested <= 200 ? requested : DEFAULT_LIMIT;
  const apps = await view.ops.listApps(operator);
  const errors = checkFilters(view, filters);
  let found: { page: UserPage; withMfa: ReadonlySet<string> | undefined } | undefined;
  if (errors.length === 0) {
    // The operator's reach narrows the list (a tenant admin: their app's members; another app
    // is APP_NOT_FOUND, shown at the field), as on `GET /auth/admin/users`.
    const appId = filters.app === '' ? undefined : filters.app;
    const query: UserListQuery = {
      limit,
      ...(filters.q === '' ? {} : { query: filters.q }),
      ...(filters.status === '' ? {} : { status: filters.status as (typeof STATUSES)[number] }),
      ...(appId === undefined ? {} : { appId }),
      ...(filters.role === '' ? {} : { role: filters.role }),
      ...(filters.plan === '' ? {} : { plan: filters.plan }),
      ...(flag(filters.verified) === undefined ? {} : { verified: flag(filters.verified)! }),
      ...(flag(filters.hasMfa) === undefined ? {} : { hasMfa: flag(filters.hasMfa)! }),
      ...(cursor === '' ? {} : { cursor }),
    };
    try {
      const page = await view.ops.listUsers(query, operator);
      const withMfa =
        query.hasMfa !== undefined || page.users.length === 0
          ? undefined
          : new Set((await view.ops.listUsers({ ...query, hasMfa: true }, operator)).users.map((u) => u.id));
      found = { page, withMfa };
    } catch (error) {
      const field = refusalField(view, error);
      if (!field) throw error;
      errors.push(field);
    }
  }
  return render(view, errors.length === 0 ? 200 : 400, filters, { apps, errors, found, cursor, limit });
}

function render(
  view: PageRead,
  status: number,
  filters: Filters,
  state: {
    apps: ReadonlyArray<{ id: string; name: string }>;
    errors: readonly FieldError[];
    found: { page: UserPage; withMfa: ReadonlySet<string> | undefined } | undefined;
    cursor: string;
    limit: number;
  },
): PageReply {
  const s = consoleUsersStringsFor(view);
  const l = s.list;
  const error = (field: string) => state.errors.find((e) => e.field === field)?.message;
  const tenant = view.operator?.appId ?? null;
  const any = { value: '', label: l.any };
  const yesNoOptions = [any, { value: 'true', label: s.common.yes }, { value: 'false', label: s.common.no }];
  const done = view.query.get('done') === 'purged' && status === 200 ? l.purged : undefined;
  const canCreate = allows(view.operator, { permission: 'users:write' });
  const keep: Record<string, string> = state.limit === DEFAULT_LIMIT ? {} : { limit: String(state.limit) };
  const filtered = Object.values(filters).some((v) => v !== '');
  return consolePage(
    view,
    status,
    l.title,
    html`<h1>${l.title}</h1>
${statusNotice(done)}
${errorSummary(stringsTitle(view), state.errors)}
${canCreate && html`<p><a href="${PATH}/new">${l.create}</a></p>`}
<form method="get" action="${PATH}" role="search" aria-label="${l.searchLabel}">
${textField({ id: FIELD.q, name: 'q', type: 'text', label: l.searchLabel, hint: l.searchHint, autocomplete: 'off', value: filters.q, optional: true, maxLength: 200, error: error(FIELD.q) })}
<fieldset>
<legend>${l.filtersLegend}</legend>
<div class="gh-filters">
${selectField({
  id: FIELD.status,
  name: 'status',
  label: l.statusLabel,
  selected: filters.status,
  options: [{ value: '', label: l.anyStatus }, ...STATUSES.map((st) => ({ value: st, label: s.status[st] }))],
  error: error(FIELD.status),
})}
${selectField({
  id: FIELD.app,
  name: 'app',
  label: l.appLabel,
  selected: tenant ?? filters.app,
  options: [
    ...(tenant === null ? [{ value: '', label: l.anyApp }] : []),
    ...state.apps.map((app) => ({ value: app.id, label: app.name })),
  ],
  error: error(FIELD.app),
})}
${textField({ id: FIELD.role, name: 'role', type: 'text', label: l.roleLabel, autocomplete: 'off', value: filters.role, optional: true, maxLength: 40, error: error(FIELD.role) })}
${textField({ id: FIELD.plan, name: 'plan', type: 'text', label: l.planLabel, autocomplete: 'off', value: filters.plan, optional: true, maxLength: 40, error: error(FIELD.plan) })}
${selectField({ id: FIELD.verified, name: 'verified', label: l.verifiedLabel, selected: filters.verified, options: yesNoOptions, error: error(FIELD.verified) })}
${selectField({ id: FIELD.hasMfa, name: 'hasMfa', label: l.mfaLabel, selected: filters.hasMfa, options: yesNoOptions, error: error(FIELD.hasMfa) })}
</div>
</fieldset>
${state.limit === DEFAULT_LIMIT ? '' : html`<input type="hidden" name="limit" value="${String(state.limit)}">`}
<div class="gh-actions">
<button type="submit">${l.submit}</button>
${filtered && html`<a href="${PATH}">${l.clear}</a>`}
</div>
</form>
${state.found && results(view, filters, state.found, state.cursor, keep, filtered)}`,
  );
}

function stringsTitle(view: PageRead): string {
  return consoleUsersStringsFor(view).common.errorSummaryTitle;
}

function results(
  view: PageRead,
  filters: Filters,
  found: { page: UserPage; withMfa: ReadonlySet<string> | undefined },
  cursor: string,
  keep: Record<string, string>,
  filtered: boolean,
): SafeHtml {
  const l = consoleUsersStringsFor(view).list;
  const { users, nextCursor } = found.page;
  const pager = html`<nav class="gh-pager" aria-label="${l.pagesLabel}">
${cursor !== '' && html`<a href="${filterQuery(filters, keep)}">${l.first}</a>`}
${nextCursor !== null && html`<a href="${filterQuery(filters, { ...keep, cursor: nextCursor })}" rel="next">${l.next}</a>`}
</nav>`;
  if (users.length === 0) {
    return html`<section class="gh-section" aria-labelledby="results">
<h2 id="results">${l.resultsHeading}</h2>
<p>${cursor !== '' ? l.emptyPage : filtered ? l.emptyFiltered : l.empty}</p>
${cursor !== '' && pager}
</section>`;
  }
  const mfa = (id: string) => (found.withMfa ? found.withMfa.has(id) : filters.hasMfa === 'true');
  return html`<section class="gh-section" aria-labelledby="results">
<h2 id="results">${l.resultsHeading}</h2>
<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${l.caption}" tabindex="0">
<table>
<caption class="gh-visually-hidden">${l.caption}</caption>
<thead><tr>
<th scope="col">${l.columns.user}</th>
<th scope="col">${l.columns.name}</th>
<th scope="col">${l.columns.status}</th>
<th scope="col">${l.columns.verified}</th>
<th scope="col">${l.columns.mfa}</th>
<th scope="col">${l.columns.created}</th>
</tr></thead>
<tbody>
${users.map(
  (user) => html`<tr>
<th scope="row"><a href="${userPath(user.id)}">${userLabel(user)}</a></th>
<td>${user.displayName ?? user.name ?? ''}</td>
<td>${statusBadge(view, user.status)}</td>
<td>${user.email === null ? l.noAddress : yesNo(view, user.emailVerified)}</td>
<td>${yesNo(view, mfa(user.id))}</td>
<td>${day(view, user.createdAt)}</td>
</tr>`,
)}
</tbody>
</table>
</div>
${pager}
</section>`;
}

export const consoleUsersPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'users:read', tenant: true },
  show,
};
