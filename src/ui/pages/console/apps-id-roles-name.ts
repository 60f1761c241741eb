/**
 * `/console/apps/:id/roles/:name`: one role of an app — its description and permissions as a
 * form (built-in `admin` always holds `*`, so only its description), and deleting it. Deleting
 * goes through a confirmation step that works without JavaScript: the page's `?confirm=delete`
 * says what will happen and changes nothing; its button posts `confirm=yes`, and a post without
 * it does nothing. A role in use — built in, the app's default, held by a member or given by an
 * open invitation — is refused (409 `ROLE_IN_USE`) with a message saying which and what to do.
 * The same operations and reach as `/auth/admin/apps/{appId}/roles/{name}`.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute, PageSubmission } from '../../../http/route.js';
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
import { problemNotice, statusNotice } from '../../console/console-page.js';
import { textField } from '../../console/fields.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppAccessStringsFor } from '../../locales/console-app-access/index.js';
import { seeOther } from '../../view.js';
import { linesField, rolePath } from './apps-id-roles.js';

const FIELDS = { description: 'role-description', permissions: 'role-permissions' } as const;

interface RoleState {
  readonly description?: string;
  readonly permissions?: string;
  readonly errors?: readonly FieldError[];
  readonly notice?: SafeHtml;
}

async function loadRole(view: PageRead, app: AppView): Promise<RoleView | undefined> {
  const name = view.params.name ?? '';
  return (await view.ops.listRoles(app.id, view.operator)).find((role) => role.name === name);
}

function noSuchRole(view: PageRead, app: AppView): PageReply {
  const s = consoleAppAccessStringsFor(view);
  return appAccessPage(
    view,
    404,
    s.role.noSuchRole.title,
    app,
    'roles',
    html`<p>${s.role.noSuchRole.body}</p>
<p><a href="${appAccessPath(app.id, '/roles')}">${s.role.back}</a></p>`,
  );
}

const isAdmin = (role: RoleView) => role.builtIn && role.name === 'admin';

function notes(view: PageRead, app: AppView, role: RoleView): SafeHtml {
  const r = consoleAppAccessStringsFor(view).role;
  return html`${role.builtIn && html`<p>${isAdmin(role) ? r.adminNote : r.builtInNote}</p>`}
${role.name === app.defaultRole && html`<p>${r.defaultNote}</p>`}`;
}

function editForm(view: PageRead, app: AppView, role: RoleView, state: RoleState): SafeHtml {
  const s = consoleAppAccessStringsFor(view);
  const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  return html`<section class="gh-section" aria-labelledby="change-role">
<h2 id="change-role">${s.role.changeHeading}</h2>
<form method="post" action="${rolePath(app.id, role.name)}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="save">
${textField({ id: FIELDS.description, name: 'description', type: 'text', label: s.roles.descriptionLabel, hint: s.roles.descriptionHint, autocomplete: 'off', value: state.description ?? role.description ?? '', maxLength: 200, optional: true, error: error(FIELDS.description) })}
${isAdmin(role) ? '' : linesField({ id: FIELDS.permissions, name: 'permissions', label: s.roles.permissionsLabel, hint: s.roles.permissionsHint, value: state.permissions ?? role.permissions.join('\n'), error: error(FIELDS.permissions) })}
<button type="submit">${s.role.save}</button>
</form>
</section>`;
}

function deleteSection(view: PageRead, app: AppView, role: RoleView): SafeHtml {
  const r = consoleAppAccessStringsFor(view).role;
  if (role.builtIn) {
    return html`<section class="gh-section" aria-labelledby="delete-role">
<h2 id="delete-role">${r.deleteHeading}</h2>
<p>${r.cannotDelete}</p>
</section>`;
  }
  return html`<section class="gh-section" aria-labelledby="delete-role">
<h2 id="delete-role">${r.deleteHeading}</h2>
<p>${r.deleteIntro}</p>
<form method="get" action="${rolePath(app.id, role.name)}">
<input type="hidden" name="confirm" value="delete">
<button type="submit" class="gh-button-danger">${r.deleteButton}</button>
</form>
</section>`;
}

function render(
  view: PageRead,
  app: AppView,
  role: RoleView,
  status: number,
  state: RoleState = {},
): PageReply {
  const s = consoleAppAccessStringsFor(view);
  const r = s.roles;
  const change = mayChangeRoles(view, app.id);
  return appAccessPage(
    view,
    status,
    s.role.title(role.name, app.name),
    app,
    'roles',
    html`${status === 200 && view.query.get('done') === 'updated' ? statusNotice(r.done.updated(role.name)) : ''}
${state.notice}
${errorSummary(s.common.errorSummaryTitle, state.errors ?? [])}
<dl class="gh-facts">
<dt>${r.name}</dt><dd><code>${role.name}</code></dd>
<dt>${r.description}</dt><dd>${role.description ?? s.common.none}</dd>
<dt>${r.permissions}</dt><dd>${role.permissions.length === 0 ? s.common.none : html`<code>${role.permissions.join(', ')}</code>`}</dd>
<dt>${r.kind}</dt><dd>${role.builtIn ? r.builtIn : r.custom}</dd>
</dl>
${notes(view, app, role)}
${change && editForm(view, app, role, state)}
${change && deleteSection(view, app, role)}
<p><a href="${appAccessPath(app.id, '/roles')}">${s.role.back}</a></p>`,
  );
}

/** The confirmation step of deleting `role`. */
function confirmation(
  view: PageRead,
  app: AppView,
  role: RoleView,
  status: number,
  notice?: SafeHtml,
): PageReply {
  const s = consoleAppAccessStringsFor(view);
  const r = s.role;
  return appAccessPage(
    view,
    status,
    r.confirmTitle(role.name),
    app,
    'roles',
    html`${notice}
<p>${r.confirmBody}</p>
<form method="post" action="${rolePath(app.id, role.name)}">
${csrfField(view)}
<input type="hidden" name="action" value="delete">
<div class="gh-actions">
<button type="submit" name="confirm" value="yes" class="gh-button-danger">${r.confirmButton}</button>
<a href="${rolePath(app.id, role.name)}">${s.common.cancel}</a>
</div>
</form>`,
  );
}

