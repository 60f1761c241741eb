/**
 * Both ends of a text-message code: sending one (six digits, stored only as a keyed digest,
 * bound to one setup, sign-in or reauthentication and to the number it went to) and using one.
 * A new code for the same binding voids the old one and may follow it only after
 * `sms.resendInterval`; each account gets at most `sms.perAccount` codes per window. The code
 * itself goes into the message and nowhere else: not a response, an event or a log line.
 */
import { createHash } from 'node:crypto';
import type { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import { newId } from '../../core/ids.js';
import { maskPhone } from '../../core/phone.js';
import { newNumericCode } from '../../crypto/numeric-code.js';
import type { SmsCodePurpose } from '../../store/ports/sms-code-store.js';
import type { ServiceContext } from '../context.js';
import { rateLimited } from '../limits/limits.js';
import { readCode } from '../mfa/read-code.js';

const DIGITS = 6;

/** What a client is told after a code went out: never the code, and the number masked. */
export interface CodeSent {
  /** Seconds the code stays usable. */
  readonly expiresIn: number;
  /** Where it went, all but the last two digits hidden. */
  readonly phone: string;
}

/** Sends a fresh code for `purpose` bound to `boundTo` to `phone`, voiding the binding's previous one. */
export async function sendCode(
  ctx: ServiceContext,
  userId: UserId,
  purpose: SmsCodePurpose,
  boundTo: string,
  phone: string,
): Promise<CodeSent> {
  const now = ctx.clock.now();
  const { codeTtl, resendInterval, perAccount } = ctx.settings.sms;
  const intervalMs = resendInterval * 1000;
  // Checked before the account's budget is counted, so an impatient second tap costs nothing;
  // `issue` checks again atomically.
  const latest = await ctx.store.smsCodes.latest(userId, purpose, boundTo);
  if (latest && now - latest.createdAt < intervalMs) throw tooSoon(latest.createdAt + intervalMs - now);
  const budget = await ctx.counters.hit(
    `sms:${createHash('sha256').update(userId).digest('base64url').slice(0, 32)}`,
    perAccount.max,
    perAccount.window * 1000,
    now,
  );
  if (!budget.allowed)
    throw rateLimited(budget, 'Too many codes were sent for this account; try again later');

  const code = newNumericCode(ctx.random, DIGITS);
  const id = newId('otc', now, ctx.random);
  const expiresAt = now + codeTtl * 1000;
  const issued = await ctx.store.smsCodes.issue(
    {
      id,
      userId,
      purpose,
      boundTo,
      phone,
      codeHash: ctx.codeDigest('sms-code', code),
      attempts: 0,
      createdAt: now,
      expiresAt,
      usedAt: null,
    },
    intervalMs,
  );
  if (!issued.issued) throw tooSoon(issued.retryAfterMs);
  try {
    await ctx.sms.send({ to: phone, body: message(ctx, code), notAfter: expiresAt });
  } catch (error) {
    // Nobody received it: asking again at once must work (a mistyped number, a provider hiccup).
    await ctx.store.smsCodes.discard(id).catch(() => {});
    throw error;
  }
  return { expiresIn: codeTtl, phone: maskPhone(phone) };
}

/**
 * Tries `code` against the binding's live code: every try counts (`sms.maxAttempts` kill it),
 * and a right one is spent. Returns the number the code went to, or null when it is wrong,
 * spent, expired, dead — or was sent to another number than `expectedPhone`.
 */
export async function useCode(
  ctx: ServiceContext,
  userId: UserId,
  purpose: SmsCodePurpose,
  boundTo: string,
  code: string,
  expectedPhone?: string,
): Promise<string | null> {
  const now = ctx.clock.now();
  const { maxAttempts } = ctx.settings.sms;
  const live = await ctx.store.smsCodes.findLive(userId, purpose, boundTo, now, maxAttempts);
  if (!live || (expectedPhone !== undefined && live.phone !== expectedPhone)) return null;
  const digest = ctx.codeDigest('sms-code', code);
  return (await ctx.store.smsCodes.attempt(live.id, digest, now, maxAttempts)) ? live.phone : null;
}

/** A code as typed from a text message. */
export const readSmsCode = (code: unknown) => readCode(code, 'the text message');

function tooSoon(retryAfterMs: number): GatehouseError {
  return rateLimited(
    { allowed: false, retryAfterMs },
    'A code was sent moments ago; wait a little before asking for another',
  );
}

function message(ctx: ServiceContext, code: string): string {
  const minutes = Math.max(1, Math.floor(ctx.settings.sms.codeTtl / 60));
  const unit = minutes === 1 ? 'minute' : 'minutes';
  return `Your ${ctx.settings.pages.productName} code is ${code}. It expires in ${minutes} ${unit}.`;
}
