/**
 * A signed-in user asks to move their account to a new address. The password is required. The
 * address changes only when the link mailed to the NEW address is used; the OLD address is told
 * at once, with a link that cancels the change. What the requester can observe — the answer, the
 * mails to their own address, their pending links and their own audit record — is the same
 * whether or not another account holds the new address: then the new address gets a notice
 * instead of a working link. Mails to the new address count against that address's own limit,
 * whoever asks, so throwaway accounts cannot flood someone else's inbox.
 */
import { GatehouseError } from '../../core/errors.js';
import { confirmPassword } from '../accounts/confirm-password.js';
import { readEmail } from '../accounts/read-email.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { allowMailTo, limitMailFor } from '../limits/limits.js';
import { notifyAddressTaken } from '../notices/notices.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { mailLink } from '../verification/mail-link.js';
import { cancelLink, confirmLink } from './email-change-links.js';

export interface ChangeEmailInput {
  readonly newEmail: string;
  readonly password: string;
}

export async function requestEmailChange(
  ctx: ServiceContext,
  accessToken: string,
  input: ChangeEmailInput,
  client: ClientInfo = {},
): Promise<void> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  const to = readEmail(input.newEmail);
  await confirmPassword(ctx, user, input.password, client);
  await limitMailFor(ctx, 'change-email', user.id);
  if (to === user.email) {
    throw new GatehouseError('VALIDATION_ERROR', 'newEmail is already the address of this account', {
      issues: [{ path: 'newEmail', message: 'already the address of this account' }],
    });
  }
  const holder = await ctx.store.users.findByEmail(to);
  const taken = holder !== null;
  const mayMail = await allowMailTo(ctx, to);
  // A link is issued either way, so the requester's pending links look alike; it is mailed only
  // to a free address.
  await mailLink(
    ctx,
    { id: user.id, email: to },
    confirmLink(ctx.settings.emailChangeTtl),
    { oldEmail: user.email ?? user.username ?? '' },
    { deliver: mayMail && !taken },
  );
  if (mayMail && holder) await notifyAddressTaken(ctx, to, holder.id);
  await mailLink(ctx, user, cancelLink, { newEmail: to });
  await ctx.events.emit({
    type: 'email.change_requested',
    userId: user.id,
    sessionId: session.id,
    client,
    // The user's own export leaves `operatorNote` out (see core/events.ts).
    data: { newEmail: to, ...(taken ? { operatorNote: 'address_taken' } : {}) },
  });
}
