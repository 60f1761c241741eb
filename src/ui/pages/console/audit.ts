/**
 * `/console/audit`: the audit log, newest first — time, event, actor (linked when a user), target,
 * user, via, IP address, outcome and a short summary of the event's details — filtered by actor,
 * target, user, event types, outcome and days in a GET form, a page at a time ("Older events"
 * carries the cursor and keeps the filters). The same query as `GET /auth/admin/audit`
 * (`listAuditEvents`), console operators only (`audit:read`, as there); the download links are
 * the admin API's streamed export with the same filters, which takes the console's access cookie.
 *
 * The "To" day is inclusive on the page, as people read dates; the log's `to` is exclusive, so
 * the page asks for the day after.
 */
import { isGatehouseError } from '../../../core/errors.js';
import { EVENT_TYPES, type EventType } from '../../../core/events.js';
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { AuditFilter } from '../../../services/admin/audit-filter.js';
import type { AuditPage } from '../../../services/admin/query-audit.js';
import { CONSOLE_CSS, dateTime, problemNotice } from '../../console/console-page.js';
import { selectField, textField } from '../../console/fields.js';
import { consoleNav } from '../../console/nav.js';
import { errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAuditStringsFor } from '../../locales/console-audit.js';
import { page } from '../../view.js';

const PATH = '/console/audit';
const PAGE_SIZE = 50;
const MAX_ID = 100;
const DAY_MS = 86_400_000;
const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
/** Detail names that could hold something secret: never shown, whatever an event carries. */
const SECRET_NAME = /secret|token|password|hash|otp|private|cookie/i;
/** A detail longer than this is cut: the summary is for reading at a glance. */
const MAX_DETAIL = 80;

/** A dense table: ids may break anywhere, the short columns never. Trusted, ours. */
const AUDIT_CSS = `
.gh-audit { font-size: 0.875rem; }
.gh-audit code { font-size: 0.8125rem; overflow-wrap: anywhere; word-break: break-all; }
.gh-audit th, .gh-audit td { vertical-align: top; }
.gh-audit th[scope="row"] code { word-break: normal; overflow-wrap: normal; white-space: nowrap; }
.gh-audit thead th, .gh-audit td.gh-audit-short { white-space: nowrap; }
.gh-audit td.gh-audit-details { min-width: 12rem; overflow-wrap: anywhere; }
`;

const FIELD = {
  actor: 'filter-actor',
  target: 'filter-target',
  user: 'filter-user',
  type: 'filter-type',
  outcome: 'filter-outcome',
  from: 'filter-from',
  to: 'filter-to',
} as const;

/** The filters as the form and the links carry them ('' or [] for none). */
interface Filters {
  readonly actor: string;
  readonly target: string;
  readonly user: string;
  readonly types: readonly string[];
  readonly outcome: string;
  readonly from: string;
  readonly to: string;
}

function readFilters(query: URLSearchParams): Filters {
  const get = (name: string) => (query.get(name) ?? '').trim();
  // Several `type` fields from the form's list, or one comma-separated value (as the API takes).
  const types = query
    .getAll('type')
    .flatMap((value) => value.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return {
    actor: get('actor'),
    target: get('target'),
    user: get('user'),
    types: [...new Set(types)],
    outcome: get('outcome'),
    from: get('from'),
    to: get('to'),
  };
}

const filtered = (f: Filters) => Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== ''));

/** The filters as query fields (the types repeated), without the empty ones. */
function filterParams(filters: Filters, extra: Record<string, string> = {}): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['actor', 'target', 'user'] as const)
    if (filters[name] !== '') query.set(name, filters[name]);
  for (const type of filters.types) query.append('type', type);
  for (const name of ['outcome', 'from', 'to'] as const)
    if (filters[name] !== '') query.set(name, filters[name]);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  return query;
}

function pageLink(filters: Filters, extra: Record<string, string> = {}): string {
  const text = filterParams(filters, extra).toString();
  return text === '' ? PATH : `${PATH}?${text}`;
}

/** `YYYY-MM-DD` of a real day, as epoch milliseconds of its midnight UTC; else undefined. */
function dayStart(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? undefined : ms;
}

/** What the form said wrong, and the log's filter when nothing was. */
function checkFilters(view: PageRead, f: Filters): { errors: FieldError[]; filter: AuditFilter } {
  const s = consoleAuditStringsFor(view).invalid;
  const errors: FieldError[] = [];
  for (const name of ['actor', 'target', 'user'] as const)
    if (f[name].length > MAX_ID) errors.push({ field: FIELD[name], message: s.id });
  if (f.types.some((t) => !KNOWN_TYPES.has(t))) errors.push({ field: FIELD.type, message: s.type });
  if (f.outcome !== '' && f.outcome !== 'success' && f.outcome !== 'failure')
    errors.push({ field: FIELD.outcome, message: s.outcome });
  const from = f.from === '' ? undefined : dayStart(f.from);
  const to = f.to === '' ? undefined : dayStart(f.to);
  if (f.from !== '' && from === undefined) errors.push({ field: FIELD.from, message: s.date });
  if (f.to !== '' && to === undefined) errors.push({ field: FIELD.to, message: s.date });
  if (from !== undefined && to !== undefined && from > to)
    errors.push({ field: FIELD.from, message: s.order });
  const filter: AuditFilter = {
    ...(f.actor !== '' ? { actorId: f.actor } : {}),
    ...(f.target !== '' ? { targetId: f.target } : {}),
    ...(f.user !== '' ? { userId: f.user } : {}),
    ...(f.types.length > 0 ? { type: f.types as EventType[] } : {}),
    ...(f.outcome !== '' ? { outcome: f.outcome as 'success' | 'failure' } : {}),
    ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
    ...(to !== undefined ? { to: new Date(to + DAY_MS).toISOString() } : {}),
  };
  return { errors, filter };
}

