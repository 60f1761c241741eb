/**
 * One-time mailed links, both ends. Sending: a fresh 256-bit token, stored as its hash and bound to the user, the
 * address and the purpose (older links of that purpose stop working), pointing only at the
 * configured base URL — never at a request's Host. Using: shape check, then a single-use
 * consume whose failures each get their own 400 code.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import type { Locale } from '../../core/locale.js';
import type { RefreshToken, TokenHash } from '../../core/secrets.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { TemplateName } from '../../delivery/locales/en.js';
import type {
  QueuedLink,
  TokenConsumption,
  TokenPurpose,
  VerificationToken,
} from '../../store/ports/verification-token-store.js';
import type { ServiceContext } from '../context.js';
import { recipientLocale } from '../mail/recipient-locale.js';

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

/**
 * Mails a link to `to.email`, bound to that address: the address it is sent to is the address
 * it is about. An account without an address (username only) gets no link at all. `vars` fill the template's other placeholders. With `deliver: false` the link is
 * issued (and shows in the user's pending links) but not mailed — for answers that must look
 * the same whether or not the mail may go out. `now` is the time of the request that caused it,
 * for work finishing after the answer. The mail is in the user's language; `localeHint` (the
 * asker's, when they typed the address) counts when their profile names none.
 */
export async function mailLink(
  ctx: ServiceContext,
  to: Pick<User, 'id' | 'email'>,
  link: MailedLink,
  vars: Readonly<Record<string, string>> = {},
  options: { readonly deliver?: boolean; readonly now?: number; readonly localeHint?: string | null } = {},
): Promise<void> {
  // Work finishing after the answer passes the request's time, so it is the request's link.
  const now = options.now ?? ctx.clock.now();
  if (to.email === null) return;
  const token = newOpaqueToken<RefreshToken>(ctx.random);
  await ctx.store.verificationTokens.issue(linkRecord({ id: to.id, email: to.email }, link, token, now), now);
  if (options.deliver === false) return;
  await ctx.mail.send(
    to.email,
    link.template,
    { ...vars, link: linkUrl(ctx, link, token) },
    await recipientLocale(ctx, to.id, options.localeHint),
  );
}

/**
 * A link and its mail in `locale`, built but not stored: the change that sends it stores both in
 * its own transaction (`users.createWithPassword` for a new account's verification link), then
 * calls `ctx.mail.kick()`.
 */
export function queuedLink(
  ctx: ServiceContext,
  to: { readonly id: UserId; readonly email: string },
  link: MailedLink,
  locale: Locale,
  now: number = ctx.clock.now(),
): QueuedLink {
  const token = newOpaqueToken<RefreshToken>(ctx.random);
  return {
    token: linkRecord(to, link, token, now),
    mail: ctx.mail.row(to.email, link.template, { link: linkUrl(ctx, link, token) }, locale),
  };
}

function linkRecord(
  to: { readonly id: UserId; readonly email: string },
  link: MailedLink,
  token: RefreshToken,
  now: number,
): VerificationToken {
  return {
    hash: hashToken(token),
    userId: to.id,
    purpose: link.purpose,
    email: to.email,
    createdAt: now,
    expiresAt: now + link.ttlSeconds * 1000,
  };
}

const linkUrl = (ctx: ServiceContext, link: MailedLink, token: string) =>
  `${linkBase(ctx)}${link.path}?token=${token}`;

const MAX_TOKEN_LENGTH = 256;

export function linkError(reason: 'unknown' | 'used' | 'expired' | 'wrong_purpose'): GatehouseError {
  if (reason === 'used') return new GatehouseError('LINK_USED', 'This link was already used');
  if (reason === 'expired')
    return new GatehouseError('LINK_EXPIRED', 'This link has expired; ask for a new one');
  return new GatehouseError('LINK_INVALID', 'This link is not valid');
}

/** The stored form of a token from a link, or `LINK_INVALID` for anything that cannot be one. */
export function readLinkToken(token: unknown): TokenHash {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)
    throw linkError('unknown');
  return hashToken(token);
}

/**
 * Uses a link exactly once, or throws `LINK_INVALID` / `LINK_EXPIRED` / `LINK_USED`. With
 * several purposes, the link may be of any of them (one path serving two kinds of link).
 */
export function consumeLink(
  ctx: ServiceContext,
  hash: TokenHash,
  purposes: TokenPurpose | readonly TokenPurpose[],
  now: number,
): Promise<VerificationToken> {
  return firstPurpose(purposes, (purpose) => ctx.store.verificationTokens.consume(hash, purpose, now));
}

/**
 * The link, if `consumeLink` would use it, without using it: for a link whose use is one write
 * that spends it in the same transaction (an address change). Throws as `consumeLink` does.
 */
export function checkLink(
  ctx: ServiceContext,
  hash: TokenHash,
  purposes: TokenPurpose | readonly TokenPurpose[],
  now: number,
): Promise<VerificationToken> {
  return firstPurpose(purposes, (purpose) => ctx.store.verificationTokens.check(hash, purpose, now));
}

async function firstPurpose(
  purposes: TokenPurpose | readonly TokenPurpose[],
  attempt: (purpose: TokenPurpose) => Promise<TokenConsumption>,
): Promise<VerificationToken> {
  const [first, ...others] = typeof purposes === 'string' ? [purposes] : purposes;
  let used = await attempt(first!);
  for (const purpose of others) {
    if (used.ok || used.reason !== 'wrong_purpose') break;
    used = await attempt(purpose);
  }
  if (!used.ok) throw linkError(used.reason);
  return used.token;
}
