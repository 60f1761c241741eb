/**
 * Issues and verifies access tokens: ES256 JWTs with `iss`, `aud`, `sub`, `sid`, `iat`, `exp`,
 * `jti`, `amr` and `aal` and `typ: at+jwt` (RFC 9068), and the app's part: `app` (its id — `aud`
 * is its audience), and the member's `roles`, `plan` and `perms` as they were at issue. Verification checks the signature and the claims only — the
 * revocation check is the session lookup in `get-session.ts`.
 *
 * The tokens of a session an operator started as the user (impersonation) add
 * `act: {sub: <operator id>}` (RFC 8693 §4.1: the actor behind the subject) and live as long as
 * such a session, `admin.impersonationTtl`, since it has no refresh; tokens without `act` are
 * held to `accessTokenTtl`.
 *
 * A token's signature never changes, so a verified token's claims are cached (bounded, per
 * instance): the hot path then pays for the signature once per token, not once per request.
 * Expiry, and whether the signing key is still accepted, are checked on every call. A token whose
 * lifetime (`exp − iat`) is longer than the configured TTL for its kind is refused: we never sign one.
 */
import type { Clock } from '../../core/clock.js';
import { type AssuranceLevel, AUTH_METHOD_REFS, type AuthMethodRef } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { type AppId, isValidId, type SessionId, type UserId } from '../../core/ids.js';
import { signJwt, verifyJwt } from '../../crypto/jwt.js';
import type { AccessGrant } from '../apps/access-grant.js';
import type { Keyring } from '../keys/keyring.js';

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 256 && value.every((v) => typeof v === 'string');
}

/** `act` as we sign it (`{sub}` naming a user); undefined when absent, false when malformed. */
function readActor(act: unknown): ActorClaim | undefined | false {
  if (act === undefined) return undefined;
  if (typeof act !== 'object' || act === null) return false;
  const { sub } = act as Record<string, unknown>;
  return isValidId(sub, 'usr') ? { sub } : false;
}

export const ACCESS_TOKEN_TYP = 'at+jwt';
/** Tolerated clock difference between processes when checking `exp`/`iat`/`nbf`. */
const SKEW_SECONDS = 5;
const CACHE_LIMIT = 10_000;
const UNKNOWN_KID_RELOAD_MS = 5_000;

export interface AccessTokenClaims {
  readonly iss: string;
  readonly aud: string;
  readonly sub: UserId;
  readonly sid: SessionId;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  /** How the user signed in (RFC 8176 values). */
  readonly amr: readonly AuthMethodRef[];
  /** `aal1` or `aal2`. */
  readonly aal: AalClaim;
  /** The app the session signed in to. */
  readonly app: AppId;
  readonly roles: readonly string[];
  readonly plan: string;
  readonly perms: readonly string[];
  /** Present when an operator acts as the user (impersonation): `sub` is the operator's user id. */
  readonly act?: ActorClaim;
}

/** RFC 8693 §4.1 `act`: who is acting for the subject. */
export interface ActorClaim {
  readonly sub: UserId;
}

export type AalClaim = 'aal1' | 'aal2';

/** How the session behind a token was authenticated, as the token states it. */
export interface Assurance {
  readonly amr: readonly AuthMethodRef[];
  readonly aal: AssuranceLevel;
  /**
   * The operator who started the session as the user: every token of it then carries `act`
   * and lives `impersonationTtl` (a session passed as `assurance` brings it along).
   */
  readonly impersonatorId?: UserId | null;
}

export interface AccessTokens {
  issue(
    userId: UserId,
    sessionId: SessionId,
    jti: string,
    assurance: Assurance,
    grant: AccessGrant,
  ): Promise<{ token: string; expiresIn: number }>;
  /** Verified claims, or throws `INVALID_TOKEN` / `TOKEN_EXPIRED`. */
  verify(token: string): Promise<AccessTokenClaims>;
}

