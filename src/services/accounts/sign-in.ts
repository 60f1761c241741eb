/**
 * Email + password sign-in: the password check (`check-password.ts`), then a new session — or,
 * when the account has a second factor, a pending sign-in (`mfa/pending-sign-in.ts`) that
 * `POST /auth/mfa/verify` completes. The
 * session lives `sessionAbsoluteTtl` unless the caller asks for less (`sessionTtl`, e.g. for a
 * "remember me" box left unticked).
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { enabledMethods } from '../mfa/methods.js';
import { type MfaChallenge, startPendingSignIn } from '../mfa/pending-sign-in.js';
import { notifyIfNewDevice } from '../notices/notices.js';
import { startSession } from '../sessions/start-session.js';
import type { AuthResult } from '../views.js';
import { checkPassword, type PasswordSignIn } from './check-password.js';

export type SignInInput = PasswordSignIn;

export interface SignInOptions {
  /** The session's absolute lifetime in seconds, at most `sessionAbsoluteTtl` (the default). */
  readonly sessionTtl?: number;
}

export async function signIn(
  ctx: ServiceContext,
  input: SignInInput,
  client: ClientInfo = {},
  options: SignInOptions = {},
): Promise<AuthResult | MfaChallenge> {
  const ttlSeconds = readSessionTtl(ctx, options.sessionTtl);
  const { user, credential } = await checkPassword(ctx, input, client);
  // A second factor on the account: nothing that grants access exists until it passes.
  const methods = await enabledMethods(ctx, user.id);
  if (methods.length > 0) {
    const first = {
      credentialId: credential.id,
      amr: ['pwd'] as const,
      sessionTtl: options.sessionTtl ?? null,
    };
    return startPendingSignIn(ctx, user, first, methods, client);
  }
  const result = await startSession(ctx, user, credential.id, client, { ttlSeconds });
  await ctx.events.emit({
    type: 'user.signed_in',
    userId: user.id,
    sessionId: result.session.id,
    client,
    data: { method: 'password' },
  });
  await notifyIfNewDevice(ctx, user, result.session.id, client);
  return result;
}

function readSessionTtl(ctx: ServiceContext, ttl: number | undefined): number {
  const max = ctx.settings.sessionAbsoluteTtl;
  if (ttl === undefined) return max;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > max) {
    throw new GatehouseError(
      'VALIDATION_ERROR',
      `sessionTtl must be a whole number of seconds from 60 to ${max} (sessionAbsoluteTtl)`,
      { issues: [{ path: 'sessionTtl', message: `must be an integer from 60 to ${max}` }] },
    );
  }
  return ttl;
}
