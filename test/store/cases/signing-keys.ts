/** Contract: SigningKeyStore. */
import { expect, it } from 'vitest';
import { aSigningKey, DAY, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

export function signingKeyCases({ store }: ContractContext): void {
  it('starts empty, and stores only the first key', async () => {
    expect(await store().signingKeys.list()).toEqual([]);
    const first = aSigningKey();
    expect(await store().signingKeys.insertFirst(first)).toBe(true);
    expect(await store().signingKeys.insertFirst(aSigningKey())).toBe(false);
    expect(await store().signingKeys.list()).toEqual([first]);
  });

  it('ends 5 concurrent first starts with exactly one key', async () => {
    const keys = Array.from({ length: 5 }, () => aSigningKey());
    const { values, errors } = await settle(keys.map((key) => store().signingKeys.insertFirst(key)));
    expect(errors).toEqual([]);
    expect(values.filter(Boolean)).toHaveLength(1);
    expect(await store().signingKeys.list()).toEqual([keys[values.indexOf(true)]]);
  });

  it('rotation retires every other key and lists newest first', async () => {
    const first = aSigningKey({ createdAt: T0 });
    await store().signingKeys.insertFirst(first);
    const second = aSigningKey({ createdAt: T0 + DAY });
    await store().signingKeys.rotate(second, T0 + DAY);
    const third = aSigningKey({ createdAt: T0 + 2 * DAY });
    await store().signingKeys.rotate(third, T0 + 2 * DAY);
    expect(await store().signingKeys.list()).toEqual([
      third,
      { ...second, retiredAt: T0 + 2 * DAY },
      { ...first, retiredAt: T0 + DAY },
    ]);
  });

  it('purges only keys retired before the cut-off', async () => {
    const first = aSigningKey({ createdAt: T0 });
    await store().signingKeys.insertFirst(first);
    const second = aSigningKey({ createdAt: T0 + DAY });
    await store().signingKeys.rotate(second, T0 + DAY);
    const third = aSigningKey({ createdAt: T0 + 2 * DAY });
    await store().signingKeys.rotate(third, T0 + 2 * DAY);
    expect(await store().signingKeys.purgeRetired(T0 + DAY)).toBe(0);
    expect(await store().signingKeys.purgeRetired(T0 + DAY + 1)).toBe(1);
    expect((await store().signingKeys.list()).map((k) => k.kid)).toEqual([third.kid, second.kid]);
    expect(await store().signingKeys.purgeRetired(T0 + 10 * DAY)).toBe(1);
    expect(await store().signingKeys.list()).toEqual([third]);
  });
}
