/**
 * Every action the console offers on one user, each through the operation its admin route calls
 * with the operator as the scope (docs/admin.md): what permission it needs (and whether an app's
 * own admin may do it), whether it goes through the confirmation page first, and how its form
 * becomes the operation's input. The pages run an action inside the operator's audit actor
 * (`via: console`), so each change is recorded as the operator's.
 *
 * An action answers where to go next (a 303 to the user with `?done=`), the fields its form got
 * wrong, or a refusal the operation gave for a reason the operator can act on (`LAST_ADMIN`,
 * `CANNOT_ACT_ON_SELF`, `USER_REVOKED`…) — anything else is thrown for the page server to answer.
 */
import { type ErrorCode, type GatehouseError, isGatehouseError } from '../../core/errors.js';
import type { PageReply, PageSubmission, PageView } from '../../http/route.js';
import { STATUS_BY_CODE } from '../../http/status.js';
import type { FieldError } from '../forms.js';
import { type ConsoleUsersStrings, consoleUsersStringsFor } from '../locales/console-users/index.js';
import { type ConsoleNeed, requirePermission } from './permissions.js';

/** Each action: its permission, and whether it is destructive (confirmation page first). */
export const USER_ACTIONS = {
  edit: { need: { permission: 'users:write' }, confirm: false },
  'set-email': { need: { permission: 'users:write' }, confirm: false },
  suspend: { need: { permission: 'users:write' }, confirm: true },
  reactivate: { need: { permission: 'users:write' }, confirm: false },
  revoke: { need: { permission: 'users:delete' }, confirm: true },
  delete: { need: { permission: 'users:delete' }, confirm: true },
  restore: { need: { permission: 'users:delete' }, confirm: false },
  purge: { need: { permission: 'users:delete' }, confirm: true },
  'end-session': { need: { permission: 'sessions:revoke', tenant: true }, confirm: false },
  'end-sessions': { need: { permission: 'sessions:revoke', tenant: true }, confirm: true },
  'reset-mfa': { need: { permission: 'mfa:reset' }, confirm: true },
  'send-verification': { need: { permission: 'links:send' }, confirm: false },
  'send-password-reset': { need: { permission: 'links:send' }, confirm: false },
  'set-membership': { need: { permission: 'members:write', tenant: true }, confirm: false },
  'remove-membership': { need: { permission: 'members:write', tenant: true }, confirm: true },
  'revoke-token': { need: { permission: 'sessions:revoke' }, confirm: false },
  'revoke-tokens': { need: { permission: 'sessions:revoke' }, confirm: true },
  impersonate: { need: { permission: 'users:impersonate' }, confirm: true },
} as const satisfies Record<string, { readonly need: ConsoleNeed; readonly confirm: boolean }>;

export type UserAction = keyof typeof USER_ACTIONS;

/** Whether `name` names one of the actions. */
export function isUserAction(name: string | null | undefined): name is UserAction {
  return typeof name === 'string' && Object.hasOwn(USER_ACTIONS, name);
}

/** The actions that go through `/console/users/:id/confirm` first. */
export type ConfirmedAction = {
  [A in UserAction]: (typeof USER_ACTIONS)[A]['confirm'] extends true ? A : never;
}[UserAction];

export function isConfirmedAction(name: string | null | undefined): name is ConfirmedAction {
  return isUserAction(name) && USER_ACTIONS[name].confirm;
}

/** Field ids the detail and confirmation pages give the inputs an action reads. */
export const ACTION_FIELDS = {
  name: 'edit-name',
  displayName: 'edit-display-name',
  email: 'new-email',
  reason: 'reason',
  app: 'impersonate-app',
  addApp: 'add-app',
} as const;

/** What an action came to. */
export type ActionOutcome =
  | { readonly kind: 'reply'; readonly reply: PageReply }
  | { readonly kind: 'invalid'; readonly status: number; readonly errors: readonly FieldError[] }
  | { readonly kind: 'refused'; readonly status: number; readonly message: string };

/** The user's page, showing what was done (`done`), with a count or whether anything changed. */
export function doneLocation(userId: string, action: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ done: action, ...extra });
  return `/console/users/${encodeURIComponent(userId)}?${query}`;
}

const done = (userId: string, action: string, extra?: Record<string, string>): ActionOutcome => ({
  kind: 'reply',
  reply: { kind: 'redirect', location: doneLocation(userId, action, extra) },
});

const unchanged = (changed: boolean): Record<string, string> => (changed ? {} : { changed: '0' });

