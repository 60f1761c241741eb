/**
 * Sign-in with a discoverable passkey and no password. The assertion names the passkey and its
 * user (the user handle must be that passkey's); it is checked in full against a sign-in
 * challenge (SECURITY.md WA-02, WA-03) and any refusal is `INVALID_CREDENTIALS`, audited.
 *
 * Assurance: when the authenticator verified its user (PIN, biometrics) the passkey is two
 * factors in one — the session gets `amr: ['hwk', 'user']` at aal2. Without user verification
 * (possible only with `passkeys.userVerification: 'preferred'`) it is possession alone: `['hwk']`
 * at aal1 — and an account with another second factor (an authenticator app, a phone) must then
 * pass it too, through the usual pending sign-in, before any session exists.
 */
import { GatehouseError } from '../../core/errors.js';
import { refuseUnlessMaySignIn } from '../accounts/may-sign-in.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import { joinApp } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { enabledMethods } from '../mfa/methods.js';
import { type MfaChallenge, startPendingSignIn } from '../mfa/pending-sign-in.js';
import { notifyIfNewDevice } from '../notices/notices.js';
import { startSession } from '../sessions/start-session.js';
import type { AuthResult } from '../views.js';
import { checkAssertion } from './check-assertion.js';

export interface PasskeySignInInput {
  /** `PublicKeyCredential.toJSON()` of `navigator.credentials.get()`. */
  readonly response: unknown;
}

const invalid = () => new GatehouseError('INVALID_CREDENTIALS', 'The passkey was not accepted');

export async function signInWithPasskey(
  ctx: ServiceContext,
  input: PasskeySignInInput,
  client: ClientInfo = {},
): Promise<AuthResult | MfaChallenge> {
  const app = await appForSignIn(ctx, client, 'passkey');
  const check = await checkAssertion(
    ctx,
    {
      response: input.response,
      field: 'response',
      binding: { purpose: 'sign_in', userId: null, boundTo: null },
      owner: null,
      during: 'sign_in',
    },
    client,
  );
  if (!check.ok) throw invalid();
  const user = await ctx.store.users.findById(check.passkey.userId);
  const failed = async (reason: string, error: GatehouseError) => {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      userId: check.passkey.userId,
      client,
      data: { method: 'passkey', reason },
    });
    return error;
  };
  if (!user) throw await failed('unknown_user', invalid());
  await refuseUnlessMaySignIn(ctx, user, failed, invalid);
  const membership = await joinApp(ctx, user, app, client);

  if (!check.userVerified) {
    // The passkey itself cannot be the second step after itself.
    const others = (await enabledMethods(ctx, user.id)).filter((m) => m !== 'passkey');
    if (others.some((m) => m !== 'recovery_code')) {
      return startPendingSignIn(
        ctx,
        user,
        { appId: app.id, credentialId: null, amr: ['hwk'], sessionTtl: null },
        others,
        client,
      );
    }
  }
  const result = await startSession(ctx, user, null, client, {
    appId: app.id,
    member: { app, membership },
    amr: check.userVerified ? ['hwk', 'user'] : ['hwk'],
    aal: check.userVerified ? 2 : 1,
  });
  await ctx.events.emit({
    type: 'user.signed_in',
    userId: user.id,
    sessionId: result.session.id,
    client,
    data: { method: 'passkey', userVerified: check.userVerified, appId: app.id },
  });
  await notifyIfNewDevice(ctx, user, result.session.id, client);
  return result;
}
