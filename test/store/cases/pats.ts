/**
 * Contract: PatStore — the per-user cap holds under concurrent creation (of 20 at once with a cap
 * of 5, exactly 5 are stored) and counts live tokens only; find, list and revoke are scoped to
 * the owner; `lastUsedAt` moves at most once per interval.
 */
import { expect, it } from 'vitest';
import { DEFAULT_APP_ID, type PersonalAccessToken } from '../../../src/core/apps.js';
import type { User } from '../../../src/core/entities.js';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import { aTokenHash, DAY, MINUTE, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

function aPat(user: User, overrides: Partial<PersonalAccessToken> = {}): PersonalAccessToken {
  const createdAt = overrides.createdAt ?? T0;
  return {
    id: newId('pat', createdAt, systemRandom),
    userId: user.id,
    appId: DEFAULT_APP_ID,
    name: 'CI deploys',
    scopes: ['invoices:read', 'invoices:write'],
    createdAt,
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function patCases({ store }: ContractContext): void {
  const aStoredUser = async () => (await seedUser(store())).user;

  it('stores a token with every field, found with its digest and its user; unknown ids are null', async () => {
    const user = await aStoredUser();
    const pat = aPat(user, { expiresAt: T0 + 30 * DAY, scopes: ['a', 'b:c', 'x/y*'] });
    const hash = aTokenHash();
    expect(await store().pats.createWithinCap(pat, hash, 5, T0)).toBe(true);
    expect(await store().pats.find(pat.id)).toEqual({ token: pat, secretHash: hash, user });
    expect(await store().pats.find(aPat(user).id)).toBeNull();
    await store().users.changeStatus(user.id, 'suspended', T0 + 1);
    expect((await store().pats.find(pat.id))?.user.status).toBe('suspended');
  });

  it('createWithinCap: 20 concurrent creations with a cap of 5 store exactly 5', async () => {
    const user = await aStoredUser();
    const pats = Array.from({ length: 20 }, () => aPat(user));
    // Every pooled connection open first, so the creations really run side by side.
    await Promise.all(pats.map((pat) => store().pats.find(pat.id)));
    const { values, errors } = await settle(
      pats.map((pat) => store().pats.createWithinCap(pat, aTokenHash(), 5, T0)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(5);
    const stored = await store().pats.listForUser(user.id);
    expect(stored).toHaveLength(5);
    // The ones stored are the ones that answered true.
    const created = pats.filter((_, i) => values[i]).map((p) => p.id);
    expect(stored.map((p) => p.id).sort()).toEqual(created.sort());
  });

  it('createWithinCap counts the user’s live tokens only: revoked, expired and other users’ do not count', async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    for (let i = 0; i < 3; i++) {
      expect(await store().pats.createWithinCap(aPat(other), aTokenHash(), 3, T0)).toBe(true);
    }
    const revoked = aPat(user);
    const expiring = aPat(user, { expiresAt: T0 + DAY });
    const live = aPat(user);
    for (const pat of [revoked, expiring, live]) {
      expect(await store().pats.createWithinCap(pat, aTokenHash(), 3, T0)).toBe(true);
    }
    expect(await store().pats.createWithinCap(aPat(user), aTokenHash(), 3, T0)).toBe(false);
    expect(await store().pats.revoke(user.id, revoked.id, T0 + 1)).toBe(true);
    expect(await store().pats.createWithinCap(aPat(user), aTokenHash(), 3, T0 + 2)).toBe(true);
    expect(await store().pats.createWithinCap(aPat(user), aTokenHash(), 3, T0 + 3)).toBe(false);
    // Once `expiring` has expired (at its expiry exactly), it no longer counts either.
    expect(await store().pats.createWithinCap(aPat(user), aTokenHash(), 3, T0 + DAY)).toBe(true);
    expect(await store().pats.createWithinCap(aPat(user), aTokenHash(), 3, T0 + DAY)).toBe(false);
  });

  it('listForUser: the owner’s tokens not revoked, newest first, expired ones included', async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    const older = aPat(user, { createdAt: T0 });
    const expired = aPat(user, { createdAt: T0 + MINUTE, expiresAt: T0 + 2 * MINUTE });
    const revoked = aPat(user, { createdAt: T0 + 2 * MINUTE });
    const newest = aPat(user, { createdAt: T0 + 3 * MINUTE });
    for (const pat of [older, expired, revoked, newest]) {
      await store().pats.createWithinCap(pat, aTokenHash(), 10, pat.createdAt);
    }
    await store().pats.createWithinCap(aPat(other), aTokenHash(), 10, T0);
    await store().pats.revoke(user.id, revoked.id, T0 + 4 * MINUTE);
    expect(await store().pats.listForUser(user.id)).toEqual([newest, expired, older]);
    expect(await store().pats.listForUser((await aStoredUser()).id)).toEqual([]);
  });

  it('revoke is owner-scoped: another user’s, an unknown or a revoked id is false and changes nothing', async () => {
    const owner = await aStoredUser();
    const intruder = await aStoredUser();
    const pat = aPat(owner);
    await store().pats.createWithinCap(pat, aTokenHash(), 5, T0);
    expect(await store().pats.revoke(intruder.id, pat.id, T0 + 1)).toBe(false);
    expect((await store().pats.find(pat.id))?.token.revokedAt).toBeNull();
    expect(await store().pats.revoke(owner.id, aPat(owner).id, T0 + 1)).toBe(false);
    expect(await store().pats.revoke(owner.id, pat.id, T0 + 2)).toBe(true);
    expect((await store().pats.find(pat.id))?.token.revokedAt).toBe(T0 + 2);
    expect(await store().pats.revoke(owner.id, pat.id, T0 + 3)).toBe(false);
    expect((await store().pats.find(pat.id))?.token.revokedAt).toBe(T0 + 2);
  });

  it('revokeAllForUser revokes that user’s live tokens only and says how many', async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    const mine = [aPat(user), aPat(user), aPat(user)];
    for (const pat of mine) await store().pats.createWithinCap(pat, aTokenHash(), 5, T0);
    const theirs = aPat(other);
    await store().pats.createWithinCap(theirs, aTokenHash(), 5, T0);
    await store().pats.revoke(user.id, mine[0]!.id, T0 + 1);
    expect(await store().pats.revokeAllForUser(user.id, T0 + 2)).toBe(2);
    expect((await store().pats.find(mine[0]!.id))?.token.revokedAt).toBe(T0 + 1);
    expect((await store().pats.find(mine[1]!.id))?.token.revokedAt).toBe(T0 + 2);
    expect((await store().pats.find(theirs.id))?.token.revokedAt).toBeNull();
    expect(await store().pats.listForUser(user.id)).toEqual([]);
    expect(await store().pats.revokeAllForUser(user.id, T0 + 3)).toBe(0);
  });

  it('touch records a use at most once per interval', async () => {
    const user = await aStoredUser();
    const pat = aPat(user);
    const other = aPat(user);
    for (const p of [pat, other]) await store().pats.createWithinCap(p, aTokenHash(), 5, T0);
    const lastUsed = async () => (await store().pats.find(pat.id))?.token.lastUsedAt;
    await store().pats.touch(pat.id, T0 + 10, MINUTE);
    expect(await lastUsed()).toBe(T0 + 10);
    await store().pats.touch(pat.id, T0 + 10 + MINUTE / 2, MINUTE);
    expect(await lastUsed()).toBe(T0 + 10);
    await store().pats.touch(pat.id, T0 + 10 + MINUTE, MINUTE);
    expect(await lastUsed()).toBe(T0 + 10);
    await store().pats.touch(pat.id, T0 + 11 + MINUTE, MINUTE);
    expect(await lastUsed()).toBe(T0 + 11 + MINUTE);
    expect((await store().pats.find(other.id))?.token.lastUsedAt).toBeNull();
    // Concurrent uses within one interval record one of them, never a later-then-earlier mix.
    const at = T0 + 20 * MINUTE;
    await Promise.all(Array.from({ length: 10 }, (_, i) => store().pats.touch(pat.id, at + i, MINUTE)));
    const recorded = await lastUsed();
    expect(recorded).toBeGreaterThanOrEqual(at);
    expect(recorded).toBeLessThan(at + 10);
  });
}
