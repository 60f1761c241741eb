/**
 * Forgotten password: mails a reset link to the account's stored address — never to the address
 * as typed, so a look-alike cannot receive it. The caller gets the same answer whether or not the
 * account exists, and the work happens after the answer, so timing says nothing either.
 */
import { readEmail } from '../accounts/read-email.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { limitMailFor } from '../limits/limits.js';
import { mailLink } from '../verification/mail-link.js';

/**
 * Validates the address and counts the request against the address's limit now (the same for
 * every address, known or not); does the lookup and mailing in the background.
 */
export async function requestPasswordReset(
  ctx: ServiceContext,
  emailInput: string,
  client: ClientInfo = {},
): Promise<void> {
  const email = readEmail(emailInput);
  await limitMailFor(ctx, 'reset', email);
  const now = ctx.clock.now();
  ctx.background.run('forgot-password', () =>
    mailResetLink(ctx, email, client, now).catch((error: unknown) =>
      // Recorded without the address: the record must not become an oracle of who asked.
      ctx.events.emit({
        type: 'password.reset_requested',
        outcome: 'failure',
        client,
        data: { error: String(error).slice(0, 200) },
      }),
    ),
  );
}

/** The work after the answer: `now` is the request's time, so the link is that request's. */
export async function mailResetLink(
  ctx: ServiceContext,
  email: string,
  client: ClientInfo,
  now: number,
): Promise<void> {
  const user = await ctx.store.users.findByEmail(email);
  if (user?.status !== 'active') return;
  await mailLink(
    ctx,
    user,
    {
      purpose: 'reset_password',
      ttlSeconds: ctx.settings.passwordResetTtl,
      path: '/reset-password',
      template: 'reset-password',
    },
    {},
    // The asker typed the address: their language counts when the profile names none.
    { now, localeHint: client.locale },
  );
  await ctx.events.emit({ type: 'password.reset_requested', userId: user.id, client });
}
