/**
 * Contract: phones and text-message codes — one verified phone per user; codes bound to a
 * purpose and a binding, one live per binding (a new one voids the old, and may not follow it
 * within the interval, also when requests race); every try counted, at most `maxAttempts`
 * weighed, and a right code spent by exactly one of concurrent callers.
 */
import { expect, it } from 'vitest';
import type { User } from '../../../src/core/entities.js';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { PhoneFactor } from '../../../src/store/ports/phone-store.js';
import type { SmsCode } from '../../../src/store/ports/sms-code-store.js';
import { aTokenHash, MINUTE, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

const SECOND = 1000;
const INTERVAL = 30 * SECOND;
const MAX = 5;

function aPhone(user: User, overrides: Partial<PhoneFactor> = {}): PhoneFactor {
  return {
    id: newId('mfa', T0, systemRandom),
    userId: user.id,
    phone: '+14155550100',
    createdAt: T0,
    verifiedAt: T0,
    ...overrides,
  };
}

function aCode(user: User, overrides: Partial<SmsCode> = {}): SmsCode {
  const createdAt = overrides.createdAt ?? T0;
  return {
    id: newId('otc', createdAt, systemRandom),
    userId: user.id,
    purpose: 'sign_in',
    boundTo: newId('psi', T0, systemRandom),
    phone: '+14155550100',
    codeHash: aTokenHash(),
    attempts: 0,
    createdAt,
    expiresAt: createdAt + 5 * MINUTE,
    usedAt: null,
    ...overrides,
  };
}

export function phoneCases({ store }: ContractContext): void {
  const aStoredUser = async () => (await seedUser(store())).user;

  it('phone: one per user, found with every field, removed once; other users untouched', async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    const phone = aPhone(user);
    expect(await store().phones.find(user.id)).toBeNull();
    expect(await store().phones.add(phone)).toBe(true);
    expect(await store().phones.find(user.id)).toEqual(phone);
    expect(await store().phones.add(aPhone(user, { phone: '+442079460958' }))).toBe(false);
    expect(await store().phones.find(user.id)).toEqual(phone);
    expect(await store().phones.find(other.id)).toBeNull();
    expect(await store().phones.remove(other.id)).toBe(false);
    expect(await store().phones.remove(user.id)).toBe(true);
    expect(await store().phones.remove(user.id)).toBe(false);
    expect(await store().phones.find(user.id)).toBeNull();
  });

  it('phone: 10 concurrent adds for one user, exactly one stored', async () => {
    const user = await aStoredUser();
    const { values, errors } = await settle(
      Array.from({ length: 10 }, (_, i) => store().phones.add(aPhone(user, { phone: `+1415555010${i}` }))),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
  });

  it('sms code: issued, then latest and live for its binding only, with every field', async () => {
    const user = await aStoredUser();
    const code = aCode(user);
    expect(await store().smsCodes.latest(user.id, 'sign_in', code.boundTo)).toBeNull();
    expect(await store().smsCodes.issue(code, INTERVAL)).toEqual({ issued: true });
    expect(await store().smsCodes.latest(user.id, 'sign_in', code.boundTo)).toEqual(code);
    expect(await store().smsCodes.findLive(user.id, 'sign_in', code.boundTo, T0 + 1, MAX)).toEqual(code);
    expect(await store().smsCodes.findLive(user.id, 'reauth', code.boundTo, T0 + 1, MAX)).toBeNull();
    expect(await store().smsCodes.findLive(user.id, 'sign_in', 'psi_other', T0 + 1, MAX)).toBeNull();
    const other = await aStoredUser();
    expect(await store().smsCodes.findLive(other.id, 'sign_in', code.boundTo, T0 + 1, MAX)).toBeNull();
    expect(await store().smsCodes.findLive(user.id, 'sign_in', code.boundTo, code.expiresAt, MAX)).toBeNull();
  });

  it('sms code: a right try spends it once; a spent code is neither live nor usable', async () => {
    const user = await aStoredUser();
    const code = aCode(user);
    await store().smsCodes.issue(code, INTERVAL);
    expect(await store().smsCodes.attempt(code.id, code.codeHash, T0 + 1, MAX)).toBe(true);
    expect(await store().smsCodes.attempt(code.id, code.codeHash, T0 + 2, MAX)).toBe(false);
    expect(await store().smsCodes.findLive(user.id, 'sign_in', code.boundTo, T0 + 3, MAX)).toBeNull();
    expect((await store().smsCodes.latest(user.id, 'sign_in', code.boundTo))?.usedAt).toBe(T0 + 1);
  });

  it('sms code: wrong tries are counted; after maxAttempts the right code is refused too', async () => {
    const user = await aStoredUser();
    const code = aCode(user);
    await store().smsCodes.issue(code, INTERVAL);
    for (let i = 0; i < MAX; i++) {
      expect(await store().smsCodes.attempt(code.id, aTokenHash(), T0 + 1, MAX)).toBe(false);
    }
    expect((await store().smsCodes.latest(user.id, 'sign_in', code.boundTo))?.attempts).toBe(MAX);
    expect(await store().smsCodes.findLive(user.id, 'sign_in', code.boundTo, T0 + 2, MAX)).toBeNull();
    expect(await store().smsCodes.attempt(code.id, code.codeHash, T0 + 2, MAX)).toBe(false);
    // A dead code counts no further tries.
    expect((await store().smsCodes.latest(user.id, 'sign_in', code.boundTo))?.attempts).toBe(MAX);
  });

  it('sms code: an expired code is refused, the right code included', async () => {
    const user = await aStoredUser();
    const code = aCode(user);
    await store().smsCodes.issue(code, INTERVAL);
    expect(await store().smsCodes.attempt(code.id, code.codeHash, code.expiresAt, MAX)).toBe(false);
    expect(await store().smsCodes.attempt(code.id, code.codeHash, code.expiresAt - 1, MAX)).toBe(true);
  });

  it('sms code: housekeeping deletes spent and expired codes in batches; a live one stays', async () => {
    const user = await aStoredUser();
    const spent = aCode(user);
    const expired = aCode(user, { expiresAt: T0 + MINUTE });
    const live = aCode(user, { expiresAt: T0 + 10 * MINUTE });
    for (const code of [spent, expired, live]) await store().smsCodes.issue(code, 0);
    expect(await store().smsCodes.attempt(spent.id, spent.codeHash, T0 + 1, MAX)).toBe(true);
    const cutoff = T0 + 2 * MINUTE;
    expect(await store().housekeeping.deleteDeadSmsCodes(cutoff, 1)).toBe(1);
    expect(await store().housekeeping.deleteDeadSmsCodes(cutoff, 1)).toBe(1);
    expect(await store().housekeeping.deleteDeadSmsCodes(cutoff, 1)).toBe(0);
    expect(await store().smsCodes.attempt(live.id, live.codeHash, cutoff, MAX)).toBe(true);
  });

  it('sms code: 20 concurrent right tries, exactly one wins', async () => {
    const user = await aStoredUser();
    const code = aCode(user);
    await store().smsCodes.issue(code, INTERVAL);
    const { values, errors } = await settle(
      Array.from({ length: 20 }, () => store().smsCodes.attempt(code.id, code.codeHash, T0 + 1, 100)),
    );
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
  });

  it('sms code: 20 concurrent wrong tries are all counted, and no more than maxAttempts', async () => {
    const user = await aStoredUser();
    const roomy = aCode(user);
    await store().smsCodes.issue(roomy, INTERVAL);
    await settle(
      Array.from({ length: 20 }, () => store().smsCodes.attempt(roomy.id, aTokenHash(), T0 + 1, 100)),
    );
    expect((await store().smsCodes.latest(user.id, 'sign_in', roomy.boundTo))?.attempts).toBe(20);

    const tight = aCode(user);
    await store().smsCodes.issue(tight, INTERVAL);
    const { values } = await settle([
      ...Array.from({ length: 20 }, () => store().smsCodes.attempt(tight.id, aTokenHash(), T0 + 1, MAX)),
    ]);
    expect(values.filter(Boolean)).toHaveLength(0);
    expect((await store().smsCodes.latest(user.id, 'sign_in', tight.boundTo))?.attempts).toBe(MAX);
    expect(await store().smsCodes.attempt(tight.id, tight.codeHash, T0 + 2, MAX)).toBe(false);
  });

  it('sms code: a new code within the interval is refused with the time left; after it, it voids the old one', async () => {
    const user = await aStoredUser();
    const first = aCode(user);
    await store().smsCodes.issue(first, INTERVAL);
    const early = aCode(user, { boundTo: first.boundTo, createdAt: T0 + 10 * SECOND });
    expect(await store().smsCodes.issue(early, INTERVAL)).toEqual({
      issued: false,
      retryAfterMs: 20 * SECOND,
    });
    expect(await store().smsCodes.latest(user.id, 'sign_in', first.boundTo)).toEqual(first);

    // Another binding or purpose is not held back.
    const elsewhere = aCode(user, { createdAt: T0 + 10 * SECOND });
    expect(await store().smsCodes.issue(elsewhere, INTERVAL)).toEqual({ issued: true });
    const otherPurpose = aCode(user, {
      boundTo: first.boundTo,
      purpose: 'reauth',
      createdAt: T0 + 10 * SECOND,
    });
    expect(await store().smsCodes.issue(otherPurpose, INTERVAL)).toEqual({ issued: true });

    const second = aCode(user, { boundTo: first.boundTo, createdAt: T0 + INTERVAL });
    expect(await store().smsCodes.issue(second, INTERVAL)).toEqual({ issued: true });
    expect(await store().smsCodes.attempt(first.id, first.codeHash, T0 + INTERVAL + 1, MAX)).toBe(false);
    expect(
      await store().smsCodes.findLive(user.id, 'sign_in', first.boundTo, T0 + INTERVAL + 1, MAX),
    ).toEqual(second);
    expect(await store().smsCodes.attempt(second.id, second.codeHash, T0 + INTERVAL + 1, MAX)).toBe(true);
    expect(await store().smsCodes.attempt(elsewhere.id, elsewhere.codeHash, T0 + INTERVAL + 1, MAX)).toBe(
      true,
    );
  });

  it('sms code: 10 concurrent issues for one binding, exactly one stored', async () => {
    const user = await aStoredUser();
    const boundTo = newId('ses', T0, systemRandom);
    const codes = Array.from({ length: 10 }, () => aCode(user, { purpose: 'reauth', boundTo }));
    // Open the pool's connections first, so the issues overlap instead of queueing behind connects.
    await Promise.all(codes.map(() => store().smsCodes.latest(user.id, 'reauth', boundTo)));
    const { values, errors } = await settle(codes.map((c) => store().smsCodes.issue(c, INTERVAL)));
    expect(errors).toEqual([]);
    expect(values.filter((v) => v.issued)).toHaveLength(1);
    const found = await store().smsCodes.findLive(user.id, 'reauth', boundTo, T0 + 1, MAX);
    expect(codes.map((c) => c.id)).toContain(found?.id);
  });

  it('sms code: discard deletes one code; removeAll every code of the user', async () => {
    const user = await aStoredUser();
    const other = await aStoredUser();
    const code = aCode(user);
    await store().smsCodes.issue(code, INTERVAL);
    await store().smsCodes.discard(code.id);
    expect(await store().smsCodes.latest(user.id, 'sign_in', code.boundTo)).toBeNull();
    // Discarded, it no longer holds the next one back.
    expect(await store().smsCodes.issue(aCode(user, { boundTo: code.boundTo }), INTERVAL)).toEqual({
      issued: true,
    });
    await store().smsCodes.issue(aCode(user, { purpose: 'phone_setup' }), INTERVAL);
    const kept = aCode(other);
    await store().smsCodes.issue(kept, INTERVAL);
    expect(await store().smsCodes.removeAll(user.id)).toBe(2);
    expect(await store().smsCodes.removeAll(user.id)).toBe(0);
    expect(await store().smsCodes.latest(other.id, 'sign_in', kept.boundTo)).toEqual(kept);
  });

  it('phone and codes go with their user', async () => {
    const user = await aStoredUser();
    await store().phones.add(aPhone(user));
    const code = aCode(user);
    await store().smsCodes.issue(code, INTERVAL);
    expect(await store().users.hardDelete(user.id)).toBe(true);
    expect(await store().phones.find(user.id)).toBeNull();
    expect(await store().smsCodes.latest(user.id, 'sign_in', code.boundTo)).toBeNull();
  });
}
