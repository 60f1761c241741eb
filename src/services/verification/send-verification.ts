/**
 * Mails a fresh email-verification link; any older link of the user stops working. `localeHint`
 * is the language of whoever typed the address (sign-up), for a profile that names none yet.
 * A new account's first link is stored with the account instead (`newAccountVerification`).
 */
import type { User } from '../../core/entities.js';
import { pickLocale } from '../../core/locale.js';
import type { QueuedLink } from '../../store/ports/verification-token-store.js';
import type { ServiceContext } from '../context.js';
import { type MailedLink, mailLink, queuedLink } from './mail-link.js';

const verifyLink = (ctx: ServiceContext): MailedLink => ({
  purpose: 'verify_email',
  ttlSeconds: ctx.settings.emailVerificationTtl,
  path: '/verify-email',
  template: 'verify-email',
});

export function sendVerificationMail(
  ctx: ServiceContext,
  user: User,
  now?: number,
  localeHint?: string | null,
): Promise<void> {
  return mailLink(ctx, user, verifyLink(ctx), {}, { ...(now === undefined ? {} : { now }), localeHint });
}

/**
 * A new account's verification link and mail, for `users.createWithPassword` to store with the
 * account (null for an account without an address). A new account has no profile language yet:
 * the mail is in `localeHint`'s (the one signing up), else English.
 */
export function newAccountVerification(
  ctx: ServiceContext,
  user: User,
  localeHint?: string | null,
): QueuedLink | undefined {
  if (user.email === null) return undefined;
  return queuedLink(ctx, { id: user.id, email: user.email }, verifyLink(ctx), pickLocale(null, localeHint));
}
