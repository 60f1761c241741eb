/**
 * The language a mail goes out in: the recipient account's profile `locale` when it names one
 * Gatehouse has (`de-AT` counts as `de`), else the language the person who asked was using
 * (`hint`: a page's locale or an `Accept-Language` value, passed only for mail to the address
 * they typed themselves), else English. A failed lookup falls back to the hint, then English,
 * rather than throw: mail must not break the request that caused it.
 *
 * @example
 * await ctx.mail.send(user.email, 'mfa-reset', vars, await recipientLocale(ctx, user.id));
 */
import type { UserId } from '../../core/ids.js';
import { type Locale, pickLocale } from '../../core/locale.js';
import type { ServiceContext } from '../context.js';

/** The language of mail to the account `userId` (null: no account, only the hint counts). */
export async function recipientLocale(
  ctx: ServiceContext,
  userId: UserId | null,
  hint?: string | null,
): Promise<Locale> {
  let profileLocale: string | null = null;
  if (userId !== null) {
    try {
      profileLocale = (await ctx.store.users.findProfile(userId))?.locale ?? null;
    } catch (error) {
      ctx.logger.warn(
        { err: error instanceof Error ? error.name : 'unknown' },
        'mail language: the profile could not be read',
      );
    }
  }
  return pickLocale(profileLocale, hint);
}

/** The language of mail to `email`: that of the account holding the address, if there is one. */
export async function addressLocale(
  ctx: ServiceContext,
  email: string,
  hint?: string | null,
): Promise<Locale> {
  let userId: UserId | null = null;
  try {
    userId = (await ctx.store.users.findByEmail(email))?.id ?? null;
  } catch (error) {
    ctx.logger.warn(
      // The name only: a database error can quote the address.
      { err: error instanceof Error ? error.name : 'unknown' },
      'mail language: the account could not be looked up',
    );
  }
  return recipientLocale(ctx, userId, hint);
}
