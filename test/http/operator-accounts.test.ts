/**
 * Account operations from code, on SQLite and PostgreSQL: `createUser` (an account before it has
 * a password), `addPasswordCredential`, `verifyPassword` (sign-in's check without a session),
 * `updateUser` (an operator's profile change, audited) and `signIn(…, {sessionTtl})`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../src/delivery/mailer.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';

const NEW_PASSWORD = 'a password chosen by the operator';

describe.each(everyStoreKind)('operator account operations (%s)', (kind) => {
  let t: TestGatehouse;
  let locked: TestGatehouse;
  const mails: OutgoingMail[] = [];
  beforeAll(async () => {
    t = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example' },
      { mailer: { send: async (m) => void mails.push(m) } },
    );
    locked = await openGatehouse(kind, { rateLimits: 'on', lockout: { threshold: 3 } });
  });
  afterAll(async () => {
    await t.close();
    await locked.close();
  });

  const signIn = (email: string, password = PASSWORD) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });
  const auditOf = async (userId: string) => (await t.gatehouse.listAuditEvents({ userId })).items;

  it('createUser makes an account without a password: it cannot sign in until it has one', async () => {
    const email = uniqueEmail('created');
    const user = await t.gatehouse.createUser({
      email: ` ${email.toUpperCase()} `,
      name: 'Ada',
      emailVerified: true,
    });
    expect(user).toMatchObject({ email, name: 'Ada', emailVerified: true, status: 'active' });
    expect((await auditOf(user.id)).map((e) => [e.type, e.data])).toEqual([
      ['user.created', { method: 'operator' }],
    ]);
    const refused = await signIn(email);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');
    await expect(t.gatehouse.createUser({ email })).rejects.toMatchObject({ code: 'USER_EXISTS' });
    await expect(t.gatehouse.createUser({ email: 'not an address' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect(mails.filter((m) => m.to === email)).toEqual([]);
  });

  it('addPasswordCredential gives it one; a second, a weak one or an unknown user are refused', async () => {
    const email = uniqueEmail('addpw');
    const user = await t.gatehouse.createUser({ email });
    await expect(t.gatehouse.addPasswordCredential(user.id, 'short')).rejects.toMatchObject({
      code: 'WEAK_PASSWORD',
    });
    await t.gatehouse.addPasswordCredential(user.id, NEW_PASSWORD);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    await expect(
      t.gatehouse.addPasswordCredential(user.id, 'yet another long passphrase'),
    ).rejects.toMatchObject({
      code: 'PASSWORD_EXISTS',
    });
    expect((await signIn(email, 'yet another long passphrase')).status).toBe(401);
    await expect(
      t.gatehouse.addPasswordCredential('usr_00000000000000000000000000000000', NEW_PASSWORD),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.gatehouse.addPasswordCredential('nonsense', NEW_PASSWORD)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('of two concurrent addPasswordCredential calls exactly one wins', async () => {
    const user = await t.gatehouse.createUser({ email: uniqueEmail('race') });
    const results = await Promise.allSettled([
      t.gatehouse.addPasswordCredential(user.id, 'first concurrent passphrase'),
      t.gatehouse.addPasswordCredential(user.id, 'second concurrent passphrase'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'PASSWORD_EXISTS' },
    });
  });

  it('an account created without a password sets its first one through a reset link', async () => {
    const email = uniqueEmail('firstpw');
    await t.gatehouse.createUser({ email });
    expect((await t.request('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    await t.gatehouse.settled();
    const token = /reset-password\?token=([\w-]+)/.exec(mails.find((m) => m.to === email)!.text)![1]!;
    const reset = await t.request('POST', '/auth/reset-password', {
      body: { token, password: NEW_PASSWORD },
    });
    expect(reset.status).toBe(200);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('verifyPassword checks like sign-in and creates no session', async () => {
    const { user } = await t.signUp(uniqueEmail('verify'));
    const sessions = async () => (await t.store.sessions.listForUser(user.id)).length;
    const before = await sessions();
    expect(await t.gatehouse.verifyPassword({ email: user.email.toUpperCase(), password: PASSWORD })).toEqual(
      user,
    );
    expect(await sessions()).toBe(before);
    await expect(
      t.gatehouse.verifyPassword({ email: user.email, password: 'wrong password, long enough' }),
    ).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await expect(
      t.gatehouse.verifyPassword({ email: uniqueEmail('nobody'), password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
    const types = (await auditOf(user.id)).map((e) => e.type);
    expect(types).toContain('user.password_verified');
    expect(types.filter((type) => type === 'user.signed_in')).toHaveLength(0);
    expect(types).toContain('user.sign_in_failed');
    await t.gatehouse.suspendUser(user.id);
    await expect(t.gatehouse.verifyPassword({ email: user.email, password: PASSWORD })).rejects.toMatchObject(
      {
        code: 'USER_SUSPENDED',
      },
    );
  });

  it('verifyPassword shares sign-in’s lockout, both ways', async () => {
    const { user } = await locked.signUp(uniqueEmail('lock'));
    for (let i = 0; i < 3; i++) {
      await expect(
        locked.gatehouse.verifyPassword({ email: user.email, password: `wrong guess number ${i}!` }),
      ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const signIn = await locked.request('POST', '/auth/sign-in/email', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(signIn.status).toBe(429);
    await expect(
      locked.gatehouse.verifyPassword({ email: user.email, password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('updateUser changes profile fields and the verified flag, audited; anything else is refused', async () => {
    const { user, accessToken } = await t.signUp(uniqueEmail('update'));
    const me = await t.gatehouse.updateUser(user.id, {
      displayName: 'Ada L.',
      emailVerified: true,
      locale: 'en-GB',
    });
    expect(me).toMatchObject({ id: user.id, displayName: 'Ada L.', emailVerified: true, locale: 'en-GB' });
    expect((await t.request('GET', '/auth/me', { token: accessToken })).body).toMatchObject({
      displayName: 'Ada L.',
      emailVerified: true,
    });
    const updated = (await auditOf(user.id)).find((e) => e.type === 'user.updated');
    expect(updated?.data).toEqual({ fields: 'displayName,emailVerified,locale', by: 'operator' });
    for (const patch of [
      { email: 'x@example.com' },
      { role: 'admin' },
      { emailVerified: 'yes' },
      { status: 'active' },
    ]) {
      await expect(t.gatehouse.updateUser(user.id, patch)).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
      });
    }
    expect((await t.gatehouse.getMe(accessToken)).email).toBe(user.email);
    await expect(
      t.gatehouse.updateUser('usr_00000000000000000000000000000000', { name: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('signIn with sessionTtl makes a shorter session; out-of-range values are refused', async () => {
    const { user } = await t.signUp(uniqueEmail('ttl'));
    const short = signedIn(
      await t.gatehouse.signIn({ email: user.email, password: PASSWORD }, {}, { sessionTtl: 3600 }),
    );
    expect(Date.parse(short.session.expiresAt) - t.clock.now()).toBe(3600 * 1000);
    t.clock.advance(3601 * 1000);
    await expect(t.gatehouse.refresh(short.refreshToken)).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
    });
    for (const sessionTtl of [59, 1.5, 61 * 24 * 3600]) {
      await expect(
        t.gatehouse.signIn({ email: user.email, password: PASSWORD }, {}, { sessionTtl }),
      ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    }
  });
});
