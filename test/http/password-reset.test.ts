/**
 * Forgotten password over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL
 * (SECURITY.md ENUM-04, RST-01..05, RST-07, RST-08).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';

const NEW = 'my brand new passphrase 31';

describe.each(storeKinds)('password reset (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const resetMails = (email: string) =>
    smtp.messages.filter(
      (m) => (m.to as { text: string }).text === email && /reset-password\?token=/.test(m.text ?? ''),
    );
  async function resetLink(email: string, count = 1): Promise<URL> {
    const mail = await waitForMail(smtp, email, /reset-password\?token=/, count);
    return new URL(/https?:\/\/\S+reset-password\?token=[\w-]+/.exec(mail.text ?? '')![0]);
  }
  const forgot = (email: unknown, headers?: Record<string, string>) =>
    t.request('POST', '/auth/forgot-password', { body: { email }, ...(headers ? { headers } : {}) });
  const reset = (token: string, password = NEW) =>
    t.request('POST', '/auth/reset-password', { body: { token, password } });

  it('mails a link to the base URL (whatever Host says); the reset ends every session and signs nobody in', async () => {
    const email = uniqueEmail('reset');
    const a = await t.signUp(email);
    const b = (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;
    const reply = await forgot(email, { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    expect(reply.status).toBe(202);
    const link = await resetLink(email);
    expect(link.origin).toBe('https://app.example');
    const done = await reset(link.searchParams.get('token')!);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ success: true });
    for (const s of [a, b]) {
      expect((await t.request('GET', '/auth/session', { token: s.accessToken })).status).toBe(401);
      expect(
        (await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
      ).toBe(401);
    }
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(401);
    expect((await t.request('POST', '/auth/sign-in/email', { body: { email, password: NEW } })).status).toBe(
      200,
    );
    const again = await reset(link.searchParams.get('token')!, 'yet another passphrase 9');
    expect(again.body.error.code).toBe('LINK_USED');
  });

  it('answers a known and an unknown address identically, and mails only the known one', async () => {
    const email = uniqueEmail('known');
    await t.signUp(email);
    const known = await forgot(email);
    const unknown = await forgot(uniqueEmail('unknown'));
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    await resetLink(email);
  });

  it('a newer request voids the older link; links expire after an hour', async () => {
    const email = uniqueEmail('newer');
    await t.signUp(email);
    await forgot(email);
    const first = (await resetLink(email)).searchParams.get('token')!;
    await forgot(email);
    const second = (await resetLink(email, 2)).searchParams.get('token')!;
    expect((await reset(first)).body.error.code).toBe('LINK_USED');
    t.clock.advance(3600 * 1000 + 1);
    expect((await reset(second)).body.error.code).toBe('LINK_EXPIRED');
  });

  it('refuses weak passwords without spending the link, and tokens of another purpose', async () => {
    const email = uniqueEmail('weak');
    await t.signUp(email);
    await forgot(email);
    const token = (await resetLink(email)).searchParams.get('token')!;
    expect((await reset(token, 'password1')).body.error.code).toBe('WEAK_PASSWORD');
    expect((await reset(token)).status).toBe(200);
    expect((await reset('x'.repeat(43))).body.error.code).toBe('LINK_INVALID');
  });

  it('never mails the typed address: look-alikes and smuggled recipients get nothing', async () => {
    const local = `victim${Date.now()}`;
    await t.signUp(`${local}@example.com`);
    const before = smtp.messages.length;
    for (const typed of [
      `${local.replace('i', 'ı')}@example.com`,
      `${local}＠example.com`,
      `${local}@example.com,attacker@evil.example`,
      `${local}@example.com\r\nBcc: attacker@evil.example`,
    ]) {
      const reply = await forgot(typed);
      expect([202, 400]).toContain(reply.status);
    }
    expect((await forgot([`${local}@example.com`, 'attacker@evil.example'])).status).toBe(400);
    const upper = await forgot(`${local.toUpperCase()}@EXAMPLE.COM`);
    expect(upper.status).toBe(202);
    await resetLink(`${local}@example.com`);
    await new Promise((r) => setTimeout(r, 200));
    // Everything mailed since to anyone involved (notices of earlier tests may land late) went to
    // the stored address.
    const sinceThen = smtp.messages
      .slice(before)
      .map((m) => (m.to as { text: string }).text)
      .filter((to) => to.includes('victim') || to.includes('attacker') || to.includes(local));
    expect(new Set(sinceThen)).toEqual(new Set([`${local}@example.com`]));
    expect(resetMails(`${local}@example.com`)).toHaveLength(1);
  });
});
