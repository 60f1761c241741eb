/**
 * The operators' operations, bound to one instance's context: what the admin API and the CLI call,
 * and what an embedder calls to run the installation (docs/embedding.md "Operators"). Spread into
 * `createOperations`, so they are operations like any other.
 */
import { addPasswordCredential } from '../accounts/add-password.js';
import { reactivateUser, revokeUser, suspendUser } from '../accounts/change-status.js';
import { createUser, type NewUser } from '../accounts/create-user.js';
import { type ImportedUser, type ImportOptions, importUsers } from '../accounts/import-users.js';
import { listUsers, type UserListQuery } from '../accounts/list-users.js';
import { purgeDeletedUsers, restoreUser } from '../accounts/restore-user.js';
import { rotatePassword } from '../accounts/rotate-password.js';
import { updateUser } from '../accounts/update-user.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { type Actor, withActor } from '../events/actor.js';
import { type AuditPageQuery, listAuditEvents } from '../events/list-audit-events.js';
import { runHousekeeping } from '../housekeeping/run-housekeeping.js';
import { resetMfa } from '../mfa/reset-mfa.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { type AdminNeed, resolveOperator } from '../operators/resolve-operator.js';
import type { AppReach } from './app-reach.js';
import type { AuditFilter } from './audit-filter.js';
import type { AuditExportFormat } from './audit-lines.js';
import { type ProvisionUserInput, provisionUser } from './create-user.js';
import { deleteUser } from './delete-user.js';
import { editUser } from './edit-user.js';
import { endUserSession } from './end-user-session.js';
import { endUserSessions } from './end-user-sessions.js';
import { type ExportOptions, exportAudit } from './export-audit.js';
import { impersonate } from './impersonate.js';
import { listUserApps } from './list-user-apps.js';
import { listUserSessions } from './list-user-sessions.js';
import { listUserTokens } from './list-user-tokens.js';
import { purgeUser } from './purge-user.js';
import { removeUserFromApp } from './remove-user-from-app.js';
import { revokeUserToken } from './revoke-user-token.js';
import { revokeUserTokens } from './revoke-user-tokens.js';
import { sendPasswordResetLink } from './send-password-reset-link.js';
import { sendVerificationLink } from './send-verification-link.js';
import { type EmailSetting, setUserEmail } from './set-email.js';
import { setUserAppAccess, type UserAppAccess } from './set-user-app-access.js';
import { type SettableStatus, setUserStatus } from './set-user-status.js';
import { getStats, type StatsQuery } from './stats.js';
import { getUserDetail } from './user-detail.js';

