/**
 * The step between a correct first factor and a session: a pending sign-in named by a typed,
 * single-use `mfaToken` (`gh_mfa_…`, stored as a hash) that lives at most `mfa.pendingTtl`
 * (≤ 5 minutes) and only works from the client that started it (the same User-Agent). It grants
 * nothing by itself: no session row, no cookie, no `user.signed_in` — those wait for the second
 * factor (`verify-mfa.ts`). Every other route refuses it: it is neither a JWT nor shaped like a
 * refresh token or a link.
 */
import type { AuthMethodRef, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { AppId, CredentialId } from '../../core/ids.js';
import { newId } from '../../core/ids.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { PendingSignIn } from '../../store/ports/pending-sign-in-store.js';
import { requestedAppId } from '../apps/resolve-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { MAX_USER_AGENT } from '../sessions/start-session.js';
import type { MfaMethod } from './second-factor.js';

const PREFIX = 'gh_mfa_';
const SHAPE = /^gh_mfa_[A-Za-z0-9_-]{43}$/;

/** What a sign-in answers, instead of a session, when the account has a second factor. */
export interface MfaChallenge {
  readonly mfaRequired: true;
  /** Names this sign-in at `POST /auth/mfa/verify`; single-use, short-lived. */
  readonly mfaToken: string;
  /** The second factors this user can finish with. */
  readonly methods: readonly MfaMethod[];
  /** Seconds the token stays usable. */
  readonly expiresIn: number;
}

/** Tells a sign-in's two answers apart (embedded callers: `if (isMfaChallenge(r)) …`). */
export function isMfaChallenge(result: object): result is MfaChallenge {
  return (result as Partial<MfaChallenge>).mfaRequired === true;
}

export interface FirstFactor {
  /** The app the sign-in is for; the second step must name the same one. */
  readonly appId: AppId;
  readonly credentialId: CredentialId | null;
  readonly amr: readonly AuthMethodRef[];
  readonly sessionTtl: number | null;
}

export async function startPendingSignIn(
  ctx: ServiceContext,
  user: User,
  first: FirstFactor,
  methods: readonly MfaMethod[],
  client: ClientInfo,
): Promise<MfaChallenge> {
  const now = ctx.clock.now();
  const ttl = ctx.settings.mfa.pendingTtl;
  const token = `${PREFIX}${newOpaqueToken<string>(ctx.random)}`;
  const pending: PendingSignIn = {
    id: newId('psi', now, ctx.random),
    userId: user.id,
    credentialId: first.credentialId,
    amr: first.amr,
    sessionTtl: first.sessionTtl,
    ip: client.ip ?? null,
    userAgent: userAgentOf(client),
    failures: 0,
    createdAt: now,
    expiresAt: now + ttl * 1000,
    consumedAt: null,
    appId: first.appId,
  };
  await ctx.store.pendingSignIns.create(pending, hashToken(token));
  await ctx.events.emit({
    type: 'mfa.challenged',
    userId: user.id,
    client,
    data: { methods: methods.join(',') },
  });
  return { mfaRequired: true, mfaToken: token, methods, expiresIn: ttl };
}

/** The live pending sign-in an `mfaToken` names, from the client that started it; else `INVALID_MFA_TOKEN`. */
export async function readPendingSignIn(
  ctx: ServiceContext,
  mfaToken: unknown,
  client: ClientInfo,
): Promise<PendingSignIn> {
  if (typeof mfaToken !== 'string' || !SHAPE.test(mfaToken)) throw invalidMfaToken();
  const pending = await ctx.store.pendingSignIns.findLive(hashToken(mfaToken), ctx.clock.now());
  if (!pending || pending.userAgent !== userAgentOf(client)) throw invalidMfaToken();
  // The second step is for the app the first was: another app's name cannot borrow it.
  if (requestedAppId(client.app) !== pending.appId) throw invalidMfaToken();
  // Dead after `mfa.maxAttempts` wrong proofs. Decided here rather than by the store voiding the
  // row, so a request whose proof passed while others failed can still finish (verify-mfa.ts).
  if (pending.failures >= ctx.settings.mfa.maxAttempts) throw invalidMfaToken();
  return pending;
}

export function invalidMfaToken(): GatehouseError {
  return new GatehouseError(
    'INVALID_MFA_TOKEN',
    'This sign-in has expired or was already completed; sign in again',
  );
}

const userAgentOf = (client: ClientInfo) => client.userAgent?.slice(0, MAX_USER_AGENT) ?? null;