/** The admin API's export of `filter` in `format`: the API's own query names. */
function exportLink(view: PageRead, filter: AuditFilter, format: 'csv' | 'jsonl'): string {
  const query = new URLSearchParams({ format });
  if (filter.actorId !== undefined) query.set('actor', filter.actorId);
  if (filter.targetId !== undefined) query.set('target', filter.targetId);
  if (filter.userId !== undefined) query.set('user', filter.userId);
  if (filter.type !== undefined) query.set('type', ([] as string[]).concat(filter.type).join(','));
  if (filter.outcome !== undefined) query.set('outcome', filter.outcome);
  if (filter.from !== undefined) query.set('from', String(filter.from));
  if (filter.to !== undefined) query.set('to', String(filter.to));
  return `${view.settings.basePath}/admin/audit/export?${query}`;
}

async function show(view: PageRead): Promise<PageReply> {
  const filters = readFilters(view.query);
  const cursor = view.query.get('cursor') ?? '';
  const requested = Number(view.query.get('limit') ?? PAGE_SIZE);
  const limit = Number.isSafeInteger(requested) && requested >= 1 && requested <= 500 ? requested : PAGE_SIZE;
  const { errors, filter } = checkFilters(view, filters);
  let found: AuditPage | undefined;
  let problem: string | undefined;
  if (errors.length === 0) {
    try {
      found = await view.ops.listAuditEvents({
        ...filter,
        limit,
        ...(cursor === '' ? {} : { cursor }),
      });
    } catch (error) {
      // The form's own checks match the log's; what is left is a cursor it never handed out.
      if (!isGatehouseError(error) || error.code !== 'VALIDATION_ERROR') throw error;
      problem = consoleAuditStringsFor(view).invalid.cursor;
    }
  }
  const status = errors.length > 0 || problem ? 400 : 200;
  // A page size other than the usual stays in the links (and the form) as the filters do.
  const keep: Record<string, string> = limit === PAGE_SIZE ? {} : { limit: String(limit) };
  return render(view, status, filters, { errors, filter, found, cursor, problem, keep });
}

function render(
  view: PageRead,
  status: number,
  filters: Filters,
  state: {
    errors: readonly FieldError[];
    filter: AuditFilter;
    found: AuditPage | undefined;
    cursor: string;
    problem: string | undefined;
    keep: Record<string, string>;
  },
): PageReply {
  const s = consoleAuditStringsFor(view);
  const f = s.filters;
  const error = (field: string) => state.errors.find((e) => e.field === field)?.message;
  const id = (name: 'actor' | 'target' | 'user', hint: string) =>
    textField({
      id: FIELD[name],
      name,
      type: 'text',
      label: f[name],
      hint,
      autocomplete: 'off',
      value: filters[name],
      optional: true,
      maxLength: MAX_ID,
      error: error(FIELD[name]),
    });
  return page(
    view,
    status,
    s.title,
    html`<h1>${s.title}</h1>
<p>${s.intro}</p>
${errorSummary(s.errorSummaryTitle, state.errors)}
${state.problem && problemNotice(state.problem)}
<form method="get" action="${PATH}" role="search" aria-label="${f.legend}">
<fieldset>
<legend>${f.legend}</legend>
<div class="gh-filters">
${id('actor', f.actorHint)}
${id('target', f.targetHint)}
${id('user', f.userHint)}
${selectField({
  id: FIELD.outcome,
  name: 'outcome',
  label: f.outcome,
  selected: filters.outcome,
  options: [
    { value: '', label: f.anyOutcome },
    { value: 'success', label: s.results.outcomes.success },
    { value: 'failure', label: s.results.outcomes.failure },
  ],
  error: error(FIELD.outcome),
})}
${textField({ id: FIELD.from, name: 'from', type: 'date', label: f.from, hint: f.fromHint, autocomplete: 'off', value: filters.from, optional: true, error: error(FIELD.from) })}
${textField({ id: FIELD.to, name: 'to', type: 'date', label: f.to, hint: f.toHint, autocomplete: 'off', value: filters.to, optional: true, error: error(FIELD.to) })}
</div>
${typeField(filters.types, f.type, f.typeHint, error(FIELD.type))}
</fieldset>
${Object.entries(state.keep).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="gh-actions">
<button type="submit">${f.submit}</button>
${filtered(filters) && html`<a href="${PATH}">${f.clear}</a>`}
</div>
</form>
${state.errors.length === 0 && downloads(view, state.filter)}
${state.found && results(view, filters, state.found, state.cursor, state.keep)}`,
    { wide: true, nav: consoleNav(view), css: `${CONSOLE_CSS}${AUDIT_CSS}` },
  );
}

