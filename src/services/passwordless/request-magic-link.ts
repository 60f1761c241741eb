/**
 * Asks for a magic link: `202` at once, whoever the address belongs to (see `request-by-mail.ts`);
 * then, when the address may get one, a fresh 256-bit token, stored as its SHA-256 and bound to
 * the address, mailed as a link to the configured base URL — never a request's Host. The link
 * opens a page that uses it only when its button is pressed (mail scanners fetch links).
 */

import { newId } from '../../core/ids.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { linkBase } from '../verification/mail-link.js';
import { acceptMailRequest, type MailRecipient, minutes } from './request-by-mail.js';

/** The page a magic link opens, under the base URL. */
export const MAGIC_LINK_PATH = '/sign-in/magic-link';

export async function requestMagicLink(
  ctx: ServiceContext,
  emailInput: unknown,
  client: ClientInfo = {},
): Promise<void> {
  await acceptMailRequest(ctx, 'link', emailInput, client, (to, now) =>
    mailMagicLink(ctx, to, now, client.locale),
  );
}

/** `localeHint`: the asker's language, for an address without an account (or whose profile names none). */
async function mailMagicLink(
  ctx: ServiceContext,
  to: MailRecipient,
  now: number,
  localeHint?: string | null,
): Promise<void> {
  const { linkTtl } = ctx.settings.passwordless;
  const token = newOpaqueToken<string>(ctx.random);
  await ctx.store.emailSignIns.issue({
    id: newId('esi', now, ctx.random),
    email: to.email,
    userId: to.userId,
    kind: 'link',
    secretHash: hashToken(token),
    attempts: 0,
    createdAt: now,
    expiresAt: now + linkTtl * 1000,
    usedAt: null,
    appId: to.appId,
  });
  await ctx.mail.send(
    to.email,
    'magic-link',
    { link: `${linkBase(ctx)}${MAGIC_LINK_PATH}?token=${token}`, minutes: minutes(linkTtl) },
    await recipientLocale(ctx, to.userId, localeHint),
  );
}
