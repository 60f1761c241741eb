/**
 * `/console/apps/:id`: one app's settings — name, status, sign-up, default role and plan, plans,
 * sign-in methods, redirect URLs, CORS origins, audience — changed through `updateApp`, the
 * operation of `PATCH /auth/admin/apps/:id`, with its reach: a tenant admin reaches their own app
 * only (another is 404, AZ-04) and sees the installation-wide fields (redirect URLs, CORS origins,
 * audience) as text, since only console operators may change them; the console app is changed
 * only by an operator holding every permission. Only the fields that differ from the app's are
 * sent, so a tenant admin's unchanged form never touches those fields. Refusals come back next to
 * their field; saved, the page answers 303 back here with a status message. The secret is
 * replaced from its own confirmation page (`…/rotate`).
 */
import { isGatehouseError } from '../../../core/errors.js';
import { CONSOLE_APP_ID } from '../../../core/operators.js';
import type { PageRead, PageReply, PageRoute, PageSubmission } from '../../../http/route.js';
import { STATUS_BY_CODE } from '../../../http/status.js';
import type { AppView } from '../../../services/apps/app-view.js';
import type { AppPatch } from '../../../services/apps/update-app.js';
import {
  APP_FIELD,
  type AppFormValues,
  appRefusal,
  lines,
  linesField,
  newMemberFields,
  readPlans,
  readValues,
  valuesOf,
} from '../../console/app-form.js';
import { loadApp, noSuchApp } from '../../console/app-load.js';
import { appPath, appTabs } from '../../console/app-tabs.js';
import { consolePage, dateTime, problemNotice, statusNotice } from '../../console/console-page.js';
import { selectField, textField } from '../../console/fields.js';
import { allows, holdsEverything, requirePermission } from '../../console/permissions.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppsStringsFor } from '../../locales/console-apps/index.js';
import { appStatusBadge } from './apps.js';

const PATH = '/console/apps/:id';

const WRITE = { permission: 'apps:write', tenant: true } as const;

/** What the operator may do with `app` here. */
function powers(view: PageRead, app: AppView) {
  const operator = view.operator;
  const edit = allows(operator, WRITE) && (app.id !== CONSOLE_APP_ID || holdsEverything(operator));
  return {
    edit,
    /** Redirect URLs, CORS origins and the audience: console operators only (app-reach.ts). */
    wide: edit && operator?.appId === null,
    /** As `POST /auth/admin/apps/:id/rotate-secret`: console operators with `apps:write`. */
    rotate: allows(operator, { permission: 'apps:write' }),
  };
}

interface State {
  readonly values?: AppFormValues;
  readonly errors?: readonly FieldError[];
  readonly notice?: SafeHtml;
}

function listOrNone(view: PageRead, items: readonly string[]): SafeHtml {
  if (items.length === 0) return html`${consoleAppsStringsFor(view).common.none}`;
  return html`<ul>${items.map((item) => html`<li><code>${item}</code></li>`)}</ul>`;
}

function facts(view: PageRead, app: AppView, wide: boolean): SafeHtml {
  const s = consoleAppsStringsFor(view);
  const t = s.settings;
  const f = s.fields;
  return html`<h2 id="facts-heading">${t.facts}</h2>
<dl class="gh-facts">
<dt>${t.id}</dt><dd><code>${app.id}</code></dd>
<dt>${t.kind}</dt><dd>${app.isDefault ? t.defaultApp : app.id === CONSOLE_APP_ID ? t.consoleApp : t.ordinaryApp}</dd>
<dt>${f.statusLabel}</dt><dd>${appStatusBadge(view, app)}</dd>
<dt>${t.hasSecret}</dt><dd>${app.hasSecret ? s.common.yes : s.common.no}</dd>
<dt>${t.created}</dt><dd>${dateTime(view, app.createdAt)}</dd>
<dt>${t.updated}</dt><dd>${dateTime(view, app.updatedAt)}</dd>
${
  wide
    ? ''
    : html`<dt>${f.redirectUrlsLabel}</dt><dd>${listOrNone(view, app.redirectUrls)}</dd>
<dt>${f.corsOriginsLabel}</dt><dd>${listOrNone(view, app.corsOrigins)}</dd>
<dt>${f.audienceLabel}</dt><dd><code>${app.audience}</code></dd>`
}
</dl>`;
}

