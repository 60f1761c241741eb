/**
 * Email + password sign-in: the password check (`check-password.ts`), then what every sign-in
 * ends with (`sessions/finish-sign-in.ts`): a new session — or, when the account has a second
 * factor, a pending sign-in that `POST /auth/mfa/verify` completes. The
 * session lives `sessionAbsoluteTtl` unless the caller asks for less (`sessionTtl`, e.g. for a
 * "remember me" box left unticked).
 */
import { GatehouseError } from '../../core/errors.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import { finishSignIn } from '../sessions/finish-sign-in.js';
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
  // The app first: a refusal here costs no hash and says nothing about the account.
  const app = await appForSignIn(ctx, client, 'password');
  const { user, credential } = await checkPassword(ctx, input, client);
  return finishSignIn(
    ctx,
    user,
    {
      app,
      credentialId: credential.id,
      amr: ['pwd'],
      method: 'password',
      sessionTtl: options.sessionTtl === undefined ? null : ttlSeconds,
    },
    client,
  );
}

/** A caller's `sessionTtl`, checked (every password sign-in checks it before the password). */
export function readSessionTtl(ctx: ServiceContext, ttl: number | undefined): number {
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
