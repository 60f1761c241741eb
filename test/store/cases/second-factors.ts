/**
 * Contract: the second-factor stores — pending sign-ins (single-use under concurrency, voided at
 * the failure limit), authenticator-app factors (one per user, activated once, the replay guard a
 * compare-and-set) and recovery codes (each spent once under concurrency, a new set voids the old).
 */

import { expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../../src/core/apps.js';
import type { User } from '../../../src/core/entities.js';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { PendingSignIn } from '../../../src/store/ports/pending-sign-in-store.js';
import type { TotpFactor } from '../../../src/store/ports/totp-store.js';
import { aTokenHash, MINUTE, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

function aPendingSignIn(user: User, overrides: Partial<PendingSignIn> = {}): PendingSignIn {
  return {
    id: newId('psi', T0, systemRandom),
    userId: user.id,
    credentialId: null,
    amr: ['pwd'],
    sessionTtl: null,
    ip: '203.0.113.7',
    userAgent: 'vitest',
    failures: 0,
    createdAt: T0,
    expiresAt: T0 + 5 * MINUTE,
    consumedAt: null,
    appId: DEFAULT_APP_ID,
    ...overrides,
  };
}

function aTotpFactor(user: User, overrides: Partial<TotpFactor> = {}): TotpFactor {
  return {
    id: newId('mfa', T0, systemRandom),
    userId: user.id,
    sealedSecret: `sealed-${Math.random().toString(36).slice(2)}`,
    status: 'pending',
    lastStep: null,
    createdAt: T0,
    activatedAt: null,
    ...overrides,
  };
}

export function secondFactorCases({ store }: ContractContext): void {
  const aStoredUser = async () => (await seedUser(store())).user;

  // Pending sign-ins

  it('pending sign-in: found live by its token hash with every field; unknown and expired are not', async () => {
    const { user, credential } = await seedUser(store());
    const pending = aPendingSignIn(user, { credentialId: credential.id, amr: ['pwd'], sessionTtl: 3600 });
    const hash = aTokenHash();
    await store().pendingSignIns.create(pending, hash);
    expect(await store().pendingSignIns.findLive(hash, T0 + 1)).toEqual(pending);
    expect(await store().pendingSignIns.findLive(aTokenHash(), T0 + 1)).toBeNull();
    expect(await store().pendingSignIns.findLive(hash, pending.expiresAt)).toBeNull();
    expect(await store().pendingSignIns.consume(pending.id, pending.expiresAt)).toBe(false);
  });

  it('pending sign-in: consumed once; then it is no longer live', async () => {
    const user = await aStoredUser();
    const pending = aPendingSignIn(user);
    const hash = aTokenHash();
    await store().pendingSignIns.create(pending, hash);
    expect(await store().pendingSignIns.consume(pending.id, T0 + 1)).toBe(true);
    expect(await store().pendingSignIns.consume(pending.id, T0 + 2)).toBe(false);
    expect(await store().pendingSignIns.findLive(hash, T0 + 2)).toBeNull();
  });

  it('pending sign-in: 20 concurrent consumes, exactly one wins', async () => {
    const user = await aStoredUser();
    const pending = aPendingSignIn(user);
    await store().pendingSignIns.create(pending, aTokenHash());
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () => store().pendingSignIns.consume(pending.id, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
  });

  it('pending sign-in: recordFailure counts and leaves the sign-in live (the service decides when it dies)', async () => {
    const user = await aStoredUser();
    const pending = aPendingSignIn(user);
    const hash = aTokenHash();
    await store().pendingSignIns.create(pending, hash);
    for (let i = 1; i <= 3; i++) {
      expect(await store().pendingSignIns.recordFailure(pending.id)).toBe(i);
      expect((await store().pendingSignIns.findLive(hash, T0 + i))?.failures).toBe(i);
    }
    expect(await store().pendingSignIns.consume(pending.id, T0 + 4)).toBe(true);
  });

  it('pending sign-in: 20 concurrent failures all count', async () => {
    const user = await aStoredUser();
    const pending = aPendingSignIn(user);
    const hash = aTokenHash();
    await store().pendingSignIns.create(pending, hash);
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () => store().pendingSignIns.recordFailure(pending.id)),
    );
    expect(errors).toEqual([]);
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await store().pendingSignIns.findLive(hash, T0 + 2))?.failures).toBe(20);
  });

  it("pending sign-in: voidAllForUser voids every live one of the user and no one else's", async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    const hashes = [aTokenHash(), aTokenHash(), aTokenHash()];
    const mine = [aPendingSignIn(user), aPendingSignIn(user), aPendingSignIn(user)];
    for (const [i, p] of mine.entries()) await store().pendingSignIns.create(p, hashes[i]!);
    expect(await store().pendingSignIns.consume(mine[2]!.id, T0 + 1)).toBe(true);
    const theirs = aPendingSignIn(other);
    const theirHash = aTokenHash();
    await store().pendingSignIns.create(theirs, theirHash);
    expect(await store().pendingSignIns.voidAllForUser(user.id, T0 + 2)).toBe(2);
    for (const hash of hashes) expect(await store().pendingSignIns.findLive(hash, T0 + 3)).toBeNull();
    expect(await store().pendingSignIns.consume(mine[0]!.id, T0 + 3)).toBe(false);
    expect(await store().pendingSignIns.findLive(theirHash, T0 + 3)).toEqual(theirs);
    expect(await store().pendingSignIns.voidAllForUser(user.id, T0 + 4)).toBe(0);
  });

  // Authenticator-app (TOTP) factors

  it('totp: a pending factor is stored, replaced by a newer pending one, and activated once', async () => {
    const user = await aStoredUser();
    expect(await store().totp.find(user.id)).toBeNull();
    const first = aTotpFactor(user);
    expect(await store().totp.putPending(first)).toBe(true);
    expect(await store().totp.find(user.id)).toEqual(first);
    const second = aTotpFactor(user, { createdAt: T0 + 1 });
    expect(await store().totp.putPending(second)).toBe(true);
    expect(await store().totp.find(user.id)).toEqual(second);
    // The replaced secret can no longer be activated.
    expect(await store().totp.activate(first.id, 100, T0 + 2)).toBe(false);
    expect(await store().totp.activate(second.id, 100, T0 + 2)).toBe(true);
    expect(await store().totp.find(user.id)).toEqual({
      ...second,
      status: 'active',
      lastStep: 100,
      activatedAt: T0 + 2,
    });
    expect(await store().totp.activate(second.id, 101, T0 + 3)).toBe(false);
    expect((await store().totp.find(user.id))?.lastStep).toBe(100);
  });

  it('totp: putPending refuses while a factor is active and leaves it untouched', async () => {
    const user = await aStoredUser();
    const active = aTotpFactor(user);
    await store().totp.putPending(active);
    await store().totp.activate(active.id, 7, T0 + 1);
    const before = await store().totp.find(user.id);
    expect(await store().totp.putPending(aTotpFactor(user))).toBe(false);
    expect(await store().totp.find(user.id)).toEqual(before);
  });

  it('totp: 10 concurrent activations of one pending factor, exactly one wins', async () => {
    const user = await aStoredUser();
    const factor = aTotpFactor(user);
    await store().totp.putPending(factor);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => store().totp.activate(factor.id, 50, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
  });

  it('totp: useStep accepts only a step later than the last; not on a pending factor', async () => {
    const user = await aStoredUser();
    const factor = aTotpFactor(user);
    await store().totp.putPending(factor);
    expect(await store().totp.useStep(factor.id, 10)).toBe(false);
    await store().totp.activate(factor.id, 10, T0 + 1);
    expect(await store().totp.useStep(factor.id, 10)).toBe(false);
    expect(await store().totp.useStep(factor.id, 9)).toBe(false);
    expect(await store().totp.useStep(factor.id, 11)).toBe(true);
    expect(await store().totp.useStep(factor.id, 11)).toBe(false);
    expect(await store().totp.useStep(factor.id, 10)).toBe(false);
    expect(await store().totp.useStep(factor.id, 13)).toBe(true);
    expect((await store().totp.find(user.id))?.lastStep).toBe(13);
  });

  it('totp: 20 concurrent useStep calls with one step, exactly one wins', async () => {
    const user = await aStoredUser();
    const factor = aTotpFactor(user);
    await store().totp.putPending(factor);
    await store().totp.activate(factor.id, 1000, T0 + 1);
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () => store().totp.useStep(factor.id, 1001)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
    expect((await store().totp.find(user.id))?.lastStep).toBe(1001);
  });

  it('totp: remove deletes the factor, active or pending; false when there is none', async () => {
    const user = await aStoredUser();
    const factor = aTotpFactor(user);
    await store().totp.putPending(factor);
    await store().totp.activate(factor.id, 1, T0 + 1);
    expect(await store().totp.remove(user.id)).toBe(true);
    expect(await store().totp.find(user.id)).toBeNull();
    expect(await store().totp.useStep(factor.id, 2)).toBe(false);
    expect(await store().totp.remove(user.id)).toBe(false);
    await store().totp.putPending(aTotpFactor(user));
    expect(await store().totp.remove(user.id)).toBe(true);
    expect(await store().totp.find(user.id)).toBeNull();
  });

  // Recovery codes

  it('recovery codes: each is spent once, only by its owner; the count of unused ones follows', async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    const hashes = Array.from({ length: 10 }, () => aTokenHash());
    await store().recoveryCodes.replaceAll(user.id, hashes, T0);
    expect(await store().recoveryCodes.countUnused(user.id)).toBe(10);
    expect(await store().recoveryCodes.countUnused(other.id)).toBe(0);
    expect(await store().recoveryCodes.use(other.id, hashes[0]!, T0 + 1)).toBe(false);
    expect(await store().recoveryCodes.use(user.id, aTokenHash(), T0 + 1)).toBe(false);
    expect(await store().recoveryCodes.use(user.id, hashes[0]!, T0 + 1)).toBe(true);
    expect(await store().recoveryCodes.use(user.id, hashes[0]!, T0 + 2)).toBe(false);
    expect(await store().recoveryCodes.countUnused(user.id)).toBe(9);
    expect(await store().recoveryCodes.use(user.id, hashes[1]!, T0 + 3)).toBe(true);
    expect(await store().recoveryCodes.countUnused(user.id)).toBe(8);
  });

  it('recovery codes: 20 concurrent uses of one code, exactly one wins', async () => {
    const user = await aStoredUser();
    const hashes = Array.from({ length: 10 }, () => aTokenHash());
    await store().recoveryCodes.replaceAll(user.id, hashes, T0);
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () => store().recoveryCodes.use(user.id, hashes[3]!, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
    expect(await store().recoveryCodes.countUnused(user.id)).toBe(9);
  });

  it('recovery codes: replaceAll voids the old set, used and unused; removeAll deletes the set', async () => {
    const user = await aStoredUser();
    const old = Array.from({ length: 10 }, () => aTokenHash());
    await store().recoveryCodes.replaceAll(user.id, old, T0);
    await store().recoveryCodes.use(user.id, old[0]!, T0 + 1);
    const fresh = Array.from({ length: 10 }, () => aTokenHash());
    await store().recoveryCodes.replaceAll(user.id, fresh, T0 + 2);
    expect(await store().recoveryCodes.countUnused(user.id)).toBe(10);
    for (const hash of old) expect(await store().recoveryCodes.use(user.id, hash, T0 + 3)).toBe(false);
    expect(await store().recoveryCodes.use(user.id, fresh[0]!, T0 + 3)).toBe(true);
    expect(await store().recoveryCodes.removeAll(user.id)).toBe(10);
    expect(await store().recoveryCodes.countUnused(user.id)).toBe(0);
    expect(await store().recoveryCodes.use(user.id, fresh[1]!, T0 + 4)).toBe(false);
    expect(await store().recoveryCodes.removeAll(user.id)).toBe(0);
  });

  it('recovery codes: a user may hold a code hash another user holds; each spends only their own', async () => {
    const a = await aStoredUser();
    const b = await aStoredUser();
    const shared = aTokenHash();
    await store().recoveryCodes.replaceAll(a.id, [shared], T0);
    await store().recoveryCodes.replaceAll(b.id, [shared], T0);
    expect(await store().recoveryCodes.use(a.id, shared, T0 + 1)).toBe(true);
    expect(await store().recoveryCodes.use(b.id, shared, T0 + 1)).toBe(true);
    expect(await store().recoveryCodes.use(a.id, shared, T0 + 2)).toBe(false);
  });
}
