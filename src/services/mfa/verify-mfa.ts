/**
 * The second step of a sign-in: the pending sign-in's `mfaToken` plus a second factor. Only
 * when both are right, and the token is consumed by this very call (exactly one of concurrent
 * calls), does a session start — at aal2, with both factors in its `amr`. A wrong proof counts
 * against the pending sign-in (`mfa.maxAttempts` of them end it) and the account's second-factor
 * lockout.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { PendingSignIn } from '../../store/ports/pending-sign-in-store.js';
import { joinApp } from '../apps/join-app.js';
import { resolveApp } from '../apps/resolve-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { notifyIfNewDevice } from '../notices/notices.js';
import { startSession } from '../sessions/start-session.js';
import type { AuthResult } from '../views.js';
import { checkSecondFactor } from './check-second-factor.js';
import { secondFactor } from './methods.js';
import { invalidMfaToken, readPendingSignIn } from './pending-sign-in.js';
import type { SecondFactorProof } from './second-factor.js';

export interface VerifyMfaInput extends SecondFactorProof {
  readonly mfaToken: string;
  readonly method: string;
}

export async function verifyMfa(
  ctx: ServiceContext,
  input: VerifyMfaInput,
  client: ClientInfo = {},
): Promise<AuthResult> {
  const pending = await readPendingSignIn(ctx, input.mfaToken, client);
  // A sign-in whose account was suspended or whose password changed since is dead: refused before
  // the proof is looked at, so it neither spends a code nor tells whether the code was right.
  const user = await stillValid(ctx, pending);
  // A second factor must be another factor: a passkey cannot be its own second step.
  const used = secondFactor(input.method)?.amr;
  if (used !== undefined && pending.amr.includes(used)) {
    throw new GatehouseError('MFA_METHOD_UNAVAILABLE', 'This sign-in already used that factor; use another');
  }
  const factor = await checkSecondFactor(
    ctx,
    user,
    input.method,
    input,
    { kind: 'sign_in', id: pending.id },
    client,
    async () => {
      // Counted only; readPendingSignIn ends the sign-in at `mfa.maxAttempts`. Were the row voided
      // here, the failures (and 429s) of concurrent requests could void it between another
      // request's right proof and its consume below: a spent code and no session.
      await ctx.store.pendingSignIns.recordFailure(pending.id);
    },
  );
  if (!(await ctx.store.pendingSignIns.consume(pending.id, ctx.clock.now()))) throw invalidMfaToken();
  // Again: the password may have changed, or the account been suspended, while the code was typed.
  const current = await stillValid(ctx, pending);
  // The app may have been disabled, or the membership removed, while the code was typed.
  const app = await resolveApp(ctx, pending.appId, { fresh: true });
  const membership = await joinApp(ctx, current, app, client);
  const result = await startSession(ctx, current, pending.credentialId, client, {
    appId: pending.appId,
    member: { app, membership },
    ttlSeconds: pending.sessionTtl ?? undefined,
    amr: [...pending.amr, factor.amr],
    aal: 2,
  });
  await ctx.events.emit({
    type: 'user.signed_in',
    userId: user.id,
    sessionId: result.session.id,
    client,
    data: {
      method: pending.amr.includes('pwd') ? 'password' : 'passkey',
      secondFactor: factor.method,
      appId: pending.appId,
    },
  });
  await notifyIfNewDevice(ctx, current, result.session.id, client);
  return result;
}

/** The pending sign-in's user, while the account is active and its password the one checked. */
async function stillValid(ctx: ServiceContext, pending: PendingSignIn): Promise<User> {
  const user = await ctx.store.users.findById(pending.userId);
  if (user?.status !== 'active') throw invalidMfaToken();
  if (pending.credentialId) {
    const credential = await ctx.store.credentials.findActivePassword(user.id);
    if (credential?.id !== pending.credentialId) throw invalidMfaToken();
  }
  return user;
}
