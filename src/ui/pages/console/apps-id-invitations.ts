/**
 * `/console/apps/:id/invitations`: an app's open invitations (address, role, status, sent,
 * expiry), a form inviting an address with one of the app's roles, and withdrawing one. The
 * invitation's link goes out by mail only — its token is never on a page, as it is never in an
 * API answer. Withdrawing goes through a confirmation step that works without JavaScript: the
 * row's button opens `?revoke=<id>`, which says what will happen and changes nothing; its button
 * posts `confirm=yes`. The same operations and reach as `/auth/admin/apps/{appId}/invitations`:
 * a tenant admin reaches their own app only; inviting to the console app only to a role whose
 * permissions the inviter holds.
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute, PageSubmission } from '../../../http/route.js';
import { STATUS_BY_CODE } from '../../../http/status.js';
import type { AppView } from '../../../services/apps/app-view.js';
import type { InvitationView } from '../../../services/invitations/invitation-view.js';
import {
  APP_READ,
  appAccessPage,
  appAccessPath,
  issuePaths,
  loadApp,
  mayInvite,
  noSuchApp,
  requireWrite,
} from '../../console/app-access-page.js';
import { dateTime, problemNotice, statusNotice } from '../../console/console-page.js';
import { selectField, textField } from '../../console/fields.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleAppAccessStringsFor } from '../../locales/console-app-access/index.js';
import { seeOther } from '../../view.js';

const FIELDS = { email: 'invite-email', role: 'invite-role' } as const;

interface InviteState {
  readonly email?: string;
  readonly role?: string;
  readonly errors?: readonly FieldError[];
  readonly notice?: SafeHtml;
}

const listPath = (appId: string) => appAccessPath(appId, '/invitations');

function table(view: PageRead, app: AppView, invitations: readonly InvitationView[]): SafeHtml {
  const s = consoleAppAccessStringsFor(view);
  const i = s.invitations;
  if (invitations.length === 0) return html`<p>${i.none}</p>`;
  const revoke = mayInvite(view);
  return html`<div class="gh-table-wrap gh-table-scroll" role="region" aria-label="${i.heading}" tabindex="0"><table>
<caption class="gh-visually-hidden">${i.heading}</caption>
<thead><tr><th scope="col">${i.email}</th><th scope="col">${i.role}</th><th scope="col">${i.status}</th><th scope="col">${i.sent}</th><th scope="col">${i.expires}</th>${
    revoke && html`<th scope="col"><span class="gh-visually-hidden">${i.action}</span></th>`
  }</tr></thead>
<tbody>${invitations.map(
    (invitation) => html`<tr>
<th scope="row">${invitation.email}</th>
<td><code>${invitation.role}</code></td>
<td>${i.open}</td>
<td>${dateTime(view, invitation.createdAt)}</td>
<td>${dateTime(view, invitation.expiresAt)}</td>
${
  revoke &&
  html`<td><form method="get" action="${listPath(app.id)}">
<input type="hidden" name="revoke" value="${invitation.id}">
<button type="submit" class="gh-button-danger">${i.revoke}<span class="gh-visually-hidden"> – ${invitation.email}</span></button>
</form></td>`
}
</tr>`,
  )}</tbody>
</table></div>`;
}

async function inviteForm(view: PageRead, app: AppView, state: InviteState): Promise<SafeHtml> {
  const i = consoleAppAccessStringsFor(view).invitations;
  const roles = await view.ops.listRoles(app.id, view.operator);
  const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  return html`<section class="gh-section" aria-labelledby="invite">
<h2 id="invite">${i.addHeading}</h2>
<form method="post" action="${listPath(app.id)}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="invite">
${textField({ id: FIELDS.email, name: 'email', type: 'email', label: i.emailLabel, hint: i.emailHint, autocomplete: 'off', value: state.email ?? '', maxLength: 320, error: error(FIELDS.email) })}
${selectField({ id: FIELDS.role, name: 'role', label: i.roleLabel, hint: i.roleHint, selected: state.role ?? app.defaultRole, options: roles.map((role) => ({ value: role.name, label: role.name })), error: error(FIELDS.role) })}
<button type="submit">${i.send}</button>
</form>
</section>`;
}

async function render(
  view: PageRead,
  app: AppView,
  status: number,
  state: InviteState = {},
): Promise<PageReply> {
  const s = consoleAppAccessStringsFor(view);
  const i = s.invitations;
  const invitations = await view.ops.listInvitations(app.id, view.operator);
  let done: string | undefined;
  if (status === 200 && view.query.get('done') === 'sent') {
    const sent = invitations.find((invitation) => invitation.id === view.query.get('invitation'));
    if (sent) done = i.done.sent(sent.email);
  } else if (status === 200 && view.query.get('done') === 'revoked') {
    done = i.done.revoked;
  }
  return appAccessPage(
    view,
    status,
    i.title(app.name),
    app,
    'invitations',
    html`${statusNotice(done)}
${state.notice}
${errorSummary(s.common.errorSummaryTitle, state.errors ?? [])}
<h2>${i.heading}</h2>
<p>${i.intro}</p>
${table(view, app, invitations)}
${mayInvite(view) && (await inviteForm(view, app, state))}`,
  );
}

/** The confirmation step of withdrawing `invitation`. */
function confirmation(
  view: PageRead,
  app: AppView,
  invitation: InvitationView,
  status: number,
  notice?: SafeHtml,
): PageReply {
  const i = consoleAppAccessStringsFor(view).invitations;
  return appAccessPage(
    view,
    status,
    i.confirmTitle(invitation.email),
    app,
    'invitations',
    html`${notice}
<p>${i.confirmBody}</p>
<form method="post" action="${listPath(app.id)}">
${csrfField(view)}
<input type="hidden" name="action" value="revoke">
<input type="hidden" name="invitation" value="${invitation.id}">
<div class="gh-actions">
<button type="submit" name="confirm" value="yes" class="gh-button-danger">${i.confirmButton}</button>
<a href="${listPath(app.id)}">${i.keep}</a>
</div>
</form>`,
  );
}

