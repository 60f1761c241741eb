/**
 * Mails a one-time link: a fresh 256-bit token, stored as its hash and bound to the user, the
 * address and the purpose (older links of that purpose stop working), pointing only at the
 * configured base URL — never at a request's Host.
 */
import type { User } from '../../core/entities.js';
import type { RefreshToken } from '../../core/secrets.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { TemplateName } from '../../delivery/locales/en.js';
import type { TokenPurpose } from '../../store/ports/verification-token-store.js';
import type { ServiceContext } from '../context.js';

export interface MailedLink {
  readonly purpose: TokenPurpose;
  readonly ttlSeconds: number;
  /** Path under the base URL, e.g. `/verify-email`. */
  readonly path: string;
  readonly template: TemplateName;
}

export function linkBase(ctx: ServiceContext): string {
  return (ctx.settings.baseUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
}

export async function mailLink(ctx: ServiceContext, user: User, link: MailedLink): Promise<void> {
  const now = ctx.clock.now();
  const token = newOpaqueToken<RefreshToken>(ctx.random);
  await ctx.store.verificationTokens.issue(
    {
      hash: hashToken(token),
      userId: user.id,
      purpose: link.purpose,
      email: user.email,
      createdAt: now,
      expiresAt: now + link.ttlSeconds * 1000,
    },
    now,
  );
  await ctx.mail.send(user.email, link.template, { link: `${linkBase(ctx)}${link.path}?token=${token}` });
}
