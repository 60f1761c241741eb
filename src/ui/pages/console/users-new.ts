/**
 * `/console/users/new`: an operator creates a user — address and/or username, name, display
 * name, the verified flag, a password now or a mailed link to set one, and memberships of apps
 * (each with the app's default role and plan; the user's page changes them afterwards) — through
 * `provisionUser`, the operation of `POST /auth/admin/users` (`users:write`, console operators
 * only). Refusals come back next to their field; the new user's page follows.
 */
import { type GatehouseError, isGatehouseError } from '../../../core/errors.js';
import { CONSOLE_APP_ID } from '../../../core/operators.js';
import type { PageRead, PageReply, PageRoute, PageSubmission } from '../../../http/route.js';
import { STATUS_BY_CODE } from '../../../http/status.js';
import type { AppView } from '../../../services/apps/app-view.js';
import { consolePage } from '../../console/console-page.js';
import { checkboxField, textField } from '../../console/fields.js';
import { userPath } from '../../console/user-facts.js';
import { csrfField, errorSummary, type FieldError, passwordRefusal } from '../../forms.js';
import { html } from '../../html.js';
import { consoleUsersStringsFor } from '../../locales/console-users/index.js';

const PATH = '/console/users/new';

const FIELD = {
  email: 'email',
  username: 'username',
  name: 'name',
  displayName: 'display-name',
  mode: 'password-mode-link',
  password: 'password',
  apps: 'apps-first',
} as const;

interface Values {
  readonly email: string;
  readonly username: string;
  readonly name: string;
  readonly displayName: string;
  readonly emailVerified: boolean;
  readonly mode: 'link' | 'password';
  readonly apps: readonly string[];
}

const EMPTY: Values = {
  email: '',
  username: '',
  name: '',
  displayName: '',
  emailVerified: false,
  mode: 'link',
  apps: [],
};

/** The apps a new user can join here: every app in reach but the console (operators are made there). */
async function joinable(view: PageRead): Promise<AppView[]> {
  return (await view.ops.listApps(view.operator!)).filter((app) => app.id !== CONSOLE_APP_ID);
}

function render(
  view: PageRead,
  status: number,
  apps: readonly AppView[],
  values: Values,
  errors: readonly FieldError[] = [],
): PageReply {
  const s = consoleUsersStringsFor(view);
  const c = s.create;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return consolePage(
    view,
    status,
    c.title,
    html`<h1>${c.title}</h1>
${errorSummary(s.common.errorSummaryTitle, errors)}
<p><a href="/console/users">${s.common.backToList}</a></p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${textField({ id: FIELD.email, name: 'email', type: 'email', label: c.emailLabel, hint: c.emailHint, autocomplete: 'off', value: values.email, optional: true, maxLength: 320, error: error(FIELD.email) })}
${textField({ id: FIELD.username, name: 'username', type: 'text', label: c.usernameLabel, hint: c.usernameHint, autocomplete: 'off', value: values.username, optional: true, maxLength: 32, error: error(FIELD.username) })}
${textField({ id: FIELD.name, name: 'name', type: 'text', label: c.nameLabel, autocomplete: 'off', value: values.name, optional: true, maxLength: 1000, error: error(FIELD.name) })}
${textField({ id: FIELD.displayName, name: 'displayName', type: 'text', label: c.displayNameLabel, autocomplete: 'off', value: values.displayName, optional: true, maxLength: 1000, error: error(FIELD.displayName) })}
${checkboxField({ id: 'email-verified', name: 'emailVerified', label: c.verifiedLabel, hint: c.verifiedHint, checked: values.emailVerified })}
<fieldset${error(FIELD.mode) ? html` aria-describedby="password-mode-error"` : ''}>
<legend>${c.passwordLegend}</legend>
${error(FIELD.mode) && html`<span class="gh-field-error" id="password-mode-error">${error(FIELD.mode)}</span>`}
<div class="gh-check">
<input id="${FIELD.mode}" name="passwordMode" type="radio" value="link"${values.mode === 'link' ? html` checked` : ''}>
<label for="${FIELD.mode}">${c.mailLink}</label>
</div>
<div class="gh-check">
<input id="password-mode-set" name="passwordMode" type="radio" value="password"${values.mode === 'password' ? html` checked` : ''}>
<label for="password-mode-set">${c.setPassword}</label>
</div>
${textField({ id: FIELD.password, name: 'password', type: 'password', label: c.passwordLabel, hint: c.passwordHint(view.settings.passwordMinLength), autocomplete: 'new-password', optional: true, maxLength: 1024, error: error(FIELD.password) })}
</fieldset>
<fieldset>
<legend>${c.appsLegend}</legend>
${
  apps.length === 0
    ? html`<p>${c.noApps}</p>`
    : html`<p class="gh-hint" id="apps-hint">${c.appsHint}</p>
${error(FIELD.apps) && html`<span class="gh-field-error">${error(FIELD.apps)}</span>`}
${apps.map((app, i) =>
  checkboxField({
    id: i === 0 ? FIELD.apps : `app-${app.id}`,
    name: 'apps',
    value: app.id,
    label: app.name,
    checked: values.apps.includes(app.id),
  }),
)}`
}
</fieldset>
<button type="submit">${c.submit}</button>
</form>`,
  );
}

