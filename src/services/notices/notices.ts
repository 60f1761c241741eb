/**
 * Mails that tell a user what just happened to their account, so a change they did not make
 * does not go unnoticed: password changed, new sign-in from a new device, account deleted.
 * (The address-change notices go with their flow, in `email-change/`.) Sent through the outbox
 * like every mail, so they never delay or break the change itself. Each goes out in the
 * language of the account it is about (`mail/recipient-locale.ts`).
 */
import type { User } from '../../core/entities.js';
import type { SessionId, UserId } from '../../core/ids.js';
import type { Locale } from '../../core/locale.js';
import type { PhraseKey } from '../../delivery/locales/en.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { allowMailTo } from '../limits/limits.js';
import { addressLocale, recipientLocale } from '../mail/recipient-locale.js';
import { describeDevice } from '../sessions/describe-device.js';
import { MAX_USER_AGENT } from '../sessions/start-session.js';
import { linkBase } from '../verification/mail-link.js';

/** `2026-11-22 14:03`, UTC: the same in every mail, whatever the server's zone. */
export const mailTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Where a worried user starts a password reset (the hosted page; see docs/mail.md). */
export const resetLink = (ctx: ServiceContext) => `${linkBase(ctx)}/forgot-password`;

export async function notifyPasswordChanged(
  ctx: ServiceContext,
  user: Pick<User, 'id' | 'email'>,
): Promise<void> {
  const time = mailTime(ctx.clock.now());
  await ctx.mail.send(
    user.email,
    'password-changed',
    { link: resetLink(ctx), time },
    await recipientLocale(ctx, user.id),
  );
}

/**
 * After a sign-in: mails the user when none of their earlier sessions used this device (the
 * same User-Agent). The very first session of an account is not news, and neither is a
 * sign-in from a device the account already used.
 */
export async function notifyIfNewDevice(
  ctx: ServiceContext,
  user: Pick<User, 'id' | 'email'>,
  sessionId: SessionId,
  client: ClientInfo,
): Promise<void> {
  if (!ctx.settings.notifyNewDevice) return;
  const userAgent = client.userAgent?.slice(0, MAX_USER_AGENT) ?? null;
  const history = await ctx.store.sessions.deviceHistory(user.id, userAgent, sessionId);
  if (!history.earlier || history.sameDevice) return;
  await ctx.mail.send(
    user.email,
    'new-sign-in',
    {
      link: resetLink(ctx),
      device: describeDevice(userAgent),
      ip: client.ip ?? ('unknown' satisfies PhraseKey<'ip'>),
      time: mailTime(ctx.clock.now()),
    },
    await recipientLocale(ctx, user.id),
  );
}

/**
 * Someone tried to sign up with an address that already has an account. Limited per recipient
 * (`limits.mailPerRecipient`): past it, nothing is sent. In the account's language, else the
 * asker's (`localeHint`: they typed the address, likely its owner).
 */
export async function notifySignUpAttempt(
  ctx: ServiceContext,
  email: string,
  localeHint?: string | null,
): Promise<void> {
  if (!(await allowMailTo(ctx, email))) return;
  const time = mailTime(ctx.clock.now());
  await ctx.mail.send(
    email,
    'sign-up-attempt',
    { link: resetLink(ctx), time },
    await addressLocale(ctx, email, localeHint),
  );
}

/**
 * Someone asked to move another account to an address that already has one (`holder`, whose
 * language the mail is in — not the asker's). The caller has counted the mail against the
 * recipient's limit.
 */
export async function notifyAddressTaken(ctx: ServiceContext, email: string, holder: UserId): Promise<void> {
  const time = mailTime(ctx.clock.now());
  await ctx.mail.send(
    email,
    'email-change-address-taken',
    { link: resetLink(ctx), time },
    await recipientLocale(ctx, holder),
  );
}

/** `locale`: read before a hard deletion, which takes the profile with it. */
export async function notifyAccountDeleted(
  ctx: ServiceContext,
  user: Pick<User, 'id' | 'email'>,
  restorableUntil: number | null,
  locale?: Locale,
): Promise<void> {
  const time = mailTime(ctx.clock.now());
  const restoreNote: PhraseKey<'restoreNote'> = restorableUntil === null ? 'erased' : 'restorable';
  await ctx.mail.send(
    user.email,
    'account-deleted',
    {
      time,
      restoreNote,
      ...(restorableUntil === null ? {} : { restoreUntil: mailTime(restorableUntil) }),
    },
    locale ?? (await recipientLocale(ctx, user.id)),
  );
}
