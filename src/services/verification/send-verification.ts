/** Mails a fresh email-verification link; any older link of the user stops working. */
import type { User } from '../../core/entities.js';
import type { ServiceContext } from '../context.js';
import { mailLink } from './mail-link.js';

export function sendVerificationMail(ctx: ServiceContext, user: User, now?: number): Promise<void> {
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
    now === undefined ? {} : { now },
  );
}
