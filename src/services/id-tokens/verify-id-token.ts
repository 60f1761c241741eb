/**
 * Every check of a third-party ID token (SECURITY.md §1.7, IDT-01; OIDC Core §3.1.3.7; Firebase's
 * "verify ID tokens using a third-party JWT library"), against one configured provider:
 *
 * - the signature, by a key from the provider's JWKS (never a key the token names: `jku`,
 *   `x5u` and `jwk` headers are ignored), with an algorithm from its allow-list — never `none`
 *   or an HMAC;
 * - `iss` exactly one of the provider's issuers; `aud` one of its audiences, and with several
 *   audiences, `azp` one of ours too;
 * - `exp` in the future, `iat` present, not in the future and at most `maxAge` old,
 *   `auth_time` (when present — Firebase: always) not in the future; `CLOCK_TOLERANCE` either way;
 * - a non-empty `sub` (Firebase: equal to `user_id`); Google's `hd` when one is configured;
 * - the nonce (see `checkNonce`).
 *
 * A failure is `IdTokenRejected` with a short reason for the audit log; the token itself is
 * never logged or echoed.
 */
import { createHash } from 'node:crypto';
import { errors, type JWTPayload, jwtVerify } from 'jose';
import { sameSecret } from '../../crypto/constant-time.js';
import type { ExternalIdentity } from '../identities/external-identity.js';
import type { IdTokenProvider } from './id-token-provider.js';
import type { KeyResolver } from './key-sets.js';

/**
 * Seconds of disagreement allowed between our clock and the provider's. Small: providers and
 * servers keep NTP time, and the tokens checked here are minted by the provider's servers, not
 * by the phone that carries them.
 */
export const CLOCK_TOLERANCE = 30;

/** The token failed a check; `reason` goes to the audit log, never to the client. */
export class IdTokenRejected extends Error {
  override readonly name = 'IdTokenRejected';
  constructor(readonly reason: string) {
    super(`ID token rejected: ${reason}`);
  }
}

export async function verifyIdToken(
  provider: IdTokenProvider,
  keys: KeyResolver,
  idToken: string,
  nonce: string | null,
  now: number,
): Promise<ExternalIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      algorithms: [...provider.algorithms],
      issuer: [...provider.issuers],
      audience: [...provider.audiences],
      clockTolerance: CLOCK_TOLERANCE,
      maxTokenAge: provider.maxAge,
      currentDate: new Date(now),
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    throw error instanceof errors.JOSEError ? new IdTokenRejected(joseReason(error)) : error;
  }
  const reject = (reason: string): never => {
    throw new IdTokenRejected(reason);
  };
  const seconds = now / 1000;

  const { sub } = payload;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 255) reject('bad_sub');
  const authTime = payload.auth_time;
  if (authTime !== undefined && (typeof authTime !== 'number' || authTime > seconds + CLOCK_TOLERANCE)) {
    reject('auth_time_in_future');
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1) {
    if (typeof payload.azp !== 'string' || !provider.audiences.includes(payload.azp)) reject('bad_azp');
  }
  if (provider.preset === 'firebase') {
    if (typeof authTime !== 'number') reject('no_auth_time');
    if (payload.user_id !== sub) reject('sub_not_user_id');
  }
  if (provider.hostedDomain !== null && payload.hd !== provider.hostedDomain) reject('wrong_hd');
  checkNonce(provider, payload.nonce, nonce);

  const email = typeof payload.email === 'string' && payload.email !== '' ? payload.email : null;
  return {
    provider: provider.name,
    // One key per account whichever spelling the token used (Google's two issuers).
    issuer: provider.issuers[0],
    subject: sub as string,
    email,
    emailVerified: provider.trustEmail && email !== null && emailVerified(provider, payload.email_verified),
    name: typeof payload.name === 'string' ? payload.name : null,
  };
}

/**
 * The request's `nonce` is the raw value the app made. The token's claim must be that value
 * (`plain`) or its SHA-256 in lower-case hex (`sha256`, what native Apple and Google sign-in
 * are handed so the raw value never travels in the token) — one form per provider, never
 * either. A token that carries a nonce must come with it: otherwise a token lifted from another
 * flow would be replayable by leaving the nonce out.
 */
function checkNonce(provider: IdTokenProvider, claim: unknown, given: string | null): void {
  if (given === null) {
    if (provider.requireNonce) throw new IdTokenRejected('nonce_required');
    if (claim !== undefined) throw new IdTokenRejected('nonce_missing');
    return;
  }
  if (typeof claim !== 'string') throw new IdTokenRejected('nonce_absent_from_token');
  const expected = provider.nonce === 'sha256' ? createHash('sha256').update(given).digest('hex') : given;
  if (!sameSecret(claim, expected)) throw new IdTokenRejected('nonce_mismatch');
}

/** `true`, and for Apple — whose tokens say it as a string — `"true"` too; nothing else. */
function emailVerified(provider: IdTokenProvider, claim: unknown): boolean {
  return claim === true || (provider.preset === 'apple' && claim === 'true');
}

function joseReason(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return error.claim === 'exp' ? 'expired' : `too_old_${error.claim}`;
  if (error instanceof errors.JWTClaimValidationFailed) return `claim_${error.claim}_${error.reason}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg_not_allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'ambiguous_key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JOSENotSupported) return 'unsupported';
  return 'malformed';
}