export function adminOperations(ctx: ServiceContext) {
  return {
    /** Operators: an account without a password (see `addPasswordCredential`). */
    createUser: (input: NewUser) => createUser(ctx, input),
    /** Operators: a first password for an account that has none (`PASSWORD_EXISTS` otherwise). */
    addPasswordCredential: (userId: string, password: string) => addPasswordCredential(ctx, userId, password),
    /** Operators: profile fields and the verified flag of a user, audited. */
    updateUser: (userId: string, patch: unknown) => updateUser(ctx, userId, patch),
    /** Operators: users by id, a page at a time, with filters and a substring search (`nextCursor` pages on). */
    listUsers: (query?: UserListQuery, scope?: OperatorScope) => listUsers(ctx, query, scope),
    /** Operators: one user with profile, factors, identities, memberships, sessions, tokens and recent events (no secrets). */
    getUserDetail: (userId: string, scope?: OperatorScope) => getUserDetail(ctx, userId, scope),
    /** Operators: a user with a password or a mailed set-password link, and app memberships (docs/admin.md#users). */
    provisionUser: (input: ProvisionUserInput) => provisionUser(ctx, input),
    /** Operators: profile fields, `emailVerified`, and the address (`email`, `reverify`) in one checked change. */
    editUser: (userId: string, patch: unknown, scope?: OperatorScope) => editUser(ctx, userId, patch, scope),
    /** Operators: moves a user to another address now; the old address gets a notice with an undo link. */
    setUserEmail: (userId: string, input: EmailSetting, scope?: OperatorScope) =>
      setUserEmail(ctx, userId, input, scope),
    /** Operators: suspend, reactivate or revoke, idempotently; revoked is final; never the operator themselves. */
    setUserStatus: (userId: string, status: SettableStatus, scope?: OperatorScope) =>
      setUserStatus(ctx, userId, status, scope),
    /** Operators: soft-deletes a user (restorable for `deletedRetentionDays`); the owner gets a notice. */
    deleteUser: (userId: string, scope?: OperatorScope) => deleteUser(ctx, userId, scope),
    /** Operators: erases a deleted user now (`USER_NOT_DELETED` for one that is not). */
    purgeUser: (userId: string, scope?: OperatorScope) => purgeUser(ctx, userId, scope),
    rotatePassword: (userId: string, newPassword: string) => rotatePassword(ctx, userId, newPassword),
    suspendUser: (userId: string) => suspendUser(ctx, userId),
    reactivateUser: (userId: string) => reactivateUser(ctx, userId),
    revokeUser: (userId: string) => revokeUser(ctx, userId),
    /** Operators: restores a soft-deleted account within the retention period; the status it comes back with. */
    restoreUser: (userId: string) => restoreUser(ctx, userId),
    /** Erases accounts deleted longer ago than the retention period; returns how many. */
    purgeDeletedUsers: () => purgeDeletedUsers(ctx),
    /** Users with their password hashes (and, from Firebase, identities); see docs/operations.md. */
    importUsers: (records: Iterable<ImportedUser> | AsyncIterable<ImportedUser>, options?: ImportOptions) =>
      importUsers(ctx, records, options),
    /** Deletes records that no longer do anything (see docs/operations.md); returns counts per kind. */
    housekeeping: () => runHousekeeping(ctx),
    /** The audit log, newest first, a page at a time. */
    listAuditEvents: (query?: AuditPageQuery) => listAuditEvents(ctx, query),
    /** Operators: the audit log as CSV or JSON lines, oldest first, streamed a page at a time; audited as `audit.exported`. */
    exportAudit: (filter?: AuditFilter, format?: AuditExportFormat, options?: ExportOptions) =>
      exportAudit(ctx, filter, format, options),
    /** Operators: users, sign-ups and sign-ins per day, sessions, factors and apps, counted now (docs/admin.md). */
    getStats: (query?: StatsQuery) => getStats(ctx, query),
    /** Operators: removes every second factor of a user, ends their sessions, mails a notice. */
    resetMfa: (userId: string) => resetMfa(ctx, userId),
    /** The operator behind an admin API bearer, if they may do `need`; else 401/403 (docs/admin.md). */
    resolveOperator: (token: string, need: AdminNeed) => resolveOperator(ctx, token, need),
    /** Runs `work` with `actor` (an operator, or `cli`) recorded on every event it emits. */
    asActor: <T>(actor: Actor, work: () => Promise<T>) => withActor(actor, work),
    /** Operators: a short session as a user, no refresh, its token carrying `act` (docs/admin.md#impersonation). */
    impersonate: (
      operatorId: string,
      userId: string,
      input: unknown,
      client?: ClientInfo,
      scope?: OperatorScope,
    ) => impersonate(ctx, operatorId, userId, input, client, scope),
    /** Operators: a user's live sessions (a tenant admin: at their app only), with any impersonator. */
    listUserSessions: (userId: string, scope?: OperatorScope) => listUserSessions(ctx, userId, scope),
    /** Operators: ends every live session of a user (a tenant admin: at their app) at once; `{ended}`. */
    endUserSessions: (userId: string, scope?: OperatorScope) => endUserSessions(ctx, userId, scope),
    /** Operators: ends one live session of a user at once; any other id is `NOT_FOUND`. */
    endUserSession: (userId: string, sessionId: string, scope?: OperatorScope) =>
      endUserSession(ctx, userId, sessionId, scope),
    /** Operators: mails a new verification link (`EMAIL_ALREADY_VERIFIED`, `EMAIL_MISSING`, `USER_NOT_ACTIVE`). */
    sendVerificationLink: (userId: string, scope?: OperatorScope) => sendVerificationLink(ctx, userId, scope),
    /** Operators: mails a password-reset link; the operator never sees it (`EMAIL_MISSING`, `USER_NOT_ACTIVE`). */
    sendPasswordResetLink: (userId: string, scope?: OperatorScope) =>
      sendPasswordResetLink(ctx, userId, scope),
    /** Operators: a user's memberships with each app's name and status (a tenant admin: their app's). */
    listUserApps: (userId: string, scope?: OperatorScope) => listUserApps(ctx, userId, scope),
    /** Operators: makes a user a member if needed, then sets roles, plan and permissions; `LAST_ADMIN` at the console. */
    setUserAppAccess: (userId: string, appId: string, access: UserAppAccess, scope?: AppReach) =>
      setUserAppAccess(ctx, userId, appId, access, scope),
    /** Operators: removes a user from an app, ending their sessions there; `LAST_ADMIN` at the console. */
    removeUserFromApp: (userId: string, appId: string, scope?: AppReach) =>
      removeUserFromApp(ctx, userId, appId, scope),
    /** Operators: a user's personal access tokens that are not revoked (never a secret). */
    listUserTokens: (userId: string, scope?: OperatorScope) => listUserTokens(ctx, userId, scope),
    /** Operators: revokes one of a user's personal access tokens at once; any other id is `NOT_FOUND`. */
    revokeUserToken: (userId: string, patId: string, scope?: OperatorScope) =>
      revokeUserToken(ctx, userId, patId, scope),
    /** Operators: revokes every personal access token of a user at once; `{revoked}`. */
    revokeUserTokens: (userId: string, scope?: OperatorScope) => revokeUserTokens(ctx, userId, scope),
  };
}
