/**
 * User enumeration (SECURITY.md ENUM-01, ENUM-02, ENUM-04, EML-04): one answer, and one timing,
 * whether or not an account exists. Timings follow SECURITY.md's method (test/support/timing.ts):
 * interleaved classes, medians within max(5 ms, 5%), Mann-Whitney p > 0.01. They test equality,
 * never speed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  observable,
  openGatehouse,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { timingsEqual } from '../support/timing.js';

const WRONG = 'definitely not the password';

describe('enumeration', () => {
  let t: TestGatehouse;
  let strict: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite');
    strict = await openGatehouse('sqlite', { requireEmailVerified: true });
  });
  afterAll(async () => {
    await t?.close();
    await strict?.close();
  });

  const signIn = (g: TestGatehouse, email: string, password = WRONG) =>
    g.request('POST', '/auth/sign-in/email', { body: { email, password } });

  it('ENUM-01: unknown, wrong password, suspended, revoked, deleted and unverified accounts get one identical answer', async () => {
    const active = uniqueEmail('active');
    await t.signUp(active);
    const suspended = uniqueEmail('suspended');
    await t.gatehouse.suspendUser((await t.signUp(suspended)).user.id);
    const revoked = uniqueEmail('revoked');
    await t.gatehouse.revokeUser((await t.signUp(revoked)).user.id);
    const deleted = uniqueEmail('deleted');
    const d = await t.signUp(deleted);
    await t.gatehouse.deleteAccount(d.accessToken, PASSWORD);
    const unverified = uniqueEmail('unverified');
    await strict.signUp(unverified);

    const reference = observable(await signIn(t, uniqueEmail('nobody')));
    expect(reference.status).toBe(401);
    for (const email of [active, suspended, revoked, deleted]) {
      expect(observable(await signIn(t, email)), email).toEqual(reference);
    }
    expect(observable(await signIn(strict, unverified))).toEqual(
      observable(await signIn(strict, uniqueEmail('x'))),
    );
  });

  it('ENUM-02: an unknown address and a wrong password take the same time (the unknown one hashes a dummy)', async () => {
    const email = uniqueEmail('timed');
    await t.signUp(email);
    const result = await timingsEqual(
      () => signIn(t, uniqueEmail('ghost')),
      () => signIn(t, email),
    );
    expect(result, JSON.stringify(result)).toMatchObject({ equal: true });
  });

  it('ENUM-04: forgot-password answers a known and an unknown address with the same body, in the same time', async () => {
    const email = uniqueEmail('forgetful');
    await t.signUp(email);
    const known = await t.request('POST', '/auth/forgot-password', { body: { email } });
    const unknown = await t.request('POST', '/auth/forgot-password', {
      body: { email: uniqueEmail('none') },
    });
    expect(observable(known)).toEqual(observable(unknown));
    const result = await timingsEqual(
      () => t.request('POST', '/auth/forgot-password', { body: { email } }),
      () => t.request('POST', '/auth/forgot-password', { body: { email: uniqueEmail('none') } }),
    );
    expect(result, JSON.stringify(result)).toMatchObject({ equal: true });
  });

  it('EML-04: one account per canonical address, whatever the case or Unicode form', async () => {
    const local = `alice${Date.now()}`;
    expect(
      (
        await t.request('POST', '/auth/sign-up/email', {
          body: { email: `${local}@example.com`, password: PASSWORD },
        })
      ).status,
    ).toBe(201);
    for (const variant of [`${local.toUpperCase()}@EXAMPLE.COM`, ` ${local}@Example.com `]) {
      const again = await t.request('POST', '/auth/sign-up/email', {
        body: { email: variant, password: PASSWORD },
      });
      expect(again.status, variant).toBe(409);
    }
  });
});
