/**
 * Notice mails over real SMTP, on SQLite and PostgreSQL: password changed (by change and by
 * reset) and a sign-in from a device the account never used — and no notice for a known one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, mailsTo, type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';
import { outboxDelivered } from '../support/wait.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

describe.each(everyStoreKind)('notices (%s)', (kind) => {
  let smtp: SmtpReceiver;
  let t: TestGatehouse;
  let quiet: TestGatehouse;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    const mailer = () => smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>');
    t = await openGatehouse(kind, { baseUrl: 'https://app.example' }, { mailer: mailer() });
    quiet = await openGatehouse(
      kind,
      { baseUrl: 'https://app.example', notifyNewDevice: false },
      { mailer: mailer() },
    );
  });
  afterAll(async () => {
    await t?.close();
    await quiet?.close();
    await smtp?.stop();
  });

  const signIn = (g: TestGatehouse, email: string, userAgent: string, password = PASSWORD) =>
    g.request('POST', '/auth/sign-in/email', {
      body: { email, password },
      headers: { 'user-agent': userAgent },
      ip: '203.0.113.7',
    });
  const signUpWith = (g: TestGatehouse, email: string, userAgent: string) =>
    g.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: { 'user-agent': userAgent },
    });
  const newDeviceMails = (email: string) =>
    mailsTo(smtp, email).filter((m) => m.subject === 'New sign-in to your account');

  it('a sign-in from a device the account never used is announced; a known device is not', async () => {
    const email = uniqueEmail('device');
    await signUpWith(t, email, FIREFOX);
    expect((await signIn(t, email, FIREFOX)).status).toBe(200);
    await outboxDelivered(t);
    expect(newDeviceMails(email)).toHaveLength(0);

    expect((await signIn(t, email, SAFARI)).status).toBe(200);
    const mail = await waitForMail(smtp, email, /New sign-in from Safari on iOS/);
    expect(mail.text).toContain('203.0.113.7');
    expect(mail.text).toContain('https://app.example/forgot-password');
    expect(mail.html).toContain('Safari on iOS');

    expect((await signIn(t, email, SAFARI)).status).toBe(200);
    await outboxDelivered(t);
    expect(newDeviceMails(email)).toHaveLength(1);
    // A wrong password announces nothing.
    expect((await signIn(t, email, 'curl/8.0', 'not the password at all')).status).toBe(401);
    await outboxDelivered(t);
    expect(newDeviceMails(email)).toHaveLength(1);
  });

  it('notifyNewDevice: false turns the notice off', async () => {
    const email = uniqueEmail('quiet');
    await signUpWith(quiet, email, FIREFOX);
    expect((await signIn(quiet, email, SAFARI)).status).toBe(200);
    await mailedLink(smtp, email, 'verify-email');
    await outboxDelivered(quiet);
    expect(newDeviceMails(email)).toHaveLength(0);
  });

  it('a password change and a password reset each send a notice', async () => {
    const email = uniqueEmail('pw');
    const a = await t.signUp(email);
    const changed = await t.request('POST', '/auth/change-password', {
      token: a.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase 1' },
    });
    expect(changed.status).toBe(200);
    const first = await waitForMail(smtp, email, /password of the account for \S+ was changed/);
    expect(first.subject).toBe('Your password was changed');

    await t.request('POST', '/auth/forgot-password', { body: { email } });
    const { token } = await mailedLink(smtp, email, 'reset-password');
    await t.request('POST', '/auth/reset-password', {
      body: { token, password: 'another new passphrase 2' },
    });
    await waitForMail(smtp, email, /password of the account for \S+ was changed/, 2);
    const notices = mailsTo(smtp, email).filter((m) => m.subject === 'Your password was changed');
    expect(notices).toHaveLength(2);
    // Notices carry no one-time token.
    for (const notice of notices) expect(notice.text).not.toMatch(/token=/);
  });
});
