/**
 * Sets a new password with a reset link: single-use, one hour, newest link only. Success ends
 * every session of the account, lifts its lockout, voids a pending address change, and signs
 * nobody in — the user signs in with the new password. An account created without a password
 * gets its first one this way.
 */
import { checkNewPassword } from '../../crypto/password-policy.js';
import { newPasswordCredential } from '../accounts/new-password-credential.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';
import { accountIdentifier, clearLockout } from '../limits/limits.js';
import { notifyPasswordChanged } from '../notices/notices.js';
import { consumeLink, linkError, readLinkToken } from '../verification/mail-link.js';
import { refuseBreachedPassword } from './refuse-breached-password.js';

export async function resetPassword(
  ctx: ServiceContext,
  token: string,
  newPassword: string,
  client: ClientInfo = {},
): Promise<void> {
  const tokenHash = readLinkToken(token);
  // Check the new password before spending the link, so a weak choice can be corrected.
  checkNewPassword(newPassword, { minLength: ctx.settings.passwordMinLength });
  await refuseBreachedPassword(ctx, newPassword);
  const hash = await ctx.hasher.hash(newPassword);
  const now = ctx.clock.now();
  const link = await consumeLink(ctx, tokenHash, 'reset_password', now);
  const user = await ctx.store.users.findById(link.userId);
  if (!user || user.email !== link.email || user.status !== 'active') throw linkError('unknown');
  const current = await ctx.store.credentials.findActivePassword(user.id);
  const next = newPasswordCredential(ctx, user.id, hash, current?.id ?? null, now);
  // An account created without a password sets its first one through this link.
  const stored = current
    ? await ctx.store.credentials.rotatePassword(current.id, next, now)
    : await ctx.store.credentials.addPassword(next);
  if (!stored) throw linkError('used');
  await ctx.store.sessions.revokeAllForUser(user.id, now, 'password_reset');
  await clearLockout(ctx, accountIdentifier(user));
  await ctx.store.verificationTokens.voidAll(user.id, now, 'reset_password');
  await voidPendingEmailChange(ctx, user.id, now);
  await ctx.events.emit({ type: 'password.changed', userId: user.id, client, data: { method: 'reset' } });
  await notifyPasswordChanged(ctx, user);
}