/** The default and the console app cannot be disabled: their form offers no status. */
const canDisable = (app: AppView) => !app.isDefault && app.id !== CONSOLE_APP_ID;

function form(
  view: PageRead,
  app: AppView,
  roles: readonly string[],
  values: AppFormValues,
  errors: readonly FieldError[],
  wide: boolean,
): SafeHtml {
  const s = consoleAppsStringsFor(view);
  const f = s.fields;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const withCurrent = (names: readonly string[], current: string) =>
    names.includes(current) || current === '' ? names : [...names, current];
  return html`<h2 id="settings-heading">${s.settings.formHeading}</h2>
${!wide && html`<p>${s.settings.tenantNote}</p>`}
<form method="post" action="${appPath(app.id)}" novalidate>
${csrfField(view)}
${textField({ id: APP_FIELD.name, name: 'name', type: 'text', label: f.nameLabel, autocomplete: 'off', value: values.name, maxLength: 100, error: error(APP_FIELD.name) })}
${
  canDisable(app) &&
  selectField({
    id: APP_FIELD.status,
    name: 'status',
    label: f.statusLabel,
    hint: f.statusHint,
    selected: values.status,
    options: (['active', 'disabled'] as const).map((st) => ({ value: st, label: s.common.statuses[st] })),
    error: error(APP_FIELD.status),
  })
}
${newMemberFields(view, values, error, {
  roles: withCurrent(roles, values.defaultRole),
  plans: withCurrent(
    app.plans.map((p) => p.name),
    values.defaultPlan,
  ),
  planHint: true,
})}
${linesField({ id: APP_FIELD.plans, name: 'plans', label: f.plansLabel, hint: f.plansHint, value: values.plans, error: error(APP_FIELD.plans) })}
${linesField({ id: APP_FIELD.signInMethods, name: 'signInMethods', label: f.methodsLabel, hint: f.methodsHint, value: values.signInMethods, error: error(APP_FIELD.signInMethods) })}
${
  wide &&
  html`${linesField({ id: APP_FIELD.redirectUrls, name: 'redirectUrls', label: f.redirectUrlsLabel, hint: f.redirectUrlsHint, value: values.redirectUrls, error: error(APP_FIELD.redirectUrls) })}
${linesField({ id: APP_FIELD.corsOrigins, name: 'corsOrigins', label: f.corsOriginsLabel, hint: f.corsOriginsHint, value: values.corsOrigins, error: error(APP_FIELD.corsOrigins) })}
${textField({ id: APP_FIELD.audience, name: 'audience', type: 'text', label: f.audienceLabel, hint: f.audienceHint, autocomplete: 'off', value: values.audience, maxLength: 512, error: error(APP_FIELD.audience) })}`
}
<button type="submit">${s.settings.submit}</button>
</form>`;
}

function secretSection(view: PageRead, app: AppView): SafeHtml {
  const t = consoleAppsStringsFor(view).settings;
  return html`<section class="gh-section" aria-labelledby="secret-heading">
<h2 id="secret-heading">${t.secretHeading}</h2>
<p>${t.secretBody}</p>
<p><a href="${appPath(app.id)}/rotate">${t.rotate}</a></p>
</section>`;
}

