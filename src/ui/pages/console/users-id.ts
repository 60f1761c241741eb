/**
 * `/console/users/:id`: one user — profile, status, second factors, identities, apps with roles
 * and plan, live sessions, personal access tokens, the latest audit events — and every action of
 * the admin API on them as forms (`src/ui/console/user-actions.ts`). An action that changes
 * something at once posts here and comes back with a 303 and a status message (`?done=`); a
 * destructive one goes through `/console/users/:id/confirm` first, and posting it here only sends
 * the browser there. Refusals (`LAST_ADMIN`, `CANNOT_ACT_ON_SELF`, …) are shown on this page with
 * their status. The same operation and reach as `GET /auth/admin/users/{id}`: a tenant admin
 * sees their own app's members only, anyone else is 404 (AZ-04).
 */
import { isGatehouseError } from '../../../core/errors.js';
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import type { UserDetail } from '../../../services/admin/user-detail.js';
import type { RoleView } from '../../../services/roles/role-view.js';
import { confirmPath } from '../../console/action-button.js';
import { consolePage, dateTime, problemNotice, statusNotice } from '../../console/console-page.js';
import { allows } from '../../console/permissions.js';
import {
  type AccessContext,
  appsSection,
  eventsSection,
  impersonateSection,
  sessionsSection,
  tokensSection,
} from '../../console/user-access-sections.js';
import { isConfirmedAction, isUserAction, runUserAction, USER_ACTIONS } from '../../console/user-actions.js';
import { userLabel } from '../../console/user-facts.js';
import {
  editSections,
  type FormState,
  factorsSection,
  identitiesSection,
  linksSection,
  profileSection,
  statusSection,
} from '../../console/user-sections.js';
import { errorSummary } from '../../forms.js';
import { html, type SafeHtml } from '../../html.js';
import { consoleUsersStringsFor } from '../../locales/console-users/index.js';

const PATH = '/console/users/:id';

/** The user's detail and what the page needs beside it; a user out of reach is a 404 page. */
export async function loadUser(
  view: PageRead,
): Promise<{ detail: UserDetail; context: AccessContext } | undefined> {
  const operator = view.operator!;
  try {
    const detail = await view.ops.getUserDetail(view.params.id ?? '', operator);
    const apps = await view.ops.listApps(operator);
    const roles = new Map<string, readonly RoleView[]>();
    if (allows(operator, USER_ACTIONS['set-membership'].need)) {
      for (const m of detail.memberships) roles.set(m.appId, await view.ops.listRoles(m.appId, operator));
    }
    return { detail, context: { apps, roles } };
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** The console's 404 for a user that does not exist (or is beyond a tenant admin's app). */
export function noSuchUser(view: PageRead): PageReply {
  const s = consoleUsersStringsFor(view);
  return consolePage(
    view,
    404,
    s.detail.notFound.title,
    html`<h1>${s.detail.notFound.title}</h1>
<p>${s.detail.notFound.body}</p>
<p><a href="/console/users">${s.common.backToList}</a></p>`,
  );
}

/** The message for `?done=` after an action, when it names one. */
function doneMessage(view: PageRead, detail: UserDetail): string | undefined {
  const s = consoleUsersStringsFor(view).done;
  const action = view.query.get('done');
  const unchanged = view.query.get('changed') === '0';
  const count = Number(view.query.get('count') ?? '0');
  const n = Number.isSafeInteger(count) && count >= 0 ? count : 0;
  const { user } = detail;
  switch (action) {
    case 'created':
      return view.query.get('link') === '1' && user.email ? s.createdLinkSent(user.email) : s.created;
    case 'edit':
      return unchanged ? s.nothingChanged : s.edit;
    case 'set-email':
      return s.setEmail;
    case 'suspend':
    case 'reactivate':
    case 'revoke':
      return unchanged ? s.statusUnchanged : s[action];
    case 'delete':
      return unchanged
        ? s.statusUnchanged
        : user.restorableUntil
          ? s.delete(dateTime(view, user.restorableUntil))
          : s.statusUnchanged;
    case 'restore':
      return s.restore(consoleUsersStringsFor(view).status[user.status]);
    case 'end-sessions':
      return s.endSessions(n);
    case 'revoke-tokens':
      return s.revokeTokens(n);
    case 'set-membership':
      return unchanged ? s.nothingChanged : view.query.get('created') === '1' ? s.joined : s.setMembership;
    case 'end-session':
    case 'reset-mfa':
    case 'send-verification':
    case 'send-password-reset':
    case 'remove-membership':
    case 'revoke-token':
      return s[action];
    default:
      return undefined;
  }
}

export function renderUser(
  view: PageRead,
  status: number,
  loaded: { detail: UserDetail; context: AccessContext },
  options: { notice?: SafeHtml; form?: FormState } = {},
): PageReply {
  const s = consoleUsersStringsFor(view);
  const { detail, context } = loaded;
  const title = userLabel(detail.user);
  return consolePage(
    view,
    status,
    title,
    html`<h1>${title}</h1>
${status === 200 && statusNotice(doneMessage(view, detail))}
${options.notice}
${errorSummary(s.common.errorSummaryTitle, options.form?.errors ?? [])}
<p><a href="/console/users">${s.common.backToList}</a></p>
${profileSection(view, detail)}
${statusSection(view, detail)}
${editSections(view, detail, options.form)}
${linksSection(view, detail)}
${factorsSection(view, detail)}
${identitiesSection(view, detail)}
${appsSection(view, detail, context)}
${sessionsSection(view, detail, context)}
${tokensSection(view, detail, context)}
${impersonateSection(view, detail)}
${eventsSection(view, detail)}`,
  );
}

export const consoleUserPage: PageRoute = {
  path: PATH,
  access: 'operator',
  admin: { permission: 'users:read', tenant: true },
  async show(view) {
    const loaded = await loadUser(view);
    return loaded ? renderUser(view, 200, loaded) : noSuchUser(view);
  },
  async submit(submission) {
    const userId = submission.params.id ?? '';
    const action = submission.form.get('action');
    if (isConfirmedAction(action)) {
      // A destructive action is done only from its confirmation page.
      const fields: Record<string, string> = {};
      for (const name of ['app', 'session', 'token']) {
        const value = submission.form.get(name);
        if (value) fields[name] = value;
      }
      return { kind: 'redirect', location: confirmPath(userId, action, fields) };
    }
    const s = consoleUsersStringsFor(submission);
    if (!isUserAction(action)) {
      const loaded = await loadUser(submission);
      if (!loaded) return noSuchUser(submission);
      return renderUser(submission, 400, loaded, { notice: problemNotice(s.refused.unknownAction) });
    }
    const outcome = await runUserAction(submission, userId, action);
    if (outcome.kind === 'reply') return outcome.reply;
    const loaded = await loadUser(submission);
    if (!loaded) return noSuchUser(submission);
    if (outcome.kind === 'refused') {
      return renderUser(submission, outcome.status, loaded, { notice: problemNotice(outcome.message) });
    }
    const values = Object.fromEntries(
      ['name', 'displayName', 'email', 'reverify']
        .filter((name) => submission.form.has(name))
        .map((name) => [name, submission.form.get(name) ?? '']),
    );
    return renderUser(submission, outcome.status, loaded, { form: { errors: outcome.errors, values } });
  },
};
