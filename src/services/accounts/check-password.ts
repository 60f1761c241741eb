/**
 * The first factor of an email + password sign-in, on its own: the same lookups, hashing work,
 * lockout and answers whether or not the account exists. An unknown address, a wrong password
 * and a revoked account all get `INVALID_CREDENTIALS`; a suspended account is told so, and an
 * unverified one (with `requireEmailVerified`) too, only after its password was right. Every
 * failure is recorded as `user.sign_in_failed`. Sign-in builds a session on it; `verifyPassword`
 * stops here.
 */
import type { PasswordCredential, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import { checkPasswordShape } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkPasswordUnderLockout } from '../limits/limits.js';
import { refuseUnlessMaySignIn } from './may-sign-in.js';
import { readEmail } from './read-email.js';

export interface PasswordSignIn {
  readonly email: string;
  readonly password: string;
}

const NO_SUCH_USER = 'usr_00000000000000000000000000000000' as UserId;

const invalid = () => new GatehouseError('INVALID_CREDENTIALS', 'Invalid email or password');

export async function checkPassword(
  ctx: ServiceContext,
  input: PasswordSignIn,
  client: ClientInfo = {},
): Promise<{ user: User; credential: PasswordCredential }> {
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
  await refuseUnlessMaySignIn(ctx, user, failed, invalid);
  if (ctx.hasher.needsRehash(credential.hash)) {
    await ctx.store.credentials.updatePasswordHash(credential.id, await ctx.hasher.hash(password));
  }
  return { user, credential };
}
