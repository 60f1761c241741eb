/** Mails a fresh email-verification link; any older link of the user stops working. */
import type { User } from '../../core/entities.js';
import type { RefreshToken } from '../../core/secrets.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { ServiceContext } from '../context.js';

/** Where links point: only ever the configured public URL, never a request's Host. */
export function linkBase(ctx: ServiceContext): string {
  return (ctx.settings.baseUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
}

export async function sendVerificationMail(ctx: ServiceContext, user: User): Promise<void> {
  const now = ctx.clock.now();
  const token = newOpaqueToken<RefreshToken>(ctx.random);
  await ctx.store.verificationTokens.issue(
    {
      hash: hashToken(token),
      userId: user.id,
      purpose: 'verify_email',
      email: user.email,
      createdAt: now,
      expiresAt: now + ctx.settings.emailVerificationTtl * 1000,
    },
    now,
  );
  await ctx.mail.send(user.email, 'verify-email', { link: `${linkBase(ctx)}/verify-email?token=${token}` });
}
