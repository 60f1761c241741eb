/**
 * Mails a fresh email-verification link; any older link of the user stops working. `localeHint`
 * is the language of whoever typed the address (sign-up), for a profile that names none yet.
 */
import type { User } from '../../core/entities.js';
import type { ServiceContext } from '../context.js';
import { mailLink } from './mail-link.js';

export function sendVerificationMail(
  ctx: ServiceContext,
  user: User,
  now?: number,
  localeHint?: string | null,
): Promise<void> {
  return mailLink(
    ctx,
    user,
    {
      purpose: 'verify_email',
      ttlSeconds: ctx.settings.emailVerificationTtl,
      path: '/verify-email',
      template: 'verify-email',
    },
    {},
    { ...(now === undefined ? {} : { now }), localeHint },
  );
}