async function render(view: PageRead, status: number, app: AppView, state: State = {}): Promise<PageReply> {
  const s = consoleAppsStringsFor(view);
  const can = powers(view, app);
  const roles = can.edit ? (await view.ops.listRoles(app.id, view.operator!)).map((r) => r.name) : [];
  const done = status === 200 && view.query.get('done') === 'saved' ? s.settings.saved : undefined;
  const note = !can.edit
    ? app.id === CONSOLE_APP_ID && allows(view.operator, WRITE)
      ? s.settings.consoleNote
      : s.settings.readOnlyNote
    : undefined;
  // The default and the console app's form has no status to link to: its refusal is said above.
  const unplaced = (state.errors ?? []).filter((e) => e.field === APP_FIELD.status && !canDisable(app));
  const placed = (state.errors ?? []).filter((e) => !unplaced.includes(e));
  return consolePage(
    view,
    status,
    app.name,
    html`<h1>${app.name}</h1>
${appTabs(view, app.id, 'settings')}
${statusNotice(done)}
${state.notice}
${unplaced.map((e) => problemNotice(e.message))}
${errorSummary(s.common.errorSummaryTitle, placed)}
<p><a href="/console/apps">${s.common.backToList}</a></p>
${facts(view, app, can.edit && can.wide)}
${note && html`<p>${note}</p>`}
${can.edit && form(view, app, roles, state.values ?? valuesOf(app), placed, can.wide)}
${can.rotate && secretSection(view, app)}`,
  );
}

/**
 * The change the form asks for: only the fields that differ from the app's; or the form's own
 * errors (a plan line that is not `name` or `name paid`).
 */
function patchFrom(view: PageRead, app: AppView, values: AppFormValues): AppPatch | FieldError {
  const current = valuesOf(app);
  const patch: Record<string, unknown> = {};
  const differs = (name: keyof AppFormValues) => values[name] !== current[name];
  for (const name of ['name', 'status', 'signUp', 'defaultRole', 'defaultPlan', 'audience'] as const) {
    if (differs(name)) patch[name] = values[name];
  }
  const plans = readPlans(values.plans);
  if ('badLine' in plans) {
    return { field: APP_FIELD.plans, message: consoleAppsStringsFor(view).invalid.plans(plans.badLine) };
  }
  if (JSON.stringify(plans.plans) !== JSON.stringify(app.plans)) patch.plans = plans.plans;
  const methods = lines(values.signInMethods);
  if (JSON.stringify(methods) !== JSON.stringify(app.signInMethods ?? [])) {
    patch.signInMethods = methods.length === 0 ? null : methods;
  }
  for (const name of ['redirectUrls', 'corsOrigins'] as const) {
    const list = lines(values[name]);
    if (JSON.stringify(list) !== JSON.stringify(app[name])) patch[name] = list;
  }
  return patch as AppPatch;
}

async function submit(submission: PageSubmission): Promise<PageReply> {
  const operator = requirePermission(submission, WRITE);
  const app = await loadApp(submission);
  if (!app) return noSuchApp(submission);
  const s = consoleAppsStringsFor(submission);
  const values = readValues(submission.form, valuesOf(app));
  const patch = patchFrom(submission, app, values);
  if ('field' in patch && 'message' in patch) {
    return render(submission, 400, app, { values, errors: [patch as FieldError] });
  }
  try {
    await submission.ops.updateApp(app.id, patch as AppPatch, operator);
    return { kind: 'redirect', location: `${appPath(app.id)}?done=saved` };
  } catch (error) {
    // A tenant admin's change to a field every app trusts: said on the form, nothing saved.
    if (
      isGatehouseError(error) &&
      error.code === 'INSUFFICIENT_PERMISSION' &&
      operator.appId !== null &&
      app.id !== CONSOLE_APP_ID
    ) {
      return render(submission, 403, app, {
        values,
        notice: problemNotice(s.settings.refused, s.settings.refusedBody),
      });
    }
    const field = appRefusal(submission, app.id, error);
    if (!field || !isGatehouseError(error)) throw error;
    return render(submission, STATUS_BY_CODE[error.code], app, { values, errors: [field] });
  }
}

export const consoleAppPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'apps:read', tenant: true },
  async show(view) {
    const app = await loadApp(view);
    if (!app) return noSuchApp(view);
    return render(view, 200, app);
  },
  submit,
};
