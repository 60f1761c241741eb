/**
 * Re-authentication for sensitive changes (password, address, deletion): the user's current
 * password, checked with the same hashing work whether or not they have one, under the same
 * lockout as sign-in. A wrong password is recorded as a failed sign-in and answered
 * `WRONG_PASSWORD`.
 */
import type { PasswordCredential, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { checkPasswordShape } from '../../crypto/password-policy.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { accountIdentifier, checkPasswordUnderLockout } from '../limits/limits.js';

export async function confirmPassword(
  ctx: ServiceContext,
  user: User,
  password: unknown,
  client: ClientInfo,
): Promise<PasswordCredential> {
  checkPasswordShape(password);
  const current = await ctx.store.credentials.findActivePassword(user.id);
  // The same lockout as sign-in: a stolen session cannot be used to guess the password.
  const right = await checkPasswordUnderLockout(ctx, accountIdentifier(user), () =>
    current ? ctx.hasher.verify(current.hash, password) : ctx.hasher.verifyAgainstDummy(password),
  );
  if (current && right) return current;
  await ctx.events.emit({
    type: 'user.sign_in_failed',
    outcome: 'failure',
    userId: user.id,
    client,
    data: { reason: 'wrong_current_password' },
  });
  throw new GatehouseError('WRONG_PASSWORD', 'The current password is not correct');
}
