/**
 * `/console/users/:id/confirm?action=…`: the confirmation step of a destructive action on a user
 * (suspend, revoke, delete, purge, reset second factors, end every session, revoke every token,
 * remove from an app, impersonate). `GET` says what will happen and changes nothing; `POST` does
 * it — only with the confirming button's `confirm=yes`, so a post without it does nothing — then
 * goes back to the user's page with a status message. Works without JavaScript. Impersonation
 * asks for its reason (and the app) here; a refusal is shown here with its status.
 */
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { UserDetail } from '../../../services/admin/user-detail.js';
import { consolePage, problemNotice } from '../../console/console-page.js';
import { selectField, textAreaField } from '../../console/fields.js';
import { requirePermission } from '../../console/permissions.js';
import type { AccessContext } from '../../console/user-access-sections.js';
import {
  ACTION_FIELDS,
  type ConfirmedAction,
  isConfirmedAction,
  runUserAction,
  USER_ACTIONS,
} from '../../console/user-actions.js';
import { userLabel, userPath } from '../../console/user-facts.js';
import { csrfField, errorSummary, type FieldError } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleUsersStringsFor } from '../../locales/console-users/index.js';
import { loadUser, noSuchUser } from './users-id.js';

const PATH = '/console/users/:id/confirm';

interface ConfirmState {
  readonly errors?: readonly FieldError[];
  readonly notice?: SafeHtml;
  readonly reason?: string;
  readonly app?: string;
}

/** The action named by the form (a post) or the query (the page). */
function actionOf(view: PageRead, form?: URLSearchParams): ConfirmedAction | undefined {
  const action = form?.get('action') ?? view.query.get('action');
  return isConfirmedAction(action) ? action : undefined;
}

function unknownAction(view: PageRead, userId: string): PageReply {
  const s = consoleUsersStringsFor(view);
  return consolePage(
    view,
    400,
    s.confirm.unknown.title,
    html`<h1>${s.confirm.unknown.title}</h1>
<p>${s.confirm.unknown.body}</p>
<p><a href="${userPath(userId)}">${s.common.backToUser}</a></p>`,
  );
}

function render(
  view: PageRead,
  status: number,
  action: ConfirmedAction,
  loaded: { detail: UserDetail; context: AccessContext },
  app: string,
  state: ConfirmState = {},
): PageReply {
  const s = consoleUsersStringsFor(view);
  const c = s.confirm;
  const { detail, context } = loaded;
  const who = userLabel(detail.user);
  const appName = context.apps.find((a) => a.id === app)?.name ?? app;
  const title = c.titles[action](who);
  const what =
    action === 'remove-membership'
      ? c.removeMembership(appName)
      : action === 'end-sessions'
        ? c.endSessions(detail.sessions.length)
        : action === 'revoke-tokens'
          ? c.revokeTokens(detail.tokens.length)
          : action === 'impersonate'
            ? c.impersonate(view.settings.admin.impersonationTtl / 60)
            : c.consequences[action];
  const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  const memberApps = detail.memberships.map((m) => ({
    value: m.appId,
    label: context.apps.find((a) => a.id === m.appId)?.name ?? m.appId,
  }));
  const fields =
    action === 'impersonate'
      ? html`${textAreaField({ id: ACTION_FIELDS.reason, name: 'reason', label: c.reasonLabel, hint: c.reasonHint, value: state.reason ?? '', maxLength: 500, error: error(ACTION_FIELDS.reason) })}
${memberApps.length > 1 && selectField({ id: ACTION_FIELDS.app, name: 'app', label: c.appLabel, hint: c.appHint, selected: state.app ?? '', options: [{ value: '', label: c.defaultApp }, ...memberApps] })}`
      : html``;
  const query = new URLSearchParams({ action, ...(app === '' ? {} : { app }) });
  return consolePage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${state.notice}
${errorSummary(s.common.errorSummaryTitle, state.errors ?? [])}
<p>${what}</p>
<form method="post" action="${userPath(detail.user.id)}/confirm?${query.toString()}" novalidate>
${csrfField(view)}
<input type="hidden" name="action" value="${action}">
${app !== '' && html`<input type="hidden" name="app" value="${app}">`}
${fields}
<div class="gh-actions">
<button type="submit" name="confirm" value="yes" class="gh-button-danger">${c.buttons[action]}</button>
<a href="${userPath(detail.user.id)}">${c.cancel}</a>
</div>
</form>`,
  );
}

export const consoleUserConfirmPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'users:read', tenant: true },
  async show(view) {
    const userId = view.params.id ?? '';
    const action = actionOf(view);
    if (!action) return unknownAction(view, userId);
    requirePermission(view, USER_ACTIONS[action].need);
    const loaded = await loadUser(view);
    if (!loaded) return noSuchUser(view);
    return render(view, 200, action, loaded, view.query.get('app') ?? '');
  },
  async submit(submission) {
    const userId = submission.params.id ?? '';
    const action = actionOf(submission, submission.form);
    if (!action) return unknownAction(submission, userId);
    requirePermission(submission, USER_ACTIONS[action].need);
    const app = submission.form.get('app') ?? '';
    const again = async (status: number, state: ConfirmState) => {
      const loaded = await loadUser(submission);
      if (!loaded) return noSuchUser(submission);
      return render(submission, status, action, loaded, action === 'remove-membership' ? app : '', {
        reason: submission.form.get('reason') ?? '',
        app,
        ...state,
      });
    };
    if (submission.form.get('confirm') !== 'yes') {
      // Nothing is done without the confirming button.
      return again(400, { notice: problemNotice(consoleUsersStringsFor(submission).confirm.notConfirmed) });
    }
    const outcome = await runUserAction(submission, userId, action);
    if (outcome.kind === 'reply') return outcome.reply;
    if (outcome.kind === 'refused') return again(outcome.status, { notice: problemNotice(outcome.message) });
    return again(outcome.status, { errors: outcome.errors });
  },
};
