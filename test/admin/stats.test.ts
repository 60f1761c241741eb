/**
 * `GET /admin/stats` on SQLite and PostgreSQL: a known installation built with the manual clock
 * over six weeks — sign-ups, sign-ins and failures on known UTC days (some before the 30-day
 * window), users suspended, revoked and deleted, factors of active and inactive users, sessions
 * that lapsed and sessions live now, and a second app — then every figure asserted exactly.
 * Also: `app` narrows the per-app figures, an unknown app is 404, reading is not audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { newId } from '../../src/core/ids.js';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { systemRandom } from '../../src/core/random.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe.each(storeKinds)('GET /admin/stats (%s)', (kind) => {
  let t: TestGatehouse;
  /** An `admin:read` token: unlike a session, it outlives six weeks of test clock. */
  let token: string;
  /** Day 0 of the story (a UTC midnight); the figures are read on day 40. */
  let day0: number;
  let billing: string;
  const at = (day: number, hour = 1) => day0 + day * DAY + hour * HOUR;
  const date = (day: number) => new Date(at(day, 0)).toISOString().slice(0, 10);

  const signUp = async () => t.signUp(uniqueEmail('stats'));
  const signIn = (email: string, password = PASSWORD, app?: string) =>
    t.request('POST', '/auth/sign-in/email', {
      body: { email, password },
      ...(app ? { headers: { 'gatehouse-app': app } } : {}),
    });
  const addTotp = async (accessToken: string) => {
    const { secret } = await t.gatehouse.enrollTotp(accessToken);
    await t.gatehouse.activateTotp(
      accessToken,
      totpAt(base32Decode(secret), Math.floor(t.clock.now() / 1000)),
    );
  };

  beforeAll(async () => {
    t = await openGatehouse(kind);
    day0 = (Math.floor(t.clock.now() / DAY) + 1) * DAY;

    // Day 0: the operator (signed up, TOTP, recovery codes) and their token; the other app.
    t.clock.set(at(0));
    const operator = await signInOperator(t);
    const minted = await t.request('POST', '/auth/tokens', {
      token: operator.accessToken,
      headers: { 'gatehouse-app': CONSOLE_APP_ID },
      body: { name: 'stats', scopes: ['admin:read'] },
    });
    token = minted.body.token;
    billing = (await t.gatehouse.createApp({ name: 'Billing', signUp: 'open' })).app.id;

    // Day 5, before the window: a sign-up who deletes their account.
    t.clock.set(at(5));
    const u0 = await signUp();
    expect(
      (await t.request('DELETE', '/auth/me', { token: u0.accessToken, body: { password: PASSWORD } })).status,
    ).toBe(200);

    // Day 11, the window's first day: a sign-up, two sign-ins, one failure.
    t.clock.set(at(11));
    const u1 = await signUp();
    await signIn(u1.user.email);
    await signIn(u1.user.email);
    await signIn(u1.user.email, 'not the password at all');

    // Day 20: two sign-ups and one by an operator; a sign-in (then TOTP); three failures.
    t.clock.set(at(20, 23));
    const u2 = await signUp();
    const u3 = await signUp();
    const c1 = await t.gatehouse.createUser({ email: uniqueEmail('created'), emailVerified: true });
    const u2Session = (await signIn(u2.user.email)).body;
    await addTotp(u2Session.accessToken);
    await signIn(u3.user.email, 'not the password at all');
    await signIn(u3.user.email, 'still not the password');
    await signIn(uniqueEmail('nobody'), 'no such account here');

    // Day 40, today: a sign-up signing in here and at Billing; a sign-in (then TOTP); u2
    // suspended, u3 revoked; a passkey user (twice) and a phone, put straight in the store.
    t.clock.set(at(40, 2));
    const u4 = await signUp();
    await signIn(u4.user.email);
    expect((await signIn(u4.user.email, PASSWORD, billing)).status).toBe(200);
    const u1Today = (await signIn(u1.user.email)).body;
    await addTotp(u1Today.accessToken);
    await t.gatehouse.enrollTotp(u4.accessToken); // pending, never activated: not a factor
    await t.gatehouse.suspendUser(u2.user.id);
    await t.gatehouse.revokeUser(u3.user.id);
    for (const n of [1, 2]) {
      await t.store.passkeys.add({
        id: newId('mfa', t.clock.now(), systemRandom),
        userId: u4.user.id,
        credentialId: `credential-${n}-${u4.user.id}`,
        publicKey: new Uint8Array([1, 2, 3]),
        algorithm: -7,
        counter: 0,
        transports: [],
        aaguid: '00000000-0000-0000-0000-000000000000',
        backupEligible: false,
        backedUp: false,
        name: `key ${n}`,
        createdAt: t.clock.now(),
        lastUsedAt: null,
      });
    }
    await t.store.phones.add({
      id: newId('mfa', t.clock.now(), systemRandom),
      userId: c1.id,
      phone: '+14155550123',
      createdAt: t.clock.now(),
      verifiedAt: t.clock.now(),
    });
    t.clock.set(at(40, 12));
  });
  afterAll(() => t.close());

  const stats = (query = '') => t.request('GET', `/auth/admin/stats${query}`, { token });

  it('counts users by status, failed and successful sign-ins and sign-ups per UTC day, sessions, factors and apps', async () => {
    const reply = await stats();
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const body = reply.body;
    expect(body.at).toBe(new Date(at(40, 12)).toISOString());
    // operator, u1, u4, c1 active; u2 suspended; u3 revoked; u0 deleted. Unverified: every
    // sign-up that is not deleted (c1 was created verified).
    expect(body.users).toEqual({ total: 7, active: 4, suspended: 1, revoked: 1, deleted: 1, unverified: 5 });

    expect(body.days).toHaveLength(30);
    expect(body.days[0].date).toBe(date(11));
    expect(body.days[29].date).toBe(date(40));
    const nonZero = body.days.filter(
      (d: { signUps: number; signIns: number; failedSignIns: number }) =>
        d.signUps + d.signIns + d.failedSignIns > 0,
    );
    expect(nonZero).toEqual([
      { date: date(11), signUps: 1, signIns: 2, failedSignIns: 1 },
      { date: date(20), signUps: 3, signIns: 1, failedSignIns: 3 },
      { date: date(40), signUps: 1, signIns: 3, failedSignIns: 0 },
    ]);
    expect(body.last30Days).toEqual({ signUps: 5, signIns: 6, failedSignIns: 4 });

    // Live now: today's sessions (u4's sign-up, u4 here and at Billing, u1). Day-20 sessions
    // lapsed after 14 idle days; the operator's from day 0 too.
    expect(body.activeSessions).toBe(4);
    // Active users only: u2's authenticator does not count while suspended; u4's is pending.
    expect(body.factors).toEqual({ totp: 2, passkey: 1, phone: 1, recoveryCodes: 2, any: 4 });

    const apps = Object.fromEntries(body.apps.map((a: { appId: string }) => [a.appId, a]));
    expect(body.apps.map((a: { appId: string }) => a.appId).sort()).toEqual(
      [DEFAULT_APP_ID, CONSOLE_APP_ID, billing].sort(),
    );
    // Default app: everyone who signed up but the deleted u0 (c1 was made without an app).
    expect(apps[DEFAULT_APP_ID]).toMatchObject({
      members: 5,
      activeSessions: 3,
      signIns: 5,
      status: 'active',
    });
    expect(apps[CONSOLE_APP_ID]).toMatchObject({
      name: 'Gatehouse console',
      members: 1,
      activeSessions: 0,
      signIns: 0,
    });
    expect(apps[billing]).toEqual({
      appId: billing,
      name: 'Billing',
      status: 'active',
      members: 1,
      activeSessions: 1,
      signIns: 1,
    });
  });

  it('narrows the apps to one with `app`; an unknown or malformed app is 404 APP_NOT_FOUND', async () => {
    const one = await stats(`?app=${billing}`);
    expect(one.status).toBe(200);
    expect(one.body.apps.map((a: { appId: string }) => a.appId)).toEqual([billing]);
    expect(one.body.users.total).toBe(7);
    for (const app of ['app_0190f2a81b3c7abc8123456789abcdef', 'billing']) {
      const reply = await stats(`?app=${app}`);
      expect([reply.status, reply.body.error?.code]).toEqual([404, 'APP_NOT_FOUND']);
    }
    const unknown = await stats('?days=7');
    expect([unknown.status, unknown.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('moves with the clock: a day later the first day leaves the window and today starts at zero', async () => {
    t.clock.set(at(41, 0));
    try {
      const { body } = (await stats()) as { body: { days: Array<{ date: string }>; last30Days: object } };
      expect(body.days[0]!.date).toBe(date(12));
      expect(body.days[29]).toEqual({ date: date(41), signUps: 0, signIns: 0, failedSignIns: 0 });
      expect(body.last30Days).toEqual({ signUps: 4, signIns: 4, failedSignIns: 3 });
    } finally {
      t.clock.set(at(40, 12));
    }
  });

  it('is not audited; a support operator (stats:read) may read it; embedded code calls getStats', async () => {
    const before = (await t.store.audit.list({ limit: 1000 })).length;
    expect((await stats()).status).toBe(200);
    expect((await t.store.audit.list({ limit: 1000 })).length).toBe(before);
    const embedded = await t.gatehouse.getStats({ appId: billing });
    expect(embedded).toEqual((await stats(`?app=${billing}`)).body);
    // Last: a new operator is one more user, with two live sessions (sign-up, console).
    const support = await signInOperator(t, { role: 'support' });
    const read = await t.request('GET', '/auth/admin/stats', { token: support.accessToken });
    expect([read.status, read.body.users.total, read.body.activeSessions]).toEqual([200, 8, 6]);
  });
});