function readValues(form: URLSearchParams): Values {
  const get = (name: string) => (form.get(name) ?? '').trim();
  return {
    email: get('email'),
    username: get('username'),
    name: get('name'),
    displayName: get('displayName'),
    emailVerified: form.get('emailVerified') === 'true',
    mode: form.get('passwordMode') === 'password' ? 'password' : 'link',
    apps: form.getAll('apps'),
  };
}

/** The field a refusal of `provisionUser` is about, in the page's words. */
function refusalField(submission: PageSubmission, error: unknown, password: string): FieldError | undefined {
  if (!isGatehouseError(error)) return undefined;
  const c = consoleUsersStringsFor(submission).create.invalid;
  switch (error.code) {
    case 'USER_EXISTS':
      return { field: FIELD.email, message: c.emailTaken };
    case 'USERNAME_TAKEN':
      return { field: FIELD.username, message: c.usernameTaken };
    case 'WEAK_PASSWORD':
      return { field: FIELD.password, message: passwordRefusal(submission, password) };
    case 'APP_NOT_FOUND':
    case 'ROLE_NOT_FOUND':
    case 'PLAN_NOT_FOUND':
      return { field: FIELD.apps, message: c.apps };
    case 'EMAIL_REQUIRED_FOR_PAID':
      return { field: FIELD.apps, message: c.paidNeedsAddress };
    case 'VALIDATION_ERROR': {
      const issues = Array.isArray(error.details.issues) ? error.details.issues : [];
      const path = String((issues[0] as { path?: unknown } | undefined)?.path ?? '');
      if (path.startsWith('username')) return { field: FIELD.username, message: c.username };
      if (path.startsWith('password')) return { field: FIELD.password, message: c.passwordMissing };
      if (path.startsWith('displayName')) return { field: FIELD.displayName, message: c.name };
      if (path.startsWith('name')) return { field: FIELD.name, message: c.name };
      if (path.startsWith('memberships')) return { field: FIELD.apps, message: c.apps };
      return { field: FIELD.email, message: c.email };
    }
    default:
      return undefined;
  }
}

export const consoleUsersNewPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'users:write' },
  hashes: true,
  async show(view) {
    return render(view, 200, await joinable(view), EMPTY);
  },
  async submit(submission) {
    const c = consoleUsersStringsFor(submission).create.invalid;
    const values = readValues(submission.form);
    const password = submission.form.get('password') ?? '';
    const errors: FieldError[] = [];
    if (values.email === '' && values.username === '')
      errors.push({ field: FIELD.email, message: c.emailOrUsername });
    if (values.mode === 'password' && password === '')
      errors.push({ field: FIELD.password, message: c.passwordMissing });
    if (values.mode === 'link' && values.email === '' && values.username !== '')
      errors.push({ field: FIELD.mode, message: c.linkNeedsAddress });
    const apps = await joinable(submission);
    if (errors.length > 0) return render(submission, 400, apps, values, errors);
    try {
      const created = await submission.ops.provisionUser({
        ...(values.email === '' ? {} : { email: values.email }),
        ...(values.username === '' ? {} : { username: values.username }),
        ...(values.name === '' ? {} : { name: values.name }),
        ...(values.displayName === '' ? {} : { displayName: values.displayName }),
        emailVerified: values.emailVerified,
        ...(values.mode === 'password' ? { password } : {}),
        memberships: values.apps.map((appId) => ({ appId })),
      });
      const link = created.setPasswordLinkSent ? '&link=1' : '';
      return { kind: 'redirect', location: `${userPath(created.user.id)}?done=created${link}` };
    } catch (error) {
      const field = refusalField(submission, error, password);
      if (!field) throw error;
      return render(submission, STATUS_BY_CODE[(error as GatehouseError).code], apps, values, [field]);
    }
  },
};
