/**
 * Cookie mode's second factor. When a provider sign-in lands on an account with a second factor,
 * no session exists yet: the callback keeps the pending sign-in's `mfaToken` in a short-lived
 * HttpOnly cookie (never in the URL) and sends the browser to `returnTo?mfa=required`. The page
 * then asks `POST /auth/oauth/mfa` (same origin only) for the challenge — this — and finishes
 * with `POST /auth/mfa/verify` like any two-step sign-in.
 */
import type { ClientInfo, ServiceContext } from '../context.js';
import { enabledMethods } from '../mfa/methods.js';
import { type MfaChallenge, readPendingSignIn } from '../mfa/pending-sign-in.js';

export async function resumeOAuthMfa(
  ctx: ServiceContext,
  mfaToken: unknown,
  client: ClientInfo = {},
): Promise<MfaChallenge> {
  const pending = await readPendingSignIn(ctx, mfaToken, client);
  const expiresIn = Math.max(1, Math.floor((pending.expiresAt - ctx.clock.now()) / 1000));
  return {
    mfaRequired: true,
    mfaToken: mfaToken as string,
    methods: await enabledMethods(ctx, pending.userId),
    expiresIn,
  };
}