export function createAccessTokens(
  keyring: Keyring,
  clock: Clock,
  issuer: string,
  ttlSeconds: number,
  /** The audience of an app's tokens, or null for an app that does not exist. */
  audienceOf: (app: AppId) => Promise<string | null>,
  /** The lifetime of tokens carrying `act`: `admin.impersonationTtl` (seconds). */
  impersonationTtlSeconds: number = ttlSeconds,
): AccessTokens {
  /** Verified tokens: their claims and the key that signed them, which must still be accepted on a hit. */
  const verified = new Map<string, { readonly claims: AccessTokenClaims; readonly kid: string }>();
  let lastKidReload = 0;

  function checkClaims(claims: AccessTokenClaims): AccessTokenClaims {
    const now = Math.floor(clock.now() / 1000);
    if (claims.exp + SKEW_SECONDS <= now)
      throw new GatehouseError('TOKEN_EXPIRED', 'The access token has expired');
    return claims;
  }

  function readClaims(payload: Readonly<Record<string, unknown>>): AccessTokenClaims {
    const { iss, aud, sub, sid, iat, exp, jti, nbf, amr, aal, app, roles, plan, perms, act } = payload;
    const actor = readActor(act);
    const now = Math.floor(clock.now() / 1000);
    const valid =
      iss === issuer &&
      typeof aud === 'string' &&
      isValidId(app, 'app') &&
      isStringList(roles) &&
      typeof plan === 'string' &&
      isStringList(perms) &&
      isValidId(sub, 'usr') &&
      isValidId(sid, 'ses') &&
      typeof jti === 'string' &&
      Number.isSafeInteger(iat) &&
      Number.isSafeInteger(exp) &&
      (iat as number) <= now + SKEW_SECONDS &&
      (nbf === undefined || (Number.isSafeInteger(nbf) && (nbf as number) <= now + SKEW_SECONDS)) &&
      Array.isArray(amr) &&
      amr.every((m) => typeof m === 'string' && AUTH_METHOD_REFS.has(m)) &&
      (aal === 'aal1' || aal === 'aal2') &&
      actor !== false;
    if (!valid) throw new GatehouseError('INVALID_TOKEN', 'The access token is not valid here');
    return {
      iss,
      aud,
      sub,
      sid,
      iat: iat as number,
      exp: exp as number,
      jti,
      amr,
      aal,
      app,
      roles,
      plan,
      perms,
      ...(actor ? { act: actor } : {}),
    } as AccessTokenClaims;
  }

  return {
    async issue(userId, sessionId, jti, assurance, grant) {
      const { kid, privateKey } = await keyring.signingKey();
      const iat = Math.floor(clock.now() / 1000);
      const actor = assurance.impersonatorId ?? null;
      const lifetime = actor ? impersonationTtlSeconds : ttlSeconds;
      const token = signJwt(
        { alg: 'ES256', typ: ACCESS_TOKEN_TYP, kid },
        {
          iss: issuer,
          aud: grant.aud,
          sub: userId,
          sid: sessionId,
          iat,
          exp: iat + lifetime,
          jti,
          amr: assurance.amr,
          aal: assurance.aal === 2 ? 'aal2' : 'aal1',
          app: grant.app,
          roles: grant.roles,
          plan: grant.plan,
          perms: grant.permissions,
          ...(actor ? { act: { sub: actor } } : {}),
        },
        privateKey,
      );
      return { token, expiresIn: lifetime };
    },

    async verify(token) {
      const cached = verified.get(token);
      // A hit skips the signature, not the key: a key retired long enough ago verifies nothing,
      // cached or not.
      if (cached && keyring.publicKey(cached.kid)) return checkClaims(cached.claims);
      if (cached) verified.delete(token);
      if (token.length > 4096) throw new GatehouseError('INVALID_TOKEN', 'The access token is not valid');
      let result = verifyJwt(token, ACCESS_TOKEN_TYP, keyring.publicKey);
      if (
        !result.ok &&
        result.reason === 'unknown_key' &&
        clock.now() - lastKidReload > UNKNOWN_KID_RELOAD_MS
      ) {
        // Another process may have rotated keys moments ago; look once, at a bounded rate.
        lastKidReload = clock.now();
        await keyring.reload();
        result = verifyJwt(token, ACCESS_TOKEN_TYP, keyring.publicKey);
      }
      if (!result.ok) throw new GatehouseError('INVALID_TOKEN', 'The access token is not valid');
      const claims = checkClaims(readClaims(result.payload));
      // Signed by us, but for the app it names? Another instance with our keys, or an app's token
      // re-labelled, carries another audience.
      if ((await audienceOf(claims.app)) !== claims.aud) {
        throw new GatehouseError('INVALID_TOKEN', 'The access token is not valid here');
      }
      // We never sign a longer lifetime: a token that claims one was not made by this instance's
      // rules (a leaked key, say), however good its signature.
      const lifetime = claims.act ? impersonationTtlSeconds : ttlSeconds;
      if (claims.exp - claims.iat > lifetime + SKEW_SECONDS) {
        throw new GatehouseError('INVALID_TOKEN', 'The access token is not valid here');
      }
      if (verified.size >= CACHE_LIMIT) verified.delete(verified.keys().next().value as string);
      verified.set(token, { claims, kid: result.header.kid });
      return claims;
    },
  };
}