/** Space- or comma-separated words of a text field. */
function words(text: string | null): string[] {
  return (text ?? '').split(/[\s,]+/).filter((w) => w !== '');
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');

/**
 * Runs `action` on `userId` with the submitted form, after checking the operator may. Expected
 * refusals come back as `refused` (with their status); other errors are thrown.
 */
export async function runUserAction(
  submission: PageSubmission,
  userId: string,
  action: UserAction,
): Promise<ActionOutcome> {
  const operator = requirePermission(submission, USER_ACTIONS[action].need);
  const { ops, form } = submission;
  const s = consoleUsersStringsFor(submission);
  try {
    switch (action) {
      case 'edit': {
        const { user } = await ops.getUserDetail(userId, operator);
        const name = (form.get('name') ?? '').trim() || null;
        const displayName = (form.get('displayName') ?? '').trim() || null;
        const emailVerified = form.get('emailVerified') === 'true';
        // Only what changed: the audit event names the fields an edit touched.
        const patch = {
          ...(name === user.name ? {} : { name }),
          ...(displayName === user.displayName ? {} : { displayName }),
          ...(emailVerified === user.emailVerified || user.email === null ? {} : { emailVerified }),
        };
        if (Object.keys(patch).length === 0) return done(userId, action, { changed: '0' });
        await ops.editUser(userId, patch, operator);
        return done(userId, action);
      }
      case 'set-email': {
        const email = (form.get('email') ?? '').trim();
        if (email === '') return invalid(ACTION_FIELDS.email, s.detail.invalid.emailMissing);
        await ops.editUser(userId, { email, reverify: form.get('reverify') === 'true' }, operator);
        return done(userId, action);
      }
      case 'suspend':
      case 'reactivate':
      case 'revoke': {
        const status = ({ suspend: 'suspended', reactivate: 'active', revoke: 'revoked' } as const)[action];
        const result = await ops.setUserStatus(userId, status, operator);
        return done(userId, action, unchanged(result.changed));
      }
      case 'delete':
        return done(userId, action, unchanged((await ops.deleteUser(userId, operator)).changed));
      case 'restore':
        await ops.restoreUser(userId);
        return done(userId, action);
      case 'purge':
        await ops.purgeUser(userId, operator);
        return { kind: 'reply', reply: { kind: 'redirect', location: '/console/users?done=purged' } };
      case 'end-session':
        await ops.endUserSession(userId, form.get('session') ?? '', operator);
        return done(userId, action);
      case 'end-sessions': {
        const { ended } = await ops.endUserSessions(userId, operator);
        return done(userId, action, { count: String(ended) });
      }
      case 'reset-mfa':
        await ops.resetMfa(userId);
        return done(userId, action);
      case 'send-verification':
        await ops.sendVerificationLink(userId, operator);
        return done(userId, action);
      case 'send-password-reset':
        await ops.sendPasswordResetLink(userId, operator);
        return done(userId, action);
      case 'set-membership':
        return await setMembership(submission, userId);
      case 'remove-membership':
        await ops.removeUserFromApp(userId, form.get('app') ?? '', operator);
        return done(userId, action);
      case 'revoke-token':
        await ops.revokeUserToken(userId, form.get('token') ?? '', operator);
        return done(userId, action);
      case 'revoke-tokens': {
        const { revoked } = await ops.revokeUserTokens(userId, operator);
        return done(userId, action, { count: String(revoked) });
      }
      case 'impersonate':
        return await impersonate(submission, userId);
    }
  } catch (error) {
    const refused = refusalOf(submission, action, error);
    if (refused) return refused;
    throw error;
  }
}

function invalid(field: string, message: string, status = 400): ActionOutcome {
  return { kind: 'invalid', status, errors: [{ field, message }] };
}

/**
 * Roles, plan and direct permissions at one app, making the user a member first if needed. The
 * form of an existing membership sends every role shown (`rolesShown`), the plan and the
 * permissions; the form adding one sends an app and, optionally, one role and a plan. Only what
 * differs from the membership now is sent, so the events name real changes.
 */
async function setMembership(submission: PageSubmission, userId: string): Promise<ActionOutcome> {
  const { ops, form } = submission;
  const operator = submission.operator!;
  const appId = form.get('app') ?? '';
  const s = consoleUsersStringsFor(submission).detail.invalid;
  if (appId === '') return invalid(ACTION_FIELDS.addApp, s.appMissing);
  const current = (await ops.listUserApps(userId, operator)).find((m) => m.appId === appId);
  const roles = form.has('rolesShown') ? form.getAll('roles') : words(form.get('role'));
  const plan = (form.get('plan') ?? '').trim();
  const permissions = form.has('permissions') ? words(form.get('permissions')) : undefined;
  const access = {
    ...((current ? sameSet(roles, current.roles) : roles.length === 0) ? {} : { roles }),
    ...(plan === '' || plan === current?.plan ? {} : { plan }),
    ...(permissions === undefined || (current && sameSet(permissions, current.permissions))
      ? {}
      : { permissions }),
    ...(form.get('endSessions') === 'true' ? { endSessions: true } : {}),
  };
  if (current && !('roles' in access) && !('plan' in access) && !('permissions' in access)) {
    return done(userId, 'set-membership', { changed: '0' });
  }
  const { created } = await ops.setUserAppAccess(userId, appId, access, operator);
  return done(userId, 'set-membership', created ? { created: '1' } : {});
}

async function impersonate(submission: PageSubmission, userId: string): Promise<ActionOutcome> {
  const { ops, form } = submission;
  const s = consoleUsersStringsFor(submission).confirm.invalid;
  const reason = (form.get('reason') ?? '').trim();
  if (reason === '') return invalid(ACTION_FIELDS.reason, s.reasonMissing);
  if (reason.length > 500) return invalid(ACTION_FIELDS.reason, s.reasonTooLong(500));
  const appId = form.get('app') ?? '';
  const started = await ops.impersonate(
    submission.operator!.user.id,
    userId,
    { reason, ...(appId === '' ? {} : { appId }) },
    submission.client,
  );
  // The browser becomes the user for the session's short life: its access cookie is replaced
  // (no refresh token exists for it), and the operator's own refresh cookie stays, so ending
  // the impersonation (`/console/impersonation/end`) brings the operator's session back.
  return {
    kind: 'reply',
    reply: {
      kind: 'redirect',
      location: '/account',
      accessToken: { token: started.accessToken, expiresIn: started.expiresIn },
    },
  };
}

/** The refusals an operator can act on, with the message for each. */
const REFUSALS = [
  'LAST_ADMIN',
  'CANNOT_ACT_ON_SELF',
  'USER_REVOKED',
  'USER_SUSPENDED',
  'USER_NOT_ACTIVE',
  'USER_NOT_DELETED',
  'CANNOT_IMPERSONATE_OPERATOR',
  'NOT_A_MEMBER',
  'APP_INACTIVE',
  'APP_NOT_FOUND',
  'ROLE_NOT_FOUND',
  'PLAN_NOT_FOUND',
  'MEMBERSHIP_NOT_FOUND',
  'EMAIL_REQUIRED_FOR_PAID',
  'EMAIL_ALREADY_VERIFIED',
  'EMAIL_MISSING',
  'RATE_LIMITED',
  'INSUFFICIENT_PERMISSION',
] as const satisfies readonly ErrorCode[];

type KnownRefusal = (typeof REFUSALS)[number];

function refusalOf(view: PageView, action: UserAction, error: unknown): ActionOutcome | undefined {
  if (!isGatehouseError(error)) return undefined;
  const s = consoleUsersStringsFor(view);
  const field = fieldRefusal(s, action, error);
  if (field) return field;
  if (error.code === 'NOT_FOUND' && (action === 'end-session' || action === 'revoke-token')) {
    return { kind: 'refused', status: 404, message: s.refused.itemGone };
  }
  if (!(REFUSALS as readonly string[]).includes(error.code)) return undefined;
  return {
    kind: 'refused',
    status: STATUS_BY_CODE[error.code],
    message: s.refused[error.code as KnownRefusal],
  };
}

/** A refusal about what one field of the form said: shown next to it. */
function fieldRefusal(
  s: ConsoleUsersStrings,
  action: UserAction,
  error: GatehouseError,
): ActionOutcome | undefined {
  if (action === 'set-email') {
    if (error.code === 'USER_EXISTS') return invalid(ACTION_FIELDS.email, s.detail.invalid.emailTaken, 409);
    if (error.code === 'VALIDATION_ERROR') return invalid(ACTION_FIELDS.email, s.detail.invalid.email);
  }
  if (action === 'edit' && error.code === 'VALIDATION_ERROR') {
    const path = issuePaths(error)[0] ?? '';
    return path === 'displayName'
      ? invalid(ACTION_FIELDS.displayName, s.detail.invalid.name)
      : invalid(ACTION_FIELDS.name, s.detail.invalid.name);
  }
  if (action === 'set-membership' && error.code === 'VALIDATION_ERROR') {
    const path = issuePaths(error)[0] ?? '';
    const message = path.startsWith('permissions')
      ? s.detail.invalid.permissions
      : path.startsWith('plan')
        ? s.detail.invalid.plan
        : s.detail.invalid.roles;
    return { kind: 'refused', status: 400, message };
  }
  if (action === 'impersonate' && error.code === 'VALIDATION_ERROR') {
    return invalid(ACTION_FIELDS.reason, s.confirm.invalid.reasonMissing);
  }
  return undefined;
}

/** The field paths a `VALIDATION_ERROR` names. */
function issuePaths(error: GatehouseError): string[] {
  const issues = error.details.issues;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue) => String((issue as { path?: unknown }).path ?? ''));
}
