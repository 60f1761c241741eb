/**
 * `/console/apps/new`: a console operator registers an app — its name, who may sign up, what new
 * members get, the sign-in methods, redirect URLs, CORS origins and audience — through
 * `createApp`, the operation of `POST /auth/admin/apps` (`apps:write`, console operators only,
 * as there). Refusals come back next to their field; success answers the post with the app's
 * secret, shown this once (never in a redirect, never again).
 */
import { BUILT_IN_ROLES, DEFAULT_PLANS } from '../../../core/apps.js';
import type { GatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute, PageSubmission } from '../../../http/route.js';
import { STATUS_BY_CODE } from '../../../http/status.js';
import type { NewApp } from '../../../services/apps/create-app.js';
import {
  APP_FIELD,
  type AppFormValues,
  appRefusal,
  lines,
  linesField,
  newMemberFields,
  plansText,
  readValues,
} from '../../console/app-form.js';
import { secretPage } from '../../console/app-secret.js';
import { consolePage } from '../../console/console-page.js';
import { textField } from '../../console/fields.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html } from '../../html.js';
import { consoleAppsStringsFor } from '../../locales/console-apps/index.js';

const PATH = '/console/apps/new';

const EMPTY: AppFormValues = {
  name: '',
  status: 'active',
  signUp: 'open',
  defaultRole: 'member',
  defaultPlan: DEFAULT_PLANS[0]!.name,
  plans: plansText(DEFAULT_PLANS),
  signInMethods: '',
  redirectUrls: '',
  corsOrigins: '',
  audience: '',
};

function render(
  view: PageRead,
  status: number,
  values: AppFormValues,
  errors: readonly FieldError[] = [],
): PageReply {
  const s = consoleAppsStringsFor(view);
  const f = s.fields;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return consolePage(
    view,
    status,
    s.create.title,
    html`<h1>${s.create.title}</h1>
${errorSummary(s.common.errorSummaryTitle, errors)}
<p><a href="/console/apps">${s.common.backToList}</a></p>
<p>${s.create.intro}</p>
<form method="post" action="${PATH}" novalidate>
${csrfField(view)}
${textField({ id: APP_FIELD.name, name: 'name', type: 'text', label: f.nameLabel, autocomplete: 'off', value: values.name, maxLength: 100, error: error(APP_FIELD.name) })}
${newMemberFields(view, values, error, {
  roles: BUILT_IN_ROLES.map((role) => role.name),
  plans: DEFAULT_PLANS.map((plan) => plan.name),
  planHint: false,
})}
${linesField({ id: APP_FIELD.signInMethods, name: 'signInMethods', label: f.methodsLabel, hint: f.methodsHint, value: values.signInMethods, error: error(APP_FIELD.signInMethods) })}
${linesField({ id: APP_FIELD.redirectUrls, name: 'redirectUrls', label: f.redirectUrlsLabel, hint: f.redirectUrlsHint, value: values.redirectUrls, error: error(APP_FIELD.redirectUrls) })}
${linesField({ id: APP_FIELD.corsOrigins, name: 'corsOrigins', label: f.corsOriginsLabel, hint: f.corsOriginsHint, value: values.corsOrigins, error: error(APP_FIELD.corsOrigins) })}
${textField({ id: APP_FIELD.audience, name: 'audience', type: 'text', label: f.audienceLabel, hint: f.audienceNewHint, autocomplete: 'off', value: values.audience, optional: true, maxLength: 512, error: error(APP_FIELD.audience) })}
<button type="submit">${s.create.submit}</button>
</form>`,
  );
}

/** The input `createApp` takes from the form (what was left empty takes its default). */
function newAppFrom(values: AppFormValues): NewApp {
  const methods = lines(values.signInMethods);
  const audience = values.audience;
  return {
    name: values.name,
    signUp: values.signUp as NewApp['signUp'],
    defaultRole: values.defaultRole,
    defaultPlan: values.defaultPlan,
    ...(methods.length === 0 ? {} : { signInMethods: methods }),
    redirectUrls: lines(values.redirectUrls),
    corsOrigins: lines(values.corsOrigins),
    ...(audience === '' ? {} : { audience }),
  };
}

async function submit(submission: PageSubmission): Promise<PageReply> {
  const s = consoleAppsStringsFor(submission);
  const values = readValues(submission.form, { ...EMPTY, signUp: '', defaultRole: '', defaultPlan: '' });
  if (values.name === '') {
    return render(submission, 400, values, [{ field: APP_FIELD.name, message: s.invalid.name }]);
  }
  try {
    const created = await submission.ops.createApp(newAppFrom(values));
    return secretPage(
      submission,
      200,
      created.app,
      created.secret,
      s.created.title,
      s.created.body(created.app.name),
    );
  } catch (error) {
    const field = appRefusal(submission, undefined, error);
    if (!field) throw error;
    return render(submission, STATUS_BY_CODE[(error as GatehouseError).code], values, [field]);
  }
}

export const consoleAppsNewPage: PageRoute = {
  path: PATH,
  access: 'operator',
  // As `POST /auth/admin/apps`: console operators only, never a tenant admin.
  admin: { permission: 'apps:write' },
  show: (view) => render(view, 200, EMPTY),
  submit,
};
