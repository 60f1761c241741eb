/**
 * The end every sign-in shares once its first factor has passed (a password, a provider's
 * identity, a link or code by mail): when the account has a second factor, a pending sign-in
 * that `POST /auth/mfa/verify` completes — nothing that grants access exists before it passes —
 * else a session, `user.signed_in` and the new-device notice.
 */
import type { App } from '../../core/apps.js';
import type { AuthMethodRef, User } from '../../core/entities.js';
import type { CredentialId } from '../../core/ids.js';
import { joinApp } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { enabledMethods } from '../mfa/methods.js';
import { type MfaChallenge, startPendingSignIn } from '../mfa/pending-sign-in.js';
import { notifyIfNewDevice } from '../notices/notices.js';
import type { AuthResult } from '../views.js';
import { startSession } from './start-session.js';

export interface FirstFactorPassed {
  /** The app signed in to, as `appForSignIn` checked it before the first factor. */
  readonly app: App;
  /** The credential that passed, when it is one (a password); sessions bound to it end with it. */
  readonly credentialId: CredentialId | null;
  readonly amr: readonly AuthMethodRef[];
  /** What `user.signed_in` records as `method` (`password`, `oauth`, `magic_link`…). */
  readonly method: string;
  /** The session's absolute lifetime in seconds, when the caller asked for less than the maximum. */
  readonly sessionTtl?: number | null;
  /** More non-secret details for `user.signed_in` (the provider's name…). */
  readonly data?: Readonly<Record<string, string | number | boolean | null>>;
}

export async function finishSignIn(
  ctx: ServiceContext,
  user: User,
  first: FirstFactorPassed,
  client: ClientInfo = {},
): Promise<AuthResult | MfaChallenge> {
  // Before the second step: a non-member of an invite-only app is refused without one.
  const membership = await joinApp(ctx, user, first.app, client);
  const methods = await enabledMethods(ctx, user.id);
  if (methods.length > 0) {
    return startPendingSignIn(
      ctx,
      user,
      {
        appId: first.app.id,
        credentialId: first.credentialId,
        amr: first.amr,
        sessionTtl: first.sessionTtl ?? null,
      },
      methods,
      client,
    );
  }
  const result = await startSession(ctx, user, first.credentialId, client, {
    appId: first.app.id,
    member: { app: first.app, membership },
    amr: first.amr,
    ...(first.sessionTtl ? { ttlSeconds: first.sessionTtl } : {}),
  });
  await ctx.events.emit({
    type: 'user.signed_in',
    userId: user.id,
    sessionId: result.session.id,
    client,
    data: { method: first.method, appId: first.app.id, ...first.data },
  });
  await notifyIfNewDevice(ctx, user, result.session.id, client);
  return result;
}