/** Why `role` cannot be deleted, in words the operator can act on. */
function inUseMessage(view: PageRead, app: AppView, role: RoleView): string {
  const r = consoleAppAccessStringsFor(view).role.inUse;
  if (role.builtIn) return r.builtIn;
  if (role.name === app.defaultRole) return r.defaultRole;
  return r.held;
}

async function save(submission: PageSubmission, app: AppView, role: RoleView): Promise<PageReply> {
  const r = consoleAppAccessStringsFor(submission).roles;
  const description = (submission.form.get('description') ?? '').trim();
  const permissions = submission.form.get('permissions');
  const patch = {
    description: description === '' ? null : description,
    ...(permissions === null || isAdmin(role) ? {} : { permissions: lines(permissions) }),
  };
  try {
    await submission.ops.updateRole(app.id, role.name, patch, submission.operator);
  } catch (error) {
    if (!isGatehouseError(error) || error.code !== 'VALIDATION_ERROR') throw error;
    const errors = [...new Set(issuePaths(error).map((path) => path.split('.')[0]))].map((field) =>
      field === 'description'
        ? { field: FIELDS.description, message: r.invalid.description }
        : { field: FIELDS.permissions, message: r.invalid.permissions },
    );
    return render(submission, app, role, 400, { description, permissions: permissions ?? '', errors });
  }
  return seeOther(`${rolePath(app.id, role.name)}?done=updated`);
}

async function remove(submission: PageSubmission, app: AppView, role: RoleView): Promise<PageReply> {
  const s = consoleAppAccessStringsFor(submission);
  if (submission.form.get('confirm') !== 'yes') {
    // Nothing is done without the confirming button.
    return confirmation(submission, app, role, 400, problemNotice(s.common.notConfirmed));
  }
  try {
    await submission.ops.deleteRole(app.id, role.name, submission.operator);
  } catch (error) {
    if (!isGatehouseError(error) || error.code !== 'ROLE_IN_USE') throw error;
    return render(submission, app, role, 409, {
      notice: problemNotice(inUseMessage(submission, app, role)),
    });
  }
  return seeOther(
    `${appAccessPath(app.id, '/roles')}?${new URLSearchParams({ done: 'deleted', role: role.name })}`,
  );
}

export const consoleAppRolePage: PageRoute = {
  path: '/console/apps/:id/roles/:name',
  access: 'operator',
  admin: APP_READ,
  async show(view) {
    const app = await loadApp(view);
    if (!app) return noSuchApp(view);
    const role = await loadRole(view, app);
    if (!role) return noSuchRole(view, app);
    if (view.query.get('confirm') === 'delete' && mayChangeRoles(view, app.id)) {
      if (role.builtIn) {
        return render(view, app, role, 409, { notice: problemNotice(inUseMessage(view, app, role)) });
      }
      return confirmation(view, app, role, 200);
    }
    return render(view, app, role, 200);
  },
  async submit(submission) {
    requireWrite(submission);
    const app = await loadApp(submission);
    if (!app) return noSuchApp(submission);
    const role = await loadRole(submission, app);
    if (!role) return noSuchRole(submission, app);
    requireRoleChange(submission, app.id);
    return submission.form.get('action') === 'delete'
      ? remove(submission, app, role)
      : save(submission, app, role);
  },
};