/** The event types as a list to choose several from (a select with `multiple`). */
function typeField(
  selected: readonly string[],
  label: string,
  hint: string,
  error: string | undefined,
): SafeHtml {
  const described = [`${FIELD.type}-hint`, ...(error ? [`${FIELD.type}-error`] : [])].join(' ');
  return html`<div class="gh-field">
<label for="${FIELD.type}">${label}</label>
<span class="gh-hint" id="${FIELD.type}-hint">${hint}</span>
${error && html`<span class="gh-field-error" id="${FIELD.type}-error">${error}</span>`}
<select id="${FIELD.type}" name="type" multiple size="8" aria-describedby="${described}"${error ? html` aria-invalid="true"` : ''}>
${EVENT_TYPES.map((type) => html`<option value="${type}"${selected.includes(type) ? html` selected` : ''}>${type}</option>`)}
</select>
</div>`;
}

function downloads(view: PageRead, filter: AuditFilter): SafeHtml {
  const d = consoleAuditStringsFor(view).downloads;
  return html`<section class="gh-section" aria-labelledby="audit-downloads">
<h2 id="audit-downloads">${d.heading}</h2>
<p class="gh-hint">${d.hint}</p>
<div class="gh-inline-actions">
<a href="${exportLink(view, filter, 'csv')}" download>${d.csv}</a>
<a href="${exportLink(view, filter, 'jsonl')}" download>${d.jsonl}</a>
</div>
</section>`;
}

/** A user id links to the user's console page; anything else (`cli`, an app's id) is text. */
function who(id: string | null, none: string): SafeHtml {
  if (id === null) return html`${none}`;
  if (id.startsWith('usr_')) return html`<a href="/console/users/${id}"><code>${id}</code></a>`;
  return html`<code>${id}</code>`;
}

/** The event's details at a glance: name = value, secrets never, long values cut. */
function details(data: Readonly<Record<string, unknown>>): string {
  return Object.entries(data)
    .filter(([name, value]) => name !== 'via' && value !== null && !SECRET_NAME.test(name))
    .map(([name, value]) => {
      const text = String(value);
      return `${name} = ${text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text}`;
    })
    .join('; ');
}

function results(
  view: PageRead,
  filters: Filters,
  found: AuditPage,
  cursor: string,
  keep: Record<string, string>,
): SafeHtml {
  const r = consoleAuditStringsFor(view).results;
  const c = r.columns;
  const pager = html`<nav class="gh-pager" aria-label="${r.pagesLabel}">
${cursor !== '' && html`<a href="${pageLink(filters, keep)}">${r.first}</a>`}
${found.nextCursor !== null && html`<a href="${pageLink(filters, { ...keep, cursor: found.nextCursor })}" rel="next">${r.next}</a>`}
</nav>`;
  if (found.items.length === 0) {
    return html`<section class="gh-section" aria-labelledby="audit-results">
<h2 id="audit-results">${r.heading}</h2>
<p>${cursor !== '' ? r.emptyPage : filtered(filters) ? r.emptyFiltered : r.empty}</p>
${cursor !== '' && pager}
</section>`;
  }
  return html`<section class="gh-section" aria-labelledby="audit-results">
<h2 id="audit-results">${r.heading}</h2>
<div class="gh-table-wrap">
<table class="gh-audit">
<caption class="gh-visually-hidden">${r.caption}</caption>
<thead><tr>
<th scope="col">${c.at}</th>
<th scope="col">${c.type}</th>
<th scope="col">${c.actor}</th>
<th scope="col">${c.target}</th>
<th scope="col">${c.user}</th>
<th scope="col">${c.via}</th>
<th scope="col">${c.ip}</th>
<th scope="col">${c.outcome}</th>
<th scope="col">${c.details}</th>
</tr></thead>
<tbody>
${found.items.map(
  (event) => html`<tr>
<td><time datetime="${new Date(event.at).toISOString()}">${dateTime(view, new Date(event.at).toISOString())}</time></td>
<th scope="row"><code>${event.type}</code></th>
<td>${who(event.actorId, r.selfActed)}</td>
<td>${who(event.targetId, r.none)}</td>
<td>${who(event.userId, r.none)}</td>
<td class="gh-audit-short">${typeof event.data.via === 'string' ? event.data.via : r.none}</td>
<td class="gh-audit-short">${event.ip ?? r.none}</td>
<td class="gh-audit-short">${r.outcomes[event.outcome]}</td>
<td class="gh-audit-details">${details(event.data)}</td>
</tr>`,
)}
</tbody>
</table>
</div>
${pager}
</section>`;
}

export const consoleAuditPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'audit:read' },
  show,
};
