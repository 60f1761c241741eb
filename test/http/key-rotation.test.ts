/**
 * Key rotation seen from another process: two instances on one PostgreSQL (the tables shared,
 * as several `gatehouse serve` processes share them), each with its own clock. After a rotation
 * on A, B publishes the new key in its JWKS and signs with it within a minute — also when B sat
 * idle for longer than a token lives, which used to make it sign with a key retired long ago,
 * so that its fresh tokens were refused at once (regression test for issue 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { PASSWORD, TEST_SECRET, uniqueEmail } from '../support/gatehouse.js';
import { jwtParts } from '../support/jwt.js';
import { randomTablePrefix, type TestDatabase, testDatabase } from '../support/stores.js';

const TTL = 900;

describe('signing keys across two processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let a: Gatehouse;
  let b: Gatehouse;
  const clockA = new ManualClock(Date.now());
  const clockB = new ManualClock(Date.now());

  beforeAll(async () => {
    db = await testDatabase('postgres');
    const tablePrefix = randomTablePrefix();
    const open = async (clock: ManualClock) => {
      const gatehouse = createGatehouse({
        store: await db.open({ tablePrefix }),
        clock,
        secret: TEST_SECRET,
        logLevel: 'silent',
        rateLimits: 'off',
        accessTokenTtl: TTL,
        mailer: { send: async () => {} },
      });
      await gatehouse.ready();
      return gatehouse;
    };
    a = await open(clockA);
    b = await open(clockB);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.cleanup();
  });

  const kids = async (g: Gatehouse) => (await g.jwks()).keys.map((k) => k.kid as string);
  const kidOf = (token: string) => jwtParts(token).header.kid as string;

  it('B publishes a key rotated on A within a minute, and signs with it', async () => {
    const [before] = await kids(b);
    const { kid } = await a.rotateSigningKey();
    expect(await kids(a)).toEqual(expect.arrayContaining([kid, before]));

    clockA.advance(61_000);
    clockB.advance(61_000);
    expect(await kids(b)).toEqual(expect.arrayContaining([kid, before]));
    const signedUp = await b.signUp({ email: uniqueEmail('rotated'), password: PASSWORD });
    expect(kidOf(signedUp.accessToken)).toBe(kid);
    await expect(a.getSession(signedUp.accessToken)).resolves.toMatchObject({
      user: { id: signedUp.user.id },
    });
  });

  it('an idle B signs its first token after a rotation with the new key, which both verify', async () => {
    const { kid } = await a.rotateSigningKey();
    // Long after the rotation: the retired key verifies nothing any more.
    clockA.advance((TTL + 120) * 1000);
    clockB.advance((TTL + 120) * 1000);
    const signedUp = await b.signUp({ email: uniqueEmail('idle'), password: PASSWORD });
    expect(kidOf(signedUp.accessToken)).toBe(kid);
    await expect(b.getSession(signedUp.accessToken)).resolves.toMatchObject({
      user: { id: signedUp.user.id },
    });
    await expect(a.getSession(signedUp.accessToken)).resolves.toMatchObject({
      user: { id: signedUp.user.id },
    });
    expect(await kids(b)).toEqual([kid]);
  });
});
