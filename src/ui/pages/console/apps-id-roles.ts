/**
 * `/console/apps/:id/roles`: an app's roles — name, description, permissions, built in or
 * custom, which one new members get — each linking to its own page, and a form adding a custom
 * role (name, description, permissions one per line), for operators holding `apps:write` (the
 * console app's roles: only those holding every permission). The same operations and reach as
 * `/auth/admin/apps/{appId}/roles`: a tenant admin reaches their own app only, any other is a
 * 404 page. Works without JavaScript: the form posts here, then a 303 back with a status message.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { AppView } from '../../../services/apps/app-view.js';
import type { RoleView } from '../../../services/roles/role-view.js';
import {
  APP_READ,
  appAccessPage,
  appAccessPath,
  issuePaths,
  lines,
  loadApp,
  mayChangeRoles,
  noSuchApp,
  requireRoleChange,
  requireWrite,
} from '../../console/app-access-page.js';
import { statusNotice } from '../../console/console-page.js';
import { textField } from '../../console/fields.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppAccessStringsFor } from '../../locales/console-app-access/index.js';
import { seeOther } from '../../view.js';

const FIELDS = {
  name: 'role-name',
  description: 'role-description',
  permissions: 'role-permissions',
} as const;

/** What the add form was sent with, shown again with its errors. */
interface AddState {
  readonly name?: string;
  readonly description?: string;
  readonly permissions?: string;
  readonly errors?: readonly FieldError[];
}

/** The path of one role's page. */
export function rolePath(appId: string, role: string): string {
  return appAccessPath(appId, `/roles/${encodeURIComponent(role)}`);
}

/** A labelled text area that may be left empty (permissions, one per line). */
export function linesField(f: {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly error?: string;
}): SafeHtml {
  const describedBy = [`${f.id}-hint`, f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="gh-field">
<label for="${f.id}">${f.label}</label>
<span class="gh-hint" id="${f.id}-hint">${f.hint}</span>
${f.error && html`<span class="gh-field-error" id="${f.id}-error">${f.error}</span>`}
<textarea id="${f.id}" name="${f.name}" rows="4" autocomplete="off" spellcheck="false" aria-describedby="${describedBy}"${
    f.error ? html` aria-invalid="true"` : ''
  }>${f.value}</textarea>
</div>`;
}

function rolesTable(view: PageRead, app: AppView, roles: readonly RoleView[]): SafeHtml {
  const s = consoleAppAccessStringsFor(view);
  const r = s.roles;
  return html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${r.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${r.heading}</caption>
<thead><tr><th scope="col">${r.name}</th><th scope="col">${r.description}</th><th scope="col">${r.permissions}</th><th scope="col">${r.kind}</th><th scope="col"><span class="gh-visually-hidden">${r.action}</span></th></tr></thead>
<tbody>${roles.map(
    (role) => html`<tr>
<th scope="row"><code>${role.name}</code>${
      role.name === app.defaultRole && html` <span class="gh-badge">${r.defaultRole}</span>`
    }</th>
<td>${role.description ?? s.common.none}</td>
<td>${role.permissions.length === 0 ? s.common.none : html`<code>${role.permissions.join(', ')}</code>`}</td>
<td>${role.builtIn ? r.builtIn : r.custom}</td>
<td><a href="${rolePath(app.id, role.name)}">${r.open}<span class="gh-visually-hidden"> – ${role.name}</span></a></td>
</tr>`,
  )}</tbody>
</table></div>`;
}

function addForm(view: PageRead, app: AppView, state: AddState): SafeHtml {
  const s = consoleAppAccessStringsFor(view);
  const r = s.roles;
  const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  return html`<section class="gh-section" aria-labelledby="add-role">
<h2 id="add-role">${r.addHeading}</h2>
<form method="post" action="${appAccessPath(app.id, '/roles')}" novalidate>
${csrfField(view)}
${textField({ id: FIELDS.name, name: 'name', type: 'text', label: r.nameLabel, hint: r.nameHint, autocomplete: 'off', value: state.name ?? '', maxLength: 40, error: error(FIELDS.name) })}
${textField({ id: FIELDS.description, name: 'description', type: 'text', label: r.descriptionLabel, hint: r.descriptionHint, autocomplete: 'off', value: state.description ?? '', maxLength: 200, optional: true, error: error(FIELDS.description) })}
${linesField({ id: FIELDS.permissions, name: 'permissions', label: r.permissionsLabel, hint: r.permissionsHint, value: state.permissions ?? '', error: error(FIELDS.permissions) })}
<button type="submit">${r.add}</button>
</form>
</section>`;
}

function doneMessage(view: PageRead): string | undefined {
  const done = consoleAppAccessStringsFor(view).roles.done;
  const role = view.query.get('role') ?? '';
  switch (view.query.get('done')) {
    case 'created':
      return done.created(role);
    case 'deleted':
      return done.deleted(role);
    default:
      return undefined;
  }
}

async function render(
  view: PageRead,
  app: AppView,
  status: number,
  state: AddState = {},
): Promise<PageReply> {
  const s = consoleAppAccessStringsFor(view);
  const roles = await view.ops.listRoles(app.id, view.operator);
  return appAccessPage(
    view,
    status,
    s.roles.title(app.name),
    app,
    'roles',
    html`${status === 200 ? statusNotice(doneMessage(view)) : ''}
${errorSummary(s.common.errorSummaryTitle, state.errors ?? [])}
${rolesTable(view, app, roles)}
${mayChangeRoles(view, app.id) && addForm(view, app, state)}`,
  );
}

export const consoleAppRolesPage: PageRoute = {
  path: '/console/apps/:id/roles',
  access: 'operator',
  admin: APP_READ,
  async show(view) {
    const app = await loadApp(view);
    if (!app) return noSuchApp(view);
    return render(view, app, 200);
  },
  async submit(submission) {
    requireWrite(submission);
    const app = await loadApp(submission);
    if (!app) return noSuchApp(submission);
    requireRoleChange(submission, app.id);
    const r = consoleAppAccessStringsFor(submission).roles;
    const { form, ops } = submission;
    const name = (form.get('name') ?? '').trim();
    const description = (form.get('description') ?? '').trim();
    const permissions = form.get('permissions') ?? '';
    const state = { name, description, permissions };
    if (name === '')
      return render(submission, app, 400, {
        ...state,
        errors: [{ field: FIELDS.name, message: r.invalid.nameMissing }],
      });
    try {
      await ops.createRole(
        app.id,
        { name, permissions: lines(permissions), ...(description === '' ? {} : { description }) },
        submission.operator,
      );
    } catch (error) {
      if (!isGatehouseError(error)) throw error;
      if (error.code === 'ROLE_EXISTS') {
        return render(submission, app, 409, {
          ...state,
          errors: [{ field: FIELDS.name, message: r.invalid.exists }],
        });
      }
      if (error.code === 'VALIDATION_ERROR') {
        const errors = [...new Set(issuePaths(error).map((path) => path.split('.')[0]))].map((field) =>
          field === 'permissions'
            ? { field: FIELDS.permissions, message: r.invalid.permissions }
            : field === 'description'
              ? { field: FIELDS.description, message: r.invalid.description }
              : { field: FIELDS.name, message: r.invalid.name },
        );
        return render(submission, app, 400, { ...state, errors });
      }
      throw error;
    }
    return seeOther(
      `${appAccessPath(app.id, '/roles')}?${new URLSearchParams({ done: 'created', role: name })}`,
    );
  },
};
