/**
 * Sets a new password: the old credential is revoked, the new one `replaces` it, and every
 * session that signed in with the old one ends.
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import type { ServiceContext } from '../context.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { newPasswordCredential } from './new-password-credential.js';

export async function rotatePassword(
  ctx: ServiceContext,
  userId: string,
  newPassword: string,
): Promise<void> {
  checkNewPassword(newPassword, { minLength: ctx.settings.passwordMinLength });
  await refuseBreachedPassword(ctx, newPassword);
  const current = isValidId(userId, 'usr') ? await ctx.store.credentials.findActivePassword(userId) : null;
  if (!current) throw new GatehouseError('NOT_FOUND', 'No such user with a password');
  const hash = await ctx.hasher.hash(newPassword);
  const now = ctx.clock.now();
  const next = newPasswordCredential(ctx, current.userId, hash, current.id, now);
  if (!(await ctx.store.credentials.rotatePassword(current.id, next, now))) {
    throw new GatehouseError('NOT_FOUND', 'The password changed concurrently; try again');
  }
  await ctx.events.emit({ type: 'password.changed', userId: current.userId, data: { method: 'rotate' } });
}
