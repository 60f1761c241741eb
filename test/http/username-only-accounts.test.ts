/**
 * An account with a username and no address, everywhere the rest of Gatehouse used to assume an
 * address, on SQLite and PostgreSQL: its profile, export, password change, new-device and factor
 * notices, passkey options, operator actions and deletion all work — and send no mail, since
 * there is nowhere to send it — and none answers 500. With no address there is no password reset
 * (docs/usernames.md): that needs an address added first (test/http/usernames.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse } from '../support/gatehouse.js';
import type { SmtpReceiver } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

let counter = 0;
const uniqueUsername = (tag = 'solo') => `${tag}${++counter}_${Date.now().toString(36)}`;
const NEW_PASSWORD = 'a brand new correct horse staple';

describe.each(everyStoreKind)('username-only accounts (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  async function soloAccount(headers: Record<string, string> = {}) {
    const username = uniqueUsername();
    const reply = await t.request('POST', '/auth/sign-up/username', {
      body: { username, password: PASSWORD },
      headers,
    });
    expect(reply.status).toBe(201);
    return { username, userId: reply.body.user.id as string, accessToken: reply.body.accessToken as string };
  }
  const signIn = (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    t.request('POST', '/auth/sign-in/username', { body: { username, password }, headers });
  /** Runs `work`, lets every mail it queued go out, and returns how many mails were sent. */
  async function mailsDuring(work: () => Promise<void>): Promise<number> {
    await t.gatehouse.settled();
    const before = smtp.messages.length;
    await work();
    await t.gatehouse.settled();
    return smtp.messages.length - before;
  }

  it('profile, export and session listing show the username and a null address', async () => {
    const { username, accessToken } = await soloAccount();
    const me = await t.request('GET', '/auth/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username, email: null, emailVerified: false });
    const patched = await t.request('PATCH', '/auth/me', { token: accessToken, body: { name: 'Solo' } });
    expect(patched.status).toBe(200);
    const exported = await t.request('GET', '/auth/me/export', { token: accessToken });
    expect(exported.status).toBe(200);
    expect(exported.body.user).toMatchObject({ username, email: null, name: 'Solo' });
    expect(exported.body.pendingLinks).toEqual([]);
    expect((await t.request('GET', '/auth/sessions', { token: accessToken })).status).toBe(200);
  });

  it('password change, new devices and a second factor work and mail no one', async () => {
    const firefox = {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    };
    const safari = {
      'user-agent':
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    };
    let account: Awaited<ReturnType<typeof soloAccount>> | undefined;
    const sent = await mailsDuring(async () => {
      account = await soloAccount(firefox);
      const { username, accessToken } = account;
      // A sign-in from a device the account never used: the notice has no address to go to.
      expect((await signIn(username, PASSWORD, safari)).status).toBe(200);
      const changed = await t.request('POST', '/auth/change-password', {
        token: accessToken,
        body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(changed.status).toBe(200);
      const token = changed.body.accessToken as string;
      const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token });
      expect(enrol.status).toBe(200);
      // The authenticator app lists the account under its username.
      expect(decodeURIComponent(enrol.body.otpauthUri)).toContain(username);
      const secret = base32Decode(enrol.body.secret);
      const activated = await t.request('POST', '/auth/mfa/totp/activate', {
        token,
        body: { code: totpAt(secret, Math.floor(t.clock.now() / 1000)) },
      });
      expect(activated.status).toBe(200);
      const options = await t.request('POST', '/auth/passkeys/register/options', {
        token: activated.body.accessToken,
      });
      expect(options.status).toBe(200);
      expect(options.body.user).toMatchObject({ name: username });
      // An operator's reset of the factors ends the sessions and would mail a notice.
      await t.gatehouse.resetMfa(account.userId);
      expect((await signIn(username, NEW_PASSWORD)).status).toBe(200);
    });
    expect(sent).toBe(0);
  });

  it('operator actions on the account work without an address', async () => {
    const { username, userId } = await soloAccount();
    const sent = await mailsDuring(async () => {
      await t.gatehouse.rotatePassword(userId, NEW_PASSWORD);
      expect((await signIn(username, NEW_PASSWORD)).status).toBe(200);
      await t.gatehouse.updateUser(userId, { name: 'Renamed' });
      await t.gatehouse.suspendUser(userId);
      expect((await signIn(username, NEW_PASSWORD)).body.error.code).toBe('USER_SUSPENDED');
      await t.gatehouse.reactivateUser(userId);
      expect((await signIn(username, NEW_PASSWORD)).status).toBe(200);
    });
    expect(sent).toBe(0);
  });

  it('deleting the account works; a soft-deleted account keeps its username reserved', async () => {
    const { username, userId, accessToken } = await soloAccount();
    const sent = await mailsDuring(async () => {
      const deleted = await t.request('DELETE', '/auth/me', {
        token: accessToken,
        body: { password: PASSWORD },
      });
      expect(deleted.status).toBe(200);
      expect(deleted.body.mode).toBe('soft');
    });
    expect(sent).toBe(0);
    const after = await signIn(username);
    expect([after.status, after.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    // Restorable, so the name stays the account's.
    const again = await t.request('POST', '/auth/sign-up/username', {
      body: { username, password: PASSWORD },
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    await t.gatehouse.restoreUser(userId);
    expect((await signIn(username)).status).toBe(200);
  });

  it('forgot-password and resend-verification take an address: a username is refused as one', async () => {
    const { username } = await soloAccount();
    for (const path of ['/auth/forgot-password', '/auth/resend-verification']) {
      const reply = await t.request('POST', path, { body: { email: username } });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    }
  });
});
