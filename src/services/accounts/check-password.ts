/**
 * The first factor of a password sign-in, on its own: the same lookups, hashing work, lockout
 * and answers whether or not the account exists. An unknown name, a wrong password and a revoked
 * account all get `INVALID_CREDENTIALS`; a suspended account is told so, and an unverified one
 * (with `requireEmailVerified`) too, only after its password was right. Every failure is
 * recorded as `user.sign_in_failed`. Sign-in builds a session on it; `verifyPassword` stops here.
 * Email sign-in and username sign-in (`usernames/sign-in-with-username.ts`) share
 * `checkAccountPassword`, so their rules cannot drift apart.
 */
import type { PasswordCredential, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import type { PlainPassword } from '../../core/secrets.js';
import { checkPasswordShape } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { accountIdentifier, checkPasswordUnderLockout } from '../limits/limits.js';
import { refuseUnlessMaySignIn } from './may-sign-in.js';
import { readEmail } from './read-email.js';

export interface PasswordSignIn {
  readonly email: string;
  readonly password: string;
}

/** A password typed for an account named by one of its names, once that name was looked up. */
export interface PasswordAttempt {
  /** Which name the user typed: failures record it under this key and the answer names it. */
  readonly by: 'email' | 'username';
  /** The name, canonical. */
  readonly name: string;
  /** The account with that name, or null. */
  readonly user: User | null;
  /** Not yet checked against the account: only its shape (`checkPasswordShape`). */
  readonly password: PlainPassword;
}

const NO_SUCH_USER = 'usr_00000000000000000000000000000000' as UserId;

export async function checkPassword(
  ctx: ServiceContext,
  input: PasswordSignIn,
  client: ClientInfo = {},
): Promise<{ user: User; credential: PasswordCredential }> {
  const email = readEmail(input.email);
  checkPasswordShape(input.password);
  const user = await ctx.store.users.findByEmail(email);
  return checkAccountPassword(ctx, { by: 'email', name: email, user, password: input.password }, client);
}

/**
 * The check both password sign-ins share, after the lookup. An existing account counts against
 * its one lockout name (`accountIdentifier`), whichever of its names was typed; an unknown name
 * against a name of its own kind (an address, or `@` and the username), so it shows the same
 * pattern of answers.
 */
export async function checkAccountPassword(
  ctx: ServiceContext,
  attempt: PasswordAttempt,
  client: ClientInfo = {},
): Promise<{ user: User; credential: PasswordCredential }> {
  const { by, name, user, password } = attempt;
  const invalid = () => new GatehouseError('INVALID_CREDENTIALS', `Invalid ${by} or password`);
  // The same lookups whether or not the account exists (an unknown name looks up an id no user
  // has), so the database work does not tell the two apart either.
  const credential = await ctx.store.credentials.findActivePassword(user?.id ?? NO_SUCH_USER);
  const failed = async (reason: string, error: GatehouseError) => {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      userId: user?.id ?? null,
      client,
      data: { [by]: name, reason },
    });
    return error;
  };
  const lockoutName = user
    ? accountIdentifier(user)
    : by === 'email'
      ? name
      : accountIdentifier({ email: null, username: name });
  // Under the account's lockout, and the same for an unknown name: the same hashing work, the
  // same count, the same 429 once locked.
  let right: boolean;
  try {
    right = await checkPasswordUnderLockout(ctx, lockoutName, () =>
      user && credential
        ? ctx.hasher.verify(credential.hash, password)
        : ctx.hasher.verifyAgainstDummy(password),
    );
  } catch (error) {
    if (error instanceof GatehouseError && error.code === 'RATE_LIMITED') throw await failed('locked', error);
    throw error;
  }
  if (!user || !credential) throw await failed(user ? 'no_password' : `unknown_${by}`, invalid());
  if (!right) throw await failed('wrong_password', invalid());
  await refuseUnlessMaySignIn(ctx, user, failed, invalid);
  if (ctx.hasher.needsRehash(credential.hash)) {
    await ctx.store.credentials.updatePasswordHash(credential.id, await ctx.hasher.hash(password));
  }
  return { user, credential };
}
