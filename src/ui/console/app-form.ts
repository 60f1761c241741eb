/**
 * The app settings form both console apps pages share (`/console/apps/new` and
 * `/console/apps/:id`): its fields as the form carries them — lists one per line, plans as
 * `name` or `name paid` lines — read back into the fields `createApp` and `updateApp` take, and
 * their refusals (`VALIDATION_ERROR`'s issue paths, `AUDIENCE_TAKEN`) turned into messages next
 * to the field at fault, with the line when the issue names one.
 */
import { DEFAULT_APP_ID, type Plan } from '../../core/apps.js';
import { isGatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { PageView } from '../../http/route.js';
import type { AppView } from '../../services/apps/app-view.js';
import { selectField } from '../account/fields.js';
import type { FieldError } from '../forms.js';
import { html, type SafeHtml } from '../html.js';
import { consoleAppsStringsFor } from '../locales/console-apps/index.js';

/** The form controls' ids (the error summary links to them). */
export const APP_FIELD = {
  name: 'app-name',
  status: 'app-status',
  signUp: 'app-sign-up',
  defaultRole: 'app-default-role',
  defaultPlan: 'app-default-plan',
  plans: 'app-plans',
  signInMethods: 'app-sign-in-methods',
  redirectUrls: 'app-redirect-urls',
  corsOrigins: 'app-cors-origins',
  audience: 'app-audience',
} as const;

/** The form's fields as it carries them: text, lists one entry per line. */
export interface AppFormValues {
  readonly name: string;
  readonly status: string;
  readonly signUp: string;
  readonly defaultRole: string;
  readonly defaultPlan: string;
  readonly plans: string;
  readonly signInMethods: string;
  readonly redirectUrls: string;
  readonly corsOrigins: string;
  readonly audience: string;
}

/** The word after a plan's name marking it paid (the same in every language, like the names). */
const PAID = 'paid';

/** The non-empty lines of `text`, trimmed. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Plans as the form writes them: one per line, `name` or `name paid`. */
export function plansText(plans: readonly Plan[]): string {
  return plans.map((p) => (p.paid ? `${p.name} ${PAID}` : p.name)).join('\n');
}

/** The plans of the form's lines, or the line (1-based) that is not `name` or `name paid`. */
export function readPlans(text: string): { plans: Plan[] } | { badLine: number } {
  const plans: Plan[] = [];
  for (const [index, line] of lines(text).entries()) {
    const [name, paid, ...rest] = line.split(/\s+/);
    if (!name || rest.length > 0 || (paid !== undefined && paid.toLowerCase() !== PAID)) {
      return { badLine: index + 1 };
    }
    plans.push({ name, paid: paid !== undefined });
  }
  return { plans };
}

/** The form's values for `app` as it is. */
export function valuesOf(app: AppView): AppFormValues {
  return {
    name: app.name,
    status: app.status,
    signUp: app.signUp,
    defaultRole: app.defaultRole,
    defaultPlan: app.defaultPlan,
    plans: plansText(app.plans),
    signInMethods: (app.signInMethods ?? []).join('\n'),
    redirectUrls: app.redirectUrls.join('\n'),
    corsOrigins: app.corsOrigins.join('\n'),
    audience: app.audience,
  };
}

const LISTS: ReadonlySet<string> = new Set(['plans', 'signInMethods', 'redirectUrls', 'corsOrigins']);

/** What the browser sent; a field it did not send is `fallback`'s. */
export function readValues(form: URLSearchParams, fallback: AppFormValues): AppFormValues {
  const get = (name: keyof AppFormValues) => {
    const value = form.get(name);
    return value === null ? fallback[name] : LISTS.has(name) ? value : value.trim();
  };
  return {
    name: get('name'),
    status: get('status'),
    signUp: get('signUp'),
    defaultRole: get('defaultRole'),
    defaultPlan: get('defaultPlan'),
    plans: get('plans'),
    signInMethods: get('signInMethods'),
    redirectUrls: get('redirectUrls'),
    corsOrigins: get('corsOrigins'),
    audience: get('audience'),
  };
}

/** A text area for a list, one entry per line; empty is allowed. */
export function linesField(f: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
  readonly error?: string;
  readonly rows?: number;
}): SafeHtml {
  const hintId = f.hint ? `${f.id}-hint` : undefined;
  const errorId = f.error ? `${f.id}-error` : undefined;
  const ids = [hintId, errorId].filter(Boolean).join(' ');
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
${f.hint && html`<span class="gh-hint" id="${hintId}">${f.hint}</span>`}
${f.error && html`<span class="gh-field-error" id="${errorId}">${f.error}</span>`}
<textarea id="${f.id}" name="${f.name}" rows="${String(f.rows ?? 4)}" autocomplete="off" spellcheck="false"${
    ids ? html` aria-describedby="${ids}"` : ''
  }${f.error ? html` aria-invalid="true"` : ''}>${f.value}</textarea>
</div>`;
}

/** The 1-based line an issue path names (`redirectUrls.2` → 3), if it names one. */
function lineOf(path: string): number | undefined {
  const index = path.split('.')[1];
  return index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : undefined;
}

/**
 * The field a refusal of `createApp` or `updateApp` is about, in the page's words; undefined for
 * any other error (the page server's refusal page answers it).
 */
export function appRefusal(
  view: Pick<PageView, 'locale'>,
  appId: string | undefined,
  error: unknown,
): FieldError | undefined {
  if (!isGatehouseError(error)) return undefined;
  const s = consoleAppsStringsFor(view).invalid;
  if (error.code === 'AUDIENCE_TAKEN') return { field: APP_FIELD.audience, message: s.audienceTaken };
  if (error.code !== 'VALIDATION_ERROR') return undefined;
  const issues = Array.isArray(error.details.issues) ? error.details.issues : [];
  const path = String((issues[0] as { path?: unknown } | undefined)?.path ?? '');
  const [field = ''] = path.split('.');
  switch (field) {
    case 'name':
      return { field: APP_FIELD.name, message: s.name };
    case 'status':
      return {
        field: APP_FIELD.status,
        message:
          appId === DEFAULT_APP_ID
            ? s.defaultAppDisabled
            : appId === CONSOLE_APP_ID
              ? s.consoleDisabled
              : s.status,
      };
    case 'signUp':
      return { field: APP_FIELD.signUp, message: appId === CONSOLE_APP_ID ? s.consoleOpen : s.signUp };
    case 'defaultRole':
      return { field: APP_FIELD.defaultRole, message: s.defaultRole };
    case 'defaultPlan':
      return { field: APP_FIELD.defaultPlan, message: s.defaultPlan };
    case 'plans':
      return { field: APP_FIELD.plans, message: s.plans(lineOf(path)) };
    case 'signInMethods':
      return { field: APP_FIELD.signInMethods, message: s.methods(lineOf(path)) };
    case 'redirectUrls':
      return { field: APP_FIELD.redirectUrls, message: s.redirectUrls(lineOf(path)) };
    case 'corsOrigins':
      return { field: APP_FIELD.corsOrigins, message: s.corsOrigins(lineOf(path)) };
    case 'audience':
      return {
        field: APP_FIELD.audience,
        message: /default app/.test(String((issues[0] as { message?: unknown }).message))
          ? s.audienceFallback
          : s.audience,
      };
    default:
      return { field: APP_FIELD.name, message: s.name };
  }
}

/**
 * What a new member gets — sign-up mode, default role, default plan — as the create and the
 * settings forms both ask it; each form passes the role and plan names it offers.
 */
export function newMemberFields(
  view: PageView,
  values: AppFormValues,
  error: (field: string) => string | undefined,
  offer: { readonly roles: readonly string[]; readonly plans: readonly string[]; readonly planHint: boolean },
): SafeHtml {
  const s = consoleAppsStringsFor(view);
  const f = s.fields;
  const named = (names: readonly string[]) => names.map((name) => ({ value: name, label: name }));
  return html`${selectField({
    id: APP_FIELD.signUp,
    name: 'signUp',
    label: f.signUpLabel,
    hint: f.signUpHint,
    selected: values.signUp,
    options: (['open', 'invite_only'] as const).map((mode) => ({
      value: mode,
      label: s.common.signUp[mode],
    })),
    error: error(APP_FIELD.signUp),
  })}
${selectField({
  id: APP_FIELD.defaultRole,
  name: 'defaultRole',
  label: f.defaultRoleLabel,
  hint: f.defaultRoleHint,
  selected: values.defaultRole,
  options: named(offer.roles),
  error: error(APP_FIELD.defaultRole),
})}
${selectField({
  id: APP_FIELD.defaultPlan,
  name: 'defaultPlan',
  label: f.defaultPlanLabel,
  ...(offer.planHint ? { hint: f.defaultPlanHint } : {}),
  selected: values.defaultPlan,
  options: named(offer.plans),
  error: error(APP_FIELD.defaultPlan),
})}`;
}
