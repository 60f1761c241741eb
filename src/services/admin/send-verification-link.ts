/**
 * Operators: mails a user a new link to verify their address (older links stop working), for
 * someone whose first mail got lost. 409 `EMAIL_ALREADY_VERIFIED` when there is nothing to verify;
 * 409 `USER_NOT_ACTIVE` or 422 `EMAIL_MISSING` when no mail can go out. Counted per user against
 * `limits.mailPerAccount` (429 `RATE_LIMITED` past it), so no operator or script can flood an
 * inbox. Emits `email.verification_sent`; the link itself is only in the mail.
 *
 * @example
 * await gatehouse.sendVerificationLink('usr_…');
 */
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { limitMailFor } from '../limits/limits.js';
import type { OperatorScope } from '../operators/operator-scope.js';
import { sendVerificationMail } from '../verification/send-verification.js';
import { findAccessTarget } from './access-target.js';
import { mailableAddress } from './mail-target.js';

export async function sendVerificationLink(
  ctx: ServiceContext,
  userId: string,
  scope?: OperatorScope,
): Promise<void> {
  const user = await findAccessTarget(ctx, scope, userId);
  const email = mailableAddress(user);
  if (user.emailVerified) {
    throw new GatehouseError('EMAIL_ALREADY_VERIFIED', 'The address is already verified');
  }
  // Per user, apart from the public resend route's count per address: neither uses up the other.
  await limitMailFor(ctx, 'operator-verify', user.id);
  await sendVerificationMail(ctx, user);
  await ctx.events.emit({ type: 'email.verification_sent', userId: user.id, data: { email } });
}
