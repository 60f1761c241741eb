/**
 * A signed-in user asks to move their account to a new address. The password is required. The
 * address changes only when the link mailed to the NEW address is used; the OLD address is told
 * at once, with a link that cancels the change. When the new address already belongs to another
 * account the answer is the same and no link is sent, so the request says nothing about
 * who has an account.
 */
import { GatehouseError } from '../../core/errors.js';
import { confirmPassword } from '../accounts/confirm-password.js';
import { readEmail } from '../accounts/read-email.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { limitMailFor } from '../limits/limits.js';
import { getSession } from '../sessions/get-session.js';
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
  const to = readEmail(input.newEmail);
  await confirmPassword(ctx, user, input.password, client);
  await limitMailFor(ctx, 'change-email', user.id);
  if (to === user.email) {
    throw new GatehouseError('VALIDATION_ERROR', 'newEmail is already the address of this account', {
      issues: [{ path: 'newEmail', message: 'already the address of this account' }],
    });
  }
  const event = { type: 'email.change_requested', userId: user.id, sessionId: session.id, client } as const;
  if (await ctx.store.users.findByEmail(to)) {
    await ctx.events.emit({ ...event, outcome: 'failure', data: { newEmail: to, reason: 'address_taken' } });
    return;
  }
  await mailLink(ctx, { id: user.id, email: to }, confirmLink(ctx.settings.emailChangeTtl), {
    oldEmail: user.email,
  });
  await mailLink(ctx, user, cancelLink, { newEmail: to });
  await ctx.events.emit({ ...event, data: { newEmail: to } });
}
