/**
 * Code mode's second half (`POST /auth/oauth/exchange`): the app that started the flow trades
 * the one-time code the callback gave it (`gh_oac_…`, stored as a digest, ≤ 60 seconds) and the
 * PKCE verifier of the challenge it sent at the start for what a sign-in returns — a session, or
 * the MFA challenge when the account has a second factor. The code is spent by the first try,
 * right or wrong: a stolen code is worth nothing without the app's verifier, and a guessed
 * verifier gets one try.
 */

import { GatehouseError } from '../../core/errors.js';
import { sameSecret } from '../../crypto/constant-time.js';
import { hashToken } from '../../crypto/opaque-token.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { ExternalIdentity } from '../identities/external-identity.js';
import { signInWithIdentity } from '../identities/sign-in-with-identity.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import type { AuthResult } from '../views.js';
import { s256 } from './flow-secrets.js';

export const EXCHANGE_CODE_PREFIX = 'gh_oac_';
/** Seconds an exchange code lives. */
export const EXCHANGE_CODE_TTL = 60;

const CODE = /^gh_oac_[A-Za-z0-9_-]{43}$/;
/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export interface ExchangeOAuthCodeInput {
  readonly code: unknown;
  readonly codeVerifier: unknown;
}

export async function exchangeOAuthCode(
  ctx: ServiceContext,
  input: ExchangeOAuthCodeInput,
  client: ClientInfo = {},
): Promise<AuthResult | MfaChallenge> {
  const invalid = () =>
    new GatehouseError(
      'OAUTH_STATE_INVALID',
      'This sign-in code is unknown, used, expired or was not made for this verifier; start again',
    );
  if (typeof input.code !== 'string' || !CODE.test(input.code)) throw invalid();
  if (typeof input.codeVerifier !== 'string' || !VERIFIER.test(input.codeVerifier)) throw invalid();
  const redeemed = await ctx.store.oauthFlows.redeemExchange(hashToken(input.code), ctx.clock.now());
  const challenge = redeemed?.flow.appChallenge;
  if (!redeemed || !challenge || !sameSecret(s256(input.codeVerifier), challenge)) {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      client,
      data: { method: 'oauth', provider: redeemed?.flow.provider ?? null, reason: 'exchange_refused' },
    });
    throw invalid();
  }
  const external = JSON.parse(redeemed.payload) as ExternalIdentity;
  // The app the flow started for, checked again: it may have been disabled since.
  const app = await appForSignIn(ctx, { app: redeemed.flow.appId }, `oauth:${redeemed.flow.provider}`);
  return signInWithIdentity(ctx, external, client, { method: 'oauth', app });
}
