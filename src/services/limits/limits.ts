/**
 * Rate limits and account lockout, as use cases see them. Counter keys are hashed — a client
 * address or an email never lands in the counter store as typed. With `rateLimits: 'off'` the
 * instance gets `unlimitedCounters` and every check passes.
 */
import { createHash } from 'node:crypto';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { CounterStore, LockoutPolicy, WindowHit } from '../../store/ports/counter-store.js';
import type { ServiceContext } from '../context.js';

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

export function rateLimited(hit: WindowHit, message: string): GatehouseError {
  return new GatehouseError('RATE_LIMITED', message, {
    retryAfterSeconds: Math.max(1, Math.ceil(hit.retryAfterMs / 1000)),
  });
}

/**
 * Counts one request of a limited route from a client address (already grouped: IPv6 by /64):
 * against the address's overall limit and against this route's. Over either → `RATE_LIMITED`.
 */
export async function limitRoute(ctx: ServiceContext, route: string, address: string): Promise<void> {
  const { ip, credentialIp } = ctx.settings.limits;
  const now = ctx.clock.now();
  const who = digest(address);
  const overall = await ctx.counters.hit(`ip:${who}`, ip.max, ip.window * 1000, now);
  if (!overall.allowed) throw rateLimited(overall, 'Too many requests from this address; try again later');
  const perRoute = await ctx.counters.hit(
    `route:${route}:${who}`,
    credentialIp.max,
    credentialIp.window * 1000,
    now,
  );
  if (!perRoute.allowed) throw rateLimited(perRoute, 'Too many requests from this address; try again later');
}

/**
 * Counts one mail-sending request for an account identifier (a canonical email, or a user id)
 * — whether or not the account exists, so the answer tells nothing.
 */
export async function limitMailFor(ctx: ServiceContext, purpose: string, identifier: string): Promise<void> {
  const { mailPerAccount } = ctx.settings.limits;
  const hit = await ctx.counters.hit(
    `mail:${purpose}:${digest(identifier)}`,
    mailPerAccount.max,
    mailPerAccount.window * 1000,
    ctx.clock.now(),
  );
  if (!hit.allowed) throw rateLimited(hit, 'Too many requests for this account; try again later');
}

/**
 * Counts one mail to `address` that someone other than its owner caused (a new address to
 * confirm, "someone tried to use your address"), whoever asked; false once the address has had
 * `limits.mailPerRecipient` of them in the window. Callers then skip the mail and answer as
 * usual, so many throwaway accounts cannot flood one inbox and the answer tells nothing.
 */
export async function allowMailTo(ctx: ServiceContext, address: string): Promise<boolean> {
  const { mailPerRecipient } = ctx.settings.limits;
  const hit = await ctx.counters.hit(
    `rcpt:${digest(address)}`,
    mailPerRecipient.max,
    mailPerRecipient.window * 1000,
    ctx.clock.now(),
  );
  return hit.allowed;
}

function lockoutPolicy(ctx: ServiceContext): LockoutPolicy {
  const { threshold, baseSeconds, maxSeconds } = ctx.settings.lockout;
  return {
    threshold,
    lockMs: (locks) => Math.min(baseSeconds * 2 ** Math.min(locks, 30), maxSeconds) * 1000,
  };
}

const lockoutKey = (email: string) => `pw:${digest(email)}`;

/**
 * The name an account's password lockout is counted under: its address, or — for an account with
 * only a username — `@` and the username (never an address: those do not start with `@`). Every
 * sign-in route of one account counts against this one name, whatever the user typed.
 */
export function accountIdentifier(user: Pick<User, 'email' | 'username'>): string {
  return user.email ?? `@${user.username ?? ''}`;
}

/**
 * Runs a password check for the account named `email` under its lockout: the attempt is
 * reserved first (so parallel guesses cannot slip past the threshold), a locked account is
 * refused with `RATE_LIMITED` before any hashing — the right password included — and a right
 * password clears the count. Unknown addresses count exactly the same way.
 */
export function checkPasswordUnderLockout(
  ctx: ServiceContext,
  email: string,
  check: () => Promise<boolean>,
): Promise<boolean> {
  return underLockout(
    ctx,
    lockoutKey(email),
    lockoutPolicy(ctx),
    check,
    'Too many failed attempts; try again later',
  );
}

/**
 * Runs a second-factor check for a user under the account's second-factor lockout, a counter
 * of its own (a password guesser cannot lock out the codes, and the other way round): reserved
 * first, refused with `RATE_LIMITED` while locked — the right code included — and cleared by a
 * right code. Every flow that checks a second factor (sign-in, reauthentication, activation)
 * goes through here, so a lockout reached in one applies to all.
 */
export function checkSecondFactorUnderLockout(
  ctx: ServiceContext,
  userId: string,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const { maxAttempts, lockBaseSeconds, lockMaxSeconds } = ctx.settings.mfa;
  const policy: LockoutPolicy = {
    threshold: maxAttempts,
    lockMs: (locks) => Math.min(lockBaseSeconds * 2 ** Math.min(locks, 30), lockMaxSeconds) * 1000,
  };
  return underLockout(ctx, `mfa:${digest(userId)}`, policy, check, 'Too many wrong codes; try again later');
}

/** One attempt under a lockout counter: reserved, refused while locked, cleared when right. */
async function underLockout(
  ctx: ServiceContext,
  key: string,
  policy: LockoutPolicy,
  check: () => Promise<boolean>,
  refusal: string,
): Promise<boolean> {
  const slot = await ctx.counters.attempt(key, policy, ctx.clock.now());
  if (!slot.allowed) throw rateLimited(slot, refusal);
  let right: boolean;
  try {
    right = await check();
  } catch (error) {
    // Not evaluated (e.g. the server was too busy to hash): the attempt does not count.
    await ctx.counters.release(key).catch(() => {});
    throw error;
  }
  if (right) await ctx.counters.clear(key);
  return right;
}

/** Lifts the lockout of an account (a completed password reset). */
export function clearLockout(ctx: ServiceContext, email: string): Promise<void> {
  return ctx.counters.clear(lockoutKey(email));
}

/** `rateLimits: 'off'`: every check passes. For benchmarks and tests only. */
export const unlimitedCounters: CounterStore = {
  hit: async () => ({ allowed: true, retryAfterMs: 0 }),
  attempt: async () => ({ allowed: true, retryAfterMs: 0 }),
  release: async () => {},
  clear: async () => {},
  prune: async () => 0,
};
