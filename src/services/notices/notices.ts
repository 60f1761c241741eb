/**
 * Mails that tell a user what just happened to their account, so a change they did not make
 * does not go unnoticed: password changed, new sign-in from a new device, account deleted.
 * (The address-change notices go with their flow, in `email-change/`.) Sent through the outbox
 * like every mail, so they never delay or break the change itself.
 */
import type { User } from '../../core/entities.js';
import type { SessionId } from '../../core/ids.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { allowMailTo } from '../limits/limits.js';
import { describeDevice } from '../sessions/describe-device.js';
import { MAX_USER_AGENT } from '../sessions/start-session.js';
import { linkBase } from '../verification/mail-link.js';

/** `2026-11-22 14:03`, UTC: the same in every mail, whatever the server's zone. */
export const mailTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Where a worried user starts a password reset (the hosted page; see docs/mail.md). */
export const resetLink = (ctx: ServiceContext) => `${linkBase(ctx)}/forgot-password`;

export function notifyPasswordChanged(ctx: ServiceContext, user: Pick<User, 'email'>): Promise<void> {
  return ctx.mail.send(user.email, 'password-changed', {
    link: resetLink(ctx),
    time: mailTime(ctx.clock.now()),
  });
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
  await ctx.mail.send(user.email, 'new-sign-in', {
    link: resetLink(ctx),
    device: describeDevice(userAgent),
    ip: client.ip ?? 'unknown',
    time: mailTime(ctx.clock.now()),
  });
}

/**
 * Someone tried to sign up with an address that already has an account. Limited per recipient
 * (`limits.mailPerRecipient`): past it, nothing is sent.
 */
export async function notifySignUpAttempt(ctx: ServiceContext, email: string): Promise<void> {
  if (!(await allowMailTo(ctx, email))) return;
  await ctx.mail.send(email, 'sign-up-attempt', { link: resetLink(ctx), time: mailTime(ctx.clock.now()) });
}

/**
 * Someone asked to move another account to an address that already has one. The caller has
 * counted the mail against the recipient's limit.
 */
export function notifyAddressTaken(ctx: ServiceContext, email: string): Promise<void> {
  return ctx.mail.send(email, 'email-change-address-taken', {
    link: resetLink(ctx),
    time: mailTime(ctx.clock.now()),
  });
}

export function notifyAccountDeleted(
  ctx: ServiceContext,
  user: Pick<User, 'email'>,
  restorableUntil: number | null,
): Promise<void> {
  return ctx.mail.send(user.email, 'account-deleted', {
    time: mailTime(ctx.clock.now()),
    restoreNote:
      restorableUntil === null
        ? 'Everything it held has been erased.'
        : `It can be restored until ${mailTime(restorableUntil)} (UTC) by contacting us; after that everything it holds is erased.`,
  });
}
