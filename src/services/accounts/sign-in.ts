/**
 * Email + password sign-in. An unknown address, a wrong password and a revoked account all get
 * the same `INVALID_CREDENTIALS` after the same hashing work. A suspended account is told so
 * only after its password was right.
 */
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import { checkPasswordShape } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkPasswordUnderLockout } from '../limits/limits.js';
import { notifyIfNewDevice } from '../notices/notices.js';
import { startSession } from '../sessions/start-session.js';
import type { AuthResult } from '../views.js';
import { readEmail } from './read-email.js';

export interface SignInInput {
  readonly email: string;
  readonly password: string;
}

const NO_SUCH_USER = 'usr_00000000000000000000000000000000' as UserId;

const invalid = () => new GatehouseError('INVALID_CREDENTIALS', 'Invalid email or password');

export async function signIn(
  ctx: ServiceContext,
  input: SignInInput,
  client: ClientInfo = {},
): Promise<AuthResult> {
  const email = readEmail(input.email);
  const password = input.password;
  checkPasswordShape(password);
  const user = await ctx.store.users.findByEmail(email);
  // The same lookups whether or not the account exists (an unknown address looks up an id no
  // user has), so the database work does not tell the two apart either.
  const credential = await ctx.store.credentials.findActivePassword(user?.id ?? NO_SUCH_USER);
  const failed = async (reason: string, error: GatehouseError) => {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      userId: user?.id ?? null,
      client,
      data: { email, reason },
    });
    return error;
  };
  // Under the account's lockout, and the same for an unknown address: the same hashing work,
  // the same count, the same 429 once locked.
  let right: boolean;
  try {
    right = await checkPasswordUnderLockout(ctx, email, () =>
      user && credential
        ? ctx.hasher.verify(credential.hash, password)
        : ctx.hasher.verifyAgainstDummy(password),
    );
  } catch (error) {
    if (error instanceof GatehouseError && error.code === 'RATE_LIMITED') throw await failed('locked', error);
    throw error;
  }
  if (!user || !credential) throw await failed(user ? 'no_password' : 'unknown_email', invalid());
  if (!right) throw await failed('wrong_password', invalid());
  if (user.status === 'suspended') {
    throw await failed('suspended', new GatehouseError('USER_SUSPENDED', 'This account is suspended'));
  }
  if (user.status !== 'active') throw await failed(user.status, invalid());
  // Only after the password was right: the answer reveals nothing to someone who lacks it.
  if (ctx.settings.requireEmailVerified && !user.emailVerified) {
    throw await failed(
      'email_not_verified',
      new GatehouseError('EMAIL_NOT_VERIFIED', 'Confirm your email address first'),
    );
  }
  if (ctx.hasher.needsRehash(credential.hash)) {
    await ctx.store.credentials.updatePasswordHash(credential.id, await ctx.hasher.hash(password));
  }
  const result = await startSession(ctx, user, credential.id, client);
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
