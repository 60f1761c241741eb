/**
 * Operators: gives a password to an account that has none (created with `createUser`). The
 * password meets the same rules as at sign-up. An account that already has a password is
 * refused with `PASSWORD_EXISTS` — changing a password is `rotatePassword`, or the user's own
 * change or reset — and of two concurrent calls exactly one succeeds.
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import type { ServiceContext } from '../context.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { newPasswordCredential } from './new-password-credential.js';

export async function addPasswordCredential(
  ctx: ServiceContext,
  userId: string,
  password: string,
): Promise<void> {
  checkNewPassword(password, { minLength: ctx.settings.passwordMinLength });
  const user = isValidId(userId, 'usr') ? await ctx.store.users.findById(userId) : null;
  if (!user || user.status === 'deleted') throw new GatehouseError('NOT_FOUND', 'No such user');
  await refuseBreachedPassword(ctx, password);
  const hash = await ctx.hasher.hash(password);
  const now = ctx.clock.now();
  const added = await ctx.store.credentials.addPassword(newPasswordCredential(ctx, user.id, hash, null, now));
  if (!added) {
    throw new GatehouseError('PASSWORD_EXISTS', 'This account already has a password; use rotatePassword');
  }
  await ctx.events.emit({ type: 'password.changed', userId: user.id, data: { method: 'added' } });
}
