/**
 * Impersonation: an operator holding `users:impersonate` starts a short session as a user, to
 * see and do what the user sees and does (support, reproducing a problem). The session:
 *
 * - lasts `admin.impersonationTtl` (900 s by default) from its start, whatever happens, and has
 *   no refresh: the store keeps the hash of a random refresh token that is never handed out, and
 *   `refresh` refuses such a session anyway;
 * - carries the operator as `impersonatorId`, so its access token carries `act: {sub}` (RFC 8693)
 *   and everything done with it is audited with both ids (`via: impersonation`);
 * - cannot make the changes only the user may make (password, address, factors, identities,
 *   tokens, deletion, export, reauthentication: `own-session.ts`) nor reach the admin API.
 *
 * Operators cannot be impersonated — no member of the console app, the caller included — and
 * neither can a user who is not active or not a member of the app; no membership is ever made
 * here. The start is audited as `impersonation.started` with the operator's reason, and the
 * user is mailed when `admin.notifyImpersonatedUser` is on.
 */
import { z } from 'zod';
import { grants } from '../../core/apps.js';
import type { Session, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { isValidId, newId, type UserId } from '../../core/ids.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { RefreshToken } from '../../core/secrets.js';
import { validationIssues } from '../../core/validation-issues.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import { accessGrant } from '../apps/access-grant.js';
import { resolveApp } from '../apps/resolve-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { currentActor, withActor } from '../events/actor.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { mailTime } from '../notices/notices.js';
import { checkAppInScope, checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { permissionsOf } from '../roles/permissions-of.js';
import { MAX_USER_AGENT, newJti } from '../sessions/start-session.js';
import { type PublicSession, type PublicUser, publicSession, publicUser } from '../views.js';

export const impersonationInputSchema = z.object({
  appId: z
    .string()
    .optional()
    .meta({ description: 'The app to act at (the user must be a member); the default app when absent' }),
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({ description: 'Why: kept in the audit log, and in the notice to the user when one is sent' }),
});

export type ImpersonationInput = z.input<typeof impersonationInputSchema>;

export interface Impersonation {
  readonly user: PublicUser;
  readonly session: PublicSession;
  /** Carries `act: {sub: <operator id>}`; lives as long as the session. There is no refresh token. */
  readonly accessToken: string;
  /** Lifetime of the access token, in seconds. */
  readonly expiresIn: number;
  /** When the session ends (ISO 8601); nothing extends it. */
  readonly expiresAt: string;
}

export async function impersonate(
  ctx: ServiceContext,
  operatorId: string,
  userId: string,
  input: unknown,
  client: ClientInfo = {},
  scope?: OperatorScope,
): Promise<Impersonation> {
  const { appId, reason } = readInput(input);
  const operator = await checkOperator(ctx, operatorId);
  const user = await ctx.store.users.findById(await checkUserInScope(ctx, scope, userId));
  if (!user || user.status === 'deleted') throw new GatehouseError('NOT_FOUND', 'No such user');
  if (user.id === operator || (await ctx.store.memberships.find(CONSOLE_APP_ID, user.id))) {
    throw new GatehouseError('CANNOT_IMPERSONATE_OPERATOR', 'Operators cannot be impersonated');
  }
  refuseInactive(user);
  const app = await resolveApp(ctx, appId);
  checkAppInScope(scope, app.id);
  const membership = await ctx.store.memberships.find(app.id, user.id);
  if (!membership) throw new GatehouseError('NOT_A_MEMBER', 'The user is not a member of that app');

  const now = ctx.clock.now();
  const expiresAt = now + ctx.settings.admin.impersonationTtl * 1000;
  const session: Session = {
    id: newId('ses', now, ctx.random),
    userId: user.id,
    credentialId: null,
    createdAt: now,
    lastUsedAt: now,
    idleExpiresAt: Math.min(now + ctx.settings.sessionIdleTtl * 1000, expiresAt),
    expiresAt,
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    revokedAt: null,
    revokedReason: null,
    // The user proved nothing here: no method, and never more than aal1.
    amr: [],
    aal: 1,
    authenticatedAt: now,
    appId: app.id,
    impersonatorId: operator,
  };
  const grant = await accessGrant(ctx, session, { app, membership });
  // The store wants a refresh token's hash; this one is never returned, so nothing can refresh.
  await ctx.store.sessions.create(session, hashToken(newOpaqueToken<RefreshToken>(ctx.random)));
  // The session names its impersonator, so its token carries `act` and lives as long as it does.
  const access = await ctx.accessTokens.issue(user.id, session.id, newJti(ctx), session, grant);
  await withActor({ id: operator, via: currentActor()?.via ?? 'admin_api' }, () =>
    ctx.events.emit({
      type: 'impersonation.started',
      userId: user.id,
      sessionId: session.id,
      client,
      data: { sessionId: session.id, appId: app.id, reason },
    }),
  );
  if (ctx.settings.admin.notifyImpersonatedUser) {
    await ctx.mail.send(
      user.email,
      'impersonation-started',
      { time: mailTime(now), until: mailTime(expiresAt), reason },
      await recipientLocale(ctx, user.id),
    );
  }
  return {
    user: publicUser(user),
    session: publicSession(session),
    accessToken: access.token,
    expiresIn: access.expiresIn,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}

function readInput(input: unknown): { appId?: string | undefined; reason: string } {
  const parsed = impersonationInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new GatehouseError('VALIDATION_ERROR', 'The impersonation request is not valid', {
      issues: validationIssues(parsed.error),
    });
  }
  return parsed.data;
}

/**
 * The acting operator, checked here too (the admin API already did): embedding code and the
 * CLI reach this without it, and `act` must only ever name an active operator who may do this.
 */
async function checkOperator(ctx: ServiceContext, operatorId: string): Promise<UserId> {
  const operator = isValidId(operatorId, 'usr') ? await ctx.store.users.findById(operatorId) : null;
  const held = operator?.status === 'active' ? await permissionsOf(ctx, operator.id, CONSOLE_APP_ID) : [];
  if (!operator || held.length === 0) {
    throw new GatehouseError('NOT_AN_OPERATOR', 'Only operators can impersonate users');
  }
  if (!grants(held, 'users:impersonate')) {
    throw new GatehouseError('INSUFFICIENT_PERMISSION', 'Your operator role does not allow impersonation');
  }
  return operator.id;
}

/** Suspended: 403 `USER_SUSPENDED`; revoked: 409 `USER_REVOKED` (as sign-in and `updateUser` answer). */
function refuseInactive(user: User): void {
  if (user.status === 'suspended') throw new GatehouseError('USER_SUSPENDED', 'The user is suspended');
  if (user.status === 'revoked') throw new GatehouseError('USER_REVOKED', 'The user is revoked');
}
