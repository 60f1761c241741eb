/**
 * Someone signed up with this address and a username that is taken or reserved, while addresses
 * must be verified first: the answer said nothing, so the address learns here that no account
 * was made. The mail does not repeat the username (chosen by whoever asked, it could carry a
 * look-alike web address into someone's inbox). Limited per recipient
 * (`limits.mailPerRecipient`): past it, nothing is sent. No account holds the address, so the
 * mail is in the asker's language (`localeHint`), else English.
 */
import type { ServiceContext } from '../context.js';
import { allowMailTo } from '../limits/limits.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { mailTime } from '../notices/notices.js';

export async function notifyUsernameUnavailable(
  ctx: ServiceContext,
  email: string,
  localeHint?: string | null,
): Promise<void> {
  if (!(await allowMailTo(ctx, email))) return;
  await ctx.mail.send(
    email,
    'username-unavailable',
    { time: mailTime(ctx.clock.now()) },
    await recipientLocale(ctx, null, localeHint),
  );
}
