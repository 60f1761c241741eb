/**
 * Forgotten password: mails a reset link to the account's stored address — never to the address
 * as typed, so a look-alike cannot receive it. The caller gets the same answer whether or not the
 * account exists, and the work happens after the answer, so timing says nothing either.
 */
import type { RefreshToken } from '../../core/secrets.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import { readEmail } from '../accounts/read-email.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { linkBase } from '../verification/send-verification.js';

/** Validates the address now; does the lookup and mailing in the background. */
export function requestPasswordReset(ctx: ServiceContext, emailInput: string, client: ClientInfo = {}): void {
  const email = readEmail(emailInput);
  mailResetLink(ctx, email, client).catch((error: unknown) =>
    // Recorded without the address: the record must not become an oracle of who asked.
    ctx.events
      .emit({
        type: 'password.reset_requested',
        outcome: 'failure',
        client,
        data: { error: String(error).slice(0, 200) },
      })
      .catch(() => {}),
  );
}

export async function mailResetLink(ctx: ServiceContext, email: string, client: ClientInfo): Promise<void> {
  const user = await ctx.store.users.findByEmail(email);
  if (user?.status !== 'active') return;
  const now = ctx.clock.now();
  const token = newOpaqueToken<RefreshToken>(ctx.random);
  await ctx.store.verificationTokens.issue(
    {
      hash: hashToken(token),
      userId: user.id,
      purpose: 'reset_password',
      email: user.email,
      createdAt: now,
      expiresAt: now + ctx.settings.passwordResetTtl * 1000,
    },
    now,
  );
  await ctx.mail.send(user.email, 'reset-password', {
    link: `${linkBase(ctx)}/reset-password?token=${token}`,
  });
  await ctx.events.emit({ type: 'password.reset_requested', userId: user.id, client });
}
