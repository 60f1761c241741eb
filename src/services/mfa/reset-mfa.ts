/**
 * Operators: removes every second factor of a user (authenticator app, passkeys, phone, recovery
 * codes) — for someone who lost them all and proved who they are some other way. Every session
 * and pending sign-in ends, a pending address change is voided, the owner gets a notice, and
 * the reset is audited.
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId, type UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { voidPendingEmailChange } from '../email-change/void-pending-change.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { mailTime } from '../notices/notices.js';
import { SECOND_FACTORS } from './methods.js';

export async function resetMfa(ctx: ServiceContext, userId: string, actor?: string): Promise<void> {
  if (!isValidId(userId, 'usr')) throw new GatehouseError('NOT_FOUND', 'No such user');
  const user = await ctx.store.users.findById(userId as UserId);
  if (!user) throw new GatehouseError('NOT_FOUND', 'No such user');
  const now = ctx.clock.now();
  for (const factor of SECOND_FACTORS) await factor.removeAll(ctx, user.id);
  await ctx.store.pendingSignIns.voidAllForUser(user.id, now);
  const ended = await ctx.store.sessions.revokeAllForUser(user.id, now, 'mfa_reset');
  await voidPendingEmailChange(ctx, user.id, now);
  await ctx.events.emit({
    type: 'mfa.reset',
    userId: user.id,
    data: { sessionsEnded: ended, actor: actor ?? 'operator' },
  });
  await ctx.mail.send(user.email, 'mfa-reset', { time: mailTime(now) }, await recipientLocale(ctx, user.id));
}
