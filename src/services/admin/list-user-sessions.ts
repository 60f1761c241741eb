/**
 * Operators: a user's live sessions, newest first, with where and how each signed in and
 * whether an operator started it as the user. A tenant admin sees the sessions at their app only.
 *
 * @example
 * const sessions = await gatehouse.listUserSessions('usr_…');
 */
import type { Session } from '../../core/entities.js';
import type { AppId, SessionId, UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { describeDevice } from '../sessions/describe-device.js';
import { findAccessTarget, inReach } from './access-target.js';

export interface UserSessionView {
  readonly id: SessionId;
  readonly appId: AppId;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly lastUsedAt: string;
  /** The earlier of the idle and the absolute expiry. */
  readonly expiresAt: string;
  readonly authenticatedAt: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /** A short description of the client, e.g. "Firefox on Linux". */
  readonly device: string;
  readonly aal: 'aal1' | 'aal2';
  readonly amr: readonly string[];
  /** The operator who started the session as the user; null for the user's own. */
  readonly impersonatorId: UserId | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function userSessionView(session: Session): UserSessionView {
  return {
    id: session.id,
    appId: session.appId,
    createdAt: iso(session.createdAt),
    lastUsedAt: iso(session.lastUsedAt),
    expiresAt: iso(Math.min(session.idleExpiresAt, session.expiresAt)),
    authenticatedAt: iso(session.authenticatedAt),
    ip: session.ip,
    userAgent: session.userAgent,
    device: describeDevice(session.userAgent),
    aal: session.aal === 2 ? 'aal2' : 'aal1',
    amr: session.amr,
    impersonatorId: session.impersonatorId ?? null,
  };
}

export async function listUserSessions(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<UserSessionView[]> {
  const user = await findAccessTarget(ctx, scope, userId);
  const sessions = await ctx.store.sessions.listLive(user.id, ctx.clock.now());
  return sessions.filter((s) => inReach(scope, s.appId)).map(userSessionView);
}
