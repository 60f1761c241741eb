/** Contract: VerificationTokenStore — purpose-bound, single-use under concurrency, newest link wins. */
import { expect, it } from 'vitest';
import type { UserId } from '../../../src/core/ids.js';
import type { TokenHash } from '../../../src/core/secrets.js';
import { hashToken } from '../../../src/crypto/opaque-token.js';
import type { VerificationToken } from '../../../src/store/ports/verification-token-store.js';
import { aCredential, aUser, HOUR, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

let n = 0;
function aToken(userId: UserId, overrides: Partial<VerificationToken> = {}): VerificationToken {
  return {
    hash: hashToken(`token-${++n}-${Math.random()}`) as TokenHash,
    userId,
    purpose: 'verify_email',
    email: 'someone@example.com',
    createdAt: T0,
    expiresAt: T0 + 24 * HOUR,
    ...overrides,
  };
}

export function verificationTokenCases({ store }: ContractContext): void {
  async function aStoredUser() {
    const user = aUser();
    await store().users.createWithPassword(user, aCredential(user.id));
    return user;
  }

  it('consumes a token once; then it is used', async () => {
    const user = await aStoredUser();
    const token = aToken(user.id);
    await store().verificationTokens.issue(token, T0);
    expect(await store().verificationTokens.consume(token.hash, 'verify_email', T0 + 1)).toEqual({
      ok: true,
      token,
    });
    expect(await store().verificationTokens.consume(token.hash, 'verify_email', T0 + 2)).toEqual({
      ok: false,
      reason: 'used',
    });
  });

  it('tells unknown, expired and wrong-purpose tokens apart, and does not spend a token used for the wrong purpose', async () => {
    const user = await aStoredUser();
    const token = aToken(user.id, { purpose: 'reset_password', expiresAt: T0 + HOUR });
    await store().verificationTokens.issue(token, T0);
    expect(
      await store().verificationTokens.consume(hashToken('nope') as TokenHash, 'reset_password', T0),
    ).toEqual({ ok: false, reason: 'unknown' });
    expect(await store().verificationTokens.consume(token.hash, 'verify_email', T0)).toEqual({
      ok: false,
      reason: 'wrong_purpose',
    });
    expect(await store().verificationTokens.consume(token.hash, 'reset_password', T0 + HOUR)).toEqual({
      ok: false,
      reason: 'expired',
    });
    const fresh = aToken(user.id, { purpose: 'reset_password', expiresAt: T0 + 2 * HOUR });
    await store().verificationTokens.issue(fresh, T0);
    expect((await store().verificationTokens.consume(fresh.hash, 'reset_password', T0 + HOUR)).ok).toBe(true);
  });

  it('a newer token of the same purpose voids the older one; other purposes are untouched', async () => {
    const user = await aStoredUser();
    const older = aToken(user.id);
    const reset = aToken(user.id, { purpose: 'reset_password' });
    await store().verificationTokens.issue(older, T0);
    await store().verificationTokens.issue(reset, T0);
    const newer = aToken(user.id);
    await store().verificationTokens.issue(newer, T0 + 1);
    expect(await store().verificationTokens.consume(older.hash, 'verify_email', T0 + 2)).toEqual({
      ok: false,
      reason: 'used',
    });
    expect((await store().verificationTokens.consume(newer.hash, 'verify_email', T0 + 2)).ok).toBe(true);
    expect((await store().verificationTokens.consume(reset.hash, 'reset_password', T0 + 2)).ok).toBe(true);
  });

  it('check tells what consume would without using the token; spend uses it once and voids the named links with it', async () => {
    const user = await aStoredUser();
    const confirm = aToken(user.id, { purpose: 'change_email' });
    const reset = aToken(user.id, { purpose: 'reset_password' });
    const laterCancel = aToken(user.id, { purpose: 'cancel_email_change', createdAt: T0 + 5 });
    const earlierCancel = aToken(user.id, { purpose: 'cancel_email_change', createdAt: T0 - 5 });
    for (const token of [confirm, reset, laterCancel, earlierCancel])
      await store().verificationTokens.issue(token, token.createdAt);
    const tokens = store().verificationTokens;
    expect(await tokens.check(confirm.hash, 'change_email', T0 + 1)).toEqual({ ok: true, token: confirm });
    expect(await tokens.check(confirm.hash, 'verify_email', T0 + 1)).toEqual({
      ok: false,
      reason: 'wrong_purpose',
    });
    expect(await tokens.check(confirm.hash, 'change_email', confirm.expiresAt)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await tokens.check(hashToken('never-issued') as TokenHash, 'change_email', T0)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await tokens.spend({ token: confirm, voids: [] }, confirm.expiresAt)).toBe(false);
    expect(
      await tokens.spend(
        {
          token: confirm,
          voids: [{ purposes: ['reset_password'] }, { purposes: ['cancel_email_change'], issuedSince: T0 }],
        },
        T0 + 10,
      ),
    ).toBe(true);
    expect(await tokens.check(confirm.hash, 'change_email', T0 + 11)).toEqual({ ok: false, reason: 'used' });
    expect(await tokens.spend({ token: confirm, voids: [] }, T0 + 11)).toBe(false);
    expect((await tokens.listLive(user.id, T0 + 11)).map((t) => t.hash)).toEqual([earlierCancel.hash]);
  });

  it('ten concurrent spends of one checked token: exactly one succeeds', async () => {
    const user = await aStoredUser();
    const token = aToken(user.id);
    await store().verificationTokens.issue(token, T0);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => store().verificationTokens.spend({ token, voids: [] }, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v)).toHaveLength(1);
  });

  it('ten concurrent uses of one token: exactly one succeeds', async () => {
    const user = await aStoredUser();
    const token = aToken(user.id);
    await store().verificationTokens.issue(token, T0);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () =>
        store().verificationTokens.consume(token.hash, 'verify_email', T0 + 1),
      ),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v.ok)).toHaveLength(1);
  });

  it('voidAll ends every live token of a user, or of one purpose', async () => {
    const user = await aStoredUser();
    const a = aToken(user.id);
    const b = aToken(user.id, { purpose: 'change_email' });
    await store().verificationTokens.issue(a, T0);
    await store().verificationTokens.issue(b, T0);
    expect(await store().verificationTokens.voidAll(user.id, T0 + 1, 'change_email')).toBe(1);
    expect((await store().verificationTokens.consume(a.hash, 'verify_email', T0 + 2)).ok).toBe(true);
    expect(await store().verificationTokens.consume(b.hash, 'change_email', T0 + 2)).toEqual({
      ok: false,
      reason: 'used',
    });
    expect(await store().verificationTokens.voidAll(user.id, T0 + 3)).toBe(0);
  });

  it('a newer old-address link (cancel, undo) never voids an older one: the owner keeps every way back', async () => {
    const user = await aStoredUser();
    const cancel = aToken(user.id, { purpose: 'cancel_email_change', email: 'owner@example.com' });
    const undo = aToken(user.id, { purpose: 'revert_email_change', email: 'owner@example.com' });
    await store().verificationTokens.issue(cancel, T0);
    await store().verificationTokens.issue(undo, T0 + 1);
    await store().verificationTokens.issue(
      aToken(user.id, { purpose: 'cancel_email_change', email: 'later@example.com', createdAt: T0 + 2 }),
      T0 + 2,
    );
    await store().verificationTokens.issue(
      aToken(user.id, { purpose: 'revert_email_change', email: 'later@example.com', createdAt: T0 + 3 }),
      T0 + 3,
    );
    expect((await store().verificationTokens.consume(cancel.hash, 'cancel_email_change', T0 + 4)).ok).toBe(
      true,
    );
    expect((await store().verificationTokens.consume(undo.hash, 'revert_email_change', T0 + 4)).ok).toBe(
      true,
    );
  });

  it('voidAll with issuedSince ends only the links issued at or after it', async () => {
    const user = await aStoredUser();
    const early = aToken(user.id, { purpose: 'revert_email_change', createdAt: T0 });
    const same = aToken(user.id, { purpose: 'cancel_email_change', createdAt: T0 + 10 });
    const late = aToken(user.id, { purpose: 'revert_email_change', createdAt: T0 + 20 });
    for (const token of [early, same, late]) await store().verificationTokens.issue(token, token.createdAt);
    const purposes = ['cancel_email_change', 'revert_email_change'] as const;
    expect(await store().verificationTokens.voidAll(user.id, T0 + 30, purposes, T0 + 10)).toBe(2);
    expect((await store().verificationTokens.consume(early.hash, 'revert_email_change', T0 + 31)).ok).toBe(
      true,
    );
    expect((await store().verificationTokens.consume(same.hash, 'cancel_email_change', T0 + 31)).ok).toBe(
      false,
    );
    expect((await store().verificationTokens.consume(late.hash, 'revert_email_change', T0 + 31)).ok).toBe(
      false,
    );
  });
}