async function openInvitation(view: PageRead, app: AppView, id: string): Promise<InvitationView | undefined> {
  return (await view.ops.listInvitations(app.id, view.operator)).find((invitation) => invitation.id === id);
}

async function invite(submission: PageSubmission, app: AppView): Promise<PageReply> {
  const i = consoleAppAccessStringsFor(submission).invitations;
  const email = (submission.form.get('email') ?? '').trim();
  const role = submission.form.get('role') ?? '';
  const again = (status: number, field: string, message: string) =>
    render(submission, app, status, { email, role, errors: [{ field, message }] });
  if (email === '') return again(400, FIELDS.email, i.invalid.emailMissing);
  try {
    const created = await submission.ops.createInvitation(
      { appId: app.id, email, ...(role === '' ? {} : { role }) },
      submission.operator,
    );
    return seeOther(`${listPath(app.id)}?${new URLSearchParams({ done: 'sent', invitation: created.id })}`);
  } catch (error) {
    if (!isGatehouseError(error)) throw error;
    switch (error.code) {
      case 'VALIDATION_ERROR':
        return issuePaths(error).some((path) => path.startsWith('role'))
          ? again(400, FIELDS.role, i.invalid.role)
          : again(400, FIELDS.email, i.invalid.email);
      case 'ROLE_NOT_FOUND':
        return again(400, FIELDS.role, i.invalid.role);
      case 'INSUFFICIENT_PERMISSION':
        return again(403, FIELDS.role, i.invalid.roleNotHeld);
      case 'APP_INACTIVE':
        return render(submission, app, STATUS_BY_CODE.APP_INACTIVE, {
          email,
          role,
          notice: problemNotice(i.appInactive),
        });
      default:
        throw error;
    }
  }
}

async function revoke(submission: PageSubmission, app: AppView): Promise<PageReply> {
  const s = consoleAppAccessStringsFor(submission);
  const id = submission.form.get('invitation') ?? '';
  const invitation = await openInvitation(submission, app, id);
  if (!invitation) return render(submission, app, 404, { notice: problemNotice(s.invitations.gone) });
  if (submission.form.get('confirm') !== 'yes') {
    // Nothing is done without the confirming button.
    return confirmation(submission, app, invitation, 400, problemNotice(s.common.notConfirmed));
  }
  try {
    await submission.ops.revokeInvitation(app.id, invitation.id, submission.operator);
  } catch (error) {
    if (!isGatehouseError(error) || error.code !== 'NOT_FOUND') throw error;
    return render(submission, app, 404, { notice: problemNotice(s.invitations.gone) });
  }
  return seeOther(`${listPath(app.id)}?done=revoked`);
}

export const consoleAppInvitationsPage: PageRoute = {
  path: '/console/apps/:id/invitations',
  access: 'operator',
  admin: APP_READ,
  async show(view) {
    const app = await loadApp(view);
    if (!app) return noSuchApp(view);
    const revoking = view.query.get('revoke');
    if (revoking !== null && mayInvite(view)) {
      const invitation = await openInvitation(view, app, revoking);
      if (!invitation) {
        return render(view, app, 404, {
          notice: problemNotice(consoleAppAccessStringsFor(view).invitations.gone),
        });
      }
      return confirmation(view, app, invitation, 200);
    }
    return render(view, app, 200);
  },
  async submit(submission) {
    requireWrite(submission);
    const app = await loadApp(submission);
    if (!app) return noSuchApp(submission);
    return submission.form.get('action') === 'revoke' ? revoke(submission, app) : invite(submission, app);
  },
};
