/**
 * Contract: passwordless sign-ins by mail — a link is used exactly once (also when ten calls race
 * for it), a code is spent by exactly one right try, every try is counted and never more than
 * `maxAttempts` are weighed, a new link or code voids the address's older unused ones (also when
 * issues race), account rows go with their user, and housekeeping deletes only dead rows.
 */

import { expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../../src/core/apps.js';
import { newId, type UserId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { EmailSignIn } from '../../../src/store/ports/email-sign-in-store.js';
import { aTokenHash, MINUTE, seedUser, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

const MAX = 5;
let counter = 0;
const anAddress = () => `esi-${Date.now().toString(36)}-${++counter}@example.com`;

function aSignIn(overrides: Partial<EmailSignIn> = {}): EmailSignIn {
  const createdAt = overrides.createdAt ?? T0;
  return {
    id: newId('esi', createdAt, systemRandom),
    email: anAddress(),
    userId: null,
    kind: 'link',
    secretHash: aTokenHash(),
    attempts: 0,
    createdAt,
    expiresAt: createdAt + 15 * MINUTE,
    usedAt: null,
    appId: DEFAULT_APP_ID,
    ...overrides,
  };
}

export function emailSignInCases({ store }: ContractContext): void {
  const signIns = () => store().emailSignIns;

  it('link: issued with every field, used once; then used, and unknown for any other digest', async () => {
    const { user } = await seedUser(store());
    const link = aSignIn({ email: user.email!, userId: user.id });
    await signIns().issue(link);
    expect(await signIns().latest(link.email, 'link')).toEqual(link);
    expect(await signIns().latest(link.email, 'code')).toBeNull();
    expect(await signIns().useLink(link.secretHash, T0 + 1)).toEqual({
      ok: true,
      signIn: { ...link, usedAt: T0 + 1 },
    });
    expect(await signIns().useLink(link.secretHash, T0 + 2)).toEqual({ ok: false, reason: 'used' });
    expect(await signIns().useLink(aTokenHash(), T0 + 2)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('link: refused once expired (exactly at expiresAt), and not used by the refusal', async () => {
    const link = aSignIn();
    await signIns().issue(link);
    expect(await signIns().useLink(link.secretHash, link.expiresAt)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await signIns().latest(link.email, 'link'))?.usedAt).toBeNull();
    expect((await signIns().useLink(link.secretHash, link.expiresAt - 1)).ok).toBe(true);
  });

  it('link: 10 concurrent uses, exactly one succeeds', async () => {
    const link = aSignIn();
    await signIns().issue(link);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => signIns().useLink(link.secretHash, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v.ok)).toHaveLength(1);
    expect(values.filter((v) => !v.ok && v.reason === 'used')).toHaveLength(9);
  });

  it('a code digest is never a link, and a link digest never a code', async () => {
    const email = anAddress();
    const code = aSignIn({ email, kind: 'code' });
    await signIns().issue(code);
    expect(await signIns().useLink(code.secretHash, T0 + 1)).toEqual({ ok: false, reason: 'unknown' });
    const link = aSignIn({ email, kind: 'link' });
    await signIns().issue(link);
    // The link's digest tried as the address's code: a wrong try, nothing spent.
    expect(await signIns().tryCode(email, link.secretHash, T0 + 1, MAX)).toBeNull();
    expect((await signIns().useLink(link.secretHash, T0 + 2)).ok).toBe(true);
    expect((await signIns().tryCode(email, code.secretHash, T0 + 2, MAX))?.id).toBe(code.id);
  });

  it('code: the right code is spent once; only for its own address', async () => {
    const code = aSignIn({ kind: 'code' });
    await signIns().issue(code);
    expect(await signIns().tryCode(anAddress(), code.secretHash, T0 + 1, MAX)).toBeNull();
    expect(await signIns().tryCode(code.email, code.secretHash, T0 + 1, MAX)).toEqual({
      ...code,
      attempts: 1,
      usedAt: T0 + 1,
    });
    expect(await signIns().tryCode(code.email, code.secretHash, T0 + 2, MAX)).toBeNull();
  });

  it('code: wrong tries are counted; after maxAttempts the right code is refused too', async () => {
    const code = aSignIn({ kind: 'code' });
    await signIns().issue(code);
    for (let i = 0; i < MAX - 1; i++) {
      expect(await signIns().tryCode(code.email, aTokenHash(), T0 + 1, MAX)).toBeNull();
    }
    expect((await signIns().latest(code.email, 'code'))?.attempts).toBe(MAX - 1);
    // One try left: still alive.
    const twin = aSignIn({ kind: 'code' });
    await signIns().issue(twin);
    for (let i = 0; i < MAX; i++) {
      expect(await signIns().tryCode(twin.email, aTokenHash(), T0 + 1, MAX)).toBeNull();
    }
    expect(await signIns().tryCode(twin.email, twin.secretHash, T0 + 2, MAX)).toBeNull();
    // A dead code counts no further tries.
    expect((await signIns().latest(twin.email, 'code'))?.attempts).toBe(MAX);
    expect((await signIns().tryCode(code.email, code.secretHash, T0 + 2, MAX))?.attempts).toBe(MAX);
  });

  it('code: refused once expired, the right code included', async () => {
    const code = aSignIn({ kind: 'code', expiresAt: T0 + 10 * MINUTE });
    await signIns().issue(code);
    expect(await signIns().tryCode(code.email, code.secretHash, code.expiresAt, MAX)).toBeNull();
    expect(await signIns().tryCode(code.email, code.secretHash, code.expiresAt - 1, MAX)).not.toBeNull();
  });

  it('code: 10 concurrent right tries, exactly one wins', async () => {
    const code = aSignIn({ kind: 'code' });
    await signIns().issue(code);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => signIns().tryCode(code.email, code.secretHash, T0 + 1, 100)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v !== null)).toHaveLength(1);
  });

  it('code: 20 concurrent tries are all counted, never past maxAttempts', async () => {
    const roomy = aSignIn({ kind: 'code' });
    await signIns().issue(roomy);
    await settle(Array.from({ length: 20 }, () => signIns().tryCode(roomy.email, aTokenHash(), T0 + 1, 100)));
    expect((await signIns().latest(roomy.email, 'code'))?.attempts).toBe(20);

    const tight = aSignIn({ kind: 'code' });
    await signIns().issue(tight);
    const { errors } = await settle(
      Array.from({ length: 20 }, () => signIns().tryCode(tight.email, aTokenHash(), T0 + 1, MAX)),
    );
    expect(errors).toEqual([]);
    expect((await signIns().latest(tight.email, 'code'))?.attempts).toBe(MAX);
    expect(await signIns().tryCode(tight.email, tight.secretHash, T0 + 2, MAX)).toBeNull();

    // The right code racing 19 wrong ones wins only among the first MAX tries weighed.
    const raced = aSignIn({ kind: 'code' });
    await signIns().issue(raced);
    const { values } = await settle(
      Array.from({ length: 20 }, (_, i) =>
        signIns().tryCode(raced.email, i === 10 ? raced.secretHash : aTokenHash(), T0 + 1, MAX),
      ),
    );
    const wins = values.filter((v) => v !== null);
    expect(wins.length).toBeLessThanOrEqual(1);
    const attempts = (await signIns().latest(raced.email, 'code'))?.attempts ?? 0;
    expect(attempts).toBeLessThanOrEqual(MAX);
    if (wins.length === 0) expect(attempts).toBe(MAX);
  });

  it('a new code voids the older unused one; a new link voids older links, not the code', async () => {
    const email = anAddress();
    const first = aSignIn({ email, kind: 'code' });
    await signIns().issue(first);
    const link = aSignIn({ email, kind: 'link', createdAt: T0 + 1 });
    await signIns().issue(link);
    const second = aSignIn({ email, kind: 'code', createdAt: T0 + 2 });
    await signIns().issue(second);
    expect(await signIns().tryCode(email, first.secretHash, T0 + 3, MAX)).toBeNull();
    expect((await signIns().tryCode(email, second.secretHash, T0 + 3, MAX))?.id).toBe(second.id);

    const newer = aSignIn({ email, kind: 'link', createdAt: T0 + 4 });
    await signIns().issue(newer);
    expect(await signIns().useLink(link.secretHash, T0 + 5)).toEqual({ ok: false, reason: 'used' });
    expect((await signIns().useLink(newer.secretHash, T0 + 5)).ok).toBe(true);
  });

  it('10 concurrent new codes for one address: exactly one is live, and it is one of them', async () => {
    const email = anAddress();
    const codes = Array.from({ length: 10 }, () => aSignIn({ email, kind: 'code' }));
    const { errors } = await settle(codes.map((c) => signIns().issue(c)));
    expect(errors).toEqual([]);
    const wins = [];
    for (const code of codes) {
      // A generous limit, so wrong tries at voided codes cannot kill the live one.
      const won = await signIns().tryCode(email, code.secretHash, T0 + 1, 100);
      if (won) wins.push(won.id);
    }
    expect(wins).toHaveLength(1);
    expect(codes.map((c) => c.id)).toContain(wins[0]);
  });

  it('rows of an account go with it; rows of an address without one stay', async () => {
    const { user } = await seedUser(store());
    const mine = aSignIn({ email: user.email!, userId: user.id as UserId });
    const nobodys = aSignIn();
    await signIns().issue(mine);
    await signIns().issue(nobodys);
    expect(await store().users.hardDelete(user.id)).toBe(true);
    expect(await signIns().latest(mine.email, 'link')).toBeNull();
    expect(await signIns().latest(nobodys.email, 'link')).toEqual(nobodys);
  });

  it('housekeeping deletes used, voided and expired rows before the cut-off, and keeps live ones', async () => {
    const cutoff = T0 + 60 * MINUTE;
    const used = aSignIn();
    const expired = aSignIn({ kind: 'code', expiresAt: T0 + 10 * MINUTE });
    const voided = aSignIn({ kind: 'code' });
    const live = aSignIn({
      kind: 'code',
      email: voided.email,
      createdAt: T0 + 1,
      expiresAt: cutoff + MINUTE,
    });
    const usedLate = aSignIn({ expiresAt: cutoff + MINUTE });
    for (const s of [used, expired, voided, live, usedLate]) await signIns().issue(s);
    expect((await signIns().useLink(used.secretHash, T0 + 2)).ok).toBe(true);
    expect((await signIns().useLink(usedLate.secretHash, cutoff)).ok).toBe(true);

    expect(await store().housekeeping.deleteDeadEmailSignIns(cutoff, 2)).toBe(2);
    expect(await store().housekeeping.deleteDeadEmailSignIns(cutoff, 2)).toBe(1);
    expect(await store().housekeeping.deleteDeadEmailSignIns(cutoff, 2)).toBe(0);
    expect(await signIns().latest(used.email, 'link')).toBeNull();
    expect(await signIns().latest(expired.email, 'code')).toBeNull();
    expect(await signIns().latest(live.email, 'code')).toEqual(live);
    expect((await signIns().latest(usedLate.email, 'link'))?.usedAt).toBe(cutoff);
  });
}
