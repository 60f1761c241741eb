/**
 * Asks for an email code: `202` at once, whoever the address belongs to (see
 * `request-by-mail.ts`); then, when the address may get one, six random digits, stored only as
 * a keyed digest bound to the address, mailed to it. A new code voids the address's older one;
 * it lives `passwordless.codeTtl` and dies after `passwordless.maxAttempts` tries.
 */
import { newId } from '../../core/ids.js';
import { newNumericCode } from '../../crypto/numeric-code.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { emailCodeDigest } from './email-code.js';
import { acceptMailRequest, type MailRecipient, minutes } from './request-by-mail.js';

export async function requestEmailCode(
  ctx: ServiceContext,
  emailInput: unknown,
  client: ClientInfo = {},
): Promise<void> {
  await acceptMailRequest(ctx, 'code', emailInput, client, (to, now) =>
    mailEmailCode(ctx, to, now, client.locale),
  );
}

/** `localeHint`: the asker's language, for an address without an account (or whose profile names none). */
async function mailEmailCode(
  ctx: ServiceContext,
  to: MailRecipient,
  now: number,
  localeHint?: string | null,
): Promise<void> {
  const { codeTtl } = ctx.settings.passwordless;
  const code = newNumericCode(ctx.random, 6);
  await ctx.store.emailSignIns.issue({
    id: newId('esi', now, ctx.random),
    email: to.email,
    userId: to.userId,
    kind: 'code',
    secretHash: emailCodeDigest(ctx, to.email, code),
    attempts: 0,
    createdAt: now,
    expiresAt: now + codeTtl * 1000,
    usedAt: null,
    appId: to.appId,
  });
  await ctx.mail.send(
    to.email,
    'email-code',
    { code, minutes: minutes(codeTtl) },
    await recipientLocale(ctx, to.userId, localeHint),
  );
}
