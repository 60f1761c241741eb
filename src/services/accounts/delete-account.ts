/**
 * A signed-in user deletes their own account (`DELETE /auth/me`), password required. With
 * `accountDeletion: 'soft'` (the default) the account is deactivated at once — every session
 * ends, sign-in fails as for an unknown address, the address stays reserved — and can be
 * restored by an operator for `deletedRetentionDays`, after which it is purged. With `'hard'`
 * the account and everything that belongs to it are removed at once. Either way the address
 * gets a notice.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { notifyAccountDeleted } from '../notices/notices.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { confirmPassword } from './confirm-password.js';
import { retentionMs } from './restore-user.js';

export interface DeleteAccountResult {
  readonly mode: 'soft' | 'hard';
  /** ISO 8601: until when an operator can restore the account (soft deletion), else null. */
  readonly restorableUntil: string | null;
}

export async function deleteAccount(
  ctx: ServiceContext,
  accessToken: string,
  password: unknown,
  client: ClientInfo = {},
): Promise<DeleteAccountResult> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  await confirmPassword(ctx, user, password, client);
  const now = ctx.clock.now();
  const mode = ctx.settings.accountDeletion;
  // Read first: a hard deletion takes the profile, and its language, with it.
  const locale = await recipientLocale(ctx, user.id);
  const done =
    mode === 'hard'
      ? await ctx.store.users.hardDelete(user.id)
      : await ctx.store.users.softDelete(user.id, now);
  if (!done) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  const until = mode === 'soft' ? now + retentionMs(ctx) : null;
  // Links already mailed (verification, reset, address change) must not revive the account.
  if (mode === 'soft') {
    await ctx.store.verificationTokens.voidAll(user.id, now);
    // Nor may its personal access tokens: a restored account starts without them.
    await ctx.store.pats.revokeAllForUser(user.id, now);
  }
  await ctx.events.emit({
    type: 'user.deleted',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { mode, ...(until === null ? {} : { restorableUntil: new Date(until).toISOString() }) },
  });
  await notifyAccountDeleted(ctx, user, until, locale);
  return { mode, restorableUntil: until === null ? null : new Date(until).toISOString() };
}
