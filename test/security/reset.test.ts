/**
 * Password reset over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL
 * (SECURITY.md RST-01..05, RST-07, RST-08): single-use, expiring, newest-only links bound to their
 * purpose, links only to the configured base URL, and mail only ever to the stored address. RST-06
 * (a reset never bypasses a second factor) is in mfa.test.ts. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenHash } from '../../src/core/secrets.js';
import { hashToken } from '../../src/crypto/opaque-token.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';
import { outboxDelivered } from '../support/wait.js';

const NEW = 'my brand new passphrase 31';

describe.each(everyStoreKind)('password reset (%s)', (kind) => {
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
  const change = (token: string, body: unknown) =>
    t.request('POST', '/auth/change-password', { token, body });

  it('RST-01 / RST-05 / PWD-08: mails a link to the base URL (whatever Host says); the reset ends every session and signs nobody in', async () => {
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

  it('RST-01: one link used three times in parallel: exactly one reset happens', async () => {
    const email = uniqueEmail('parallel');
    await t.signUp(email);
    await forgot(email);
    const token = (await resetLink(email)).searchParams.get('token')!;
    const replies = await Promise.all(
      ['first passphrase 1111', 'second passphrase 2222', 'third passphrase 3333'].map((p) =>
        reset(token, p),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(replies.filter((r) => r.status === 400).every((r) => r.body.error.code === 'LINK_USED')).toBe(
      true,
    );
  });

  it('RST-02 / RST-03: a newer request voids the older link; links expire after an hour', async () => {
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

  it('RST-03: a password change voids outstanding password-reset links', async () => {
    const a = await t.signUp();
    const resetHash = hashToken('a-pending-reset-token') as TokenHash;
    const now = t.clock.now();
    await t.store.verificationTokens.issue(
      {
        hash: resetHash,
        userId: a.user.id,
        purpose: 'reset_password',
        email: a.user.email,
        createdAt: now,
        expiresAt: now + 3_600_000,
      },
      now,
    );
    expect((await change(a.accessToken, { currentPassword: PASSWORD, newPassword: NEW })).status).toBe(200);
    expect(await t.store.verificationTokens.consume(resetHash, 'reset_password', now + 1)).toEqual({
      ok: false,
      reason: 'used',
    });
  });

  it('RST-03: a mailed reset link dies with a password change, black-box', async () => {
    const email = uniqueEmail('changed');
    const a = await t.signUp(email);
    await forgot(email);
    const token = (await resetLink(email)).searchParams.get('token')!;
    expect((await change(a.accessToken, { currentPassword: PASSWORD, newPassword: NEW })).status).toBe(200);
    expect((await reset(token, 'an attacker passphrase 66')).body.error.code).toBe('LINK_USED');
    expect((await t.request('POST', '/auth/sign-in/email', { body: { email, password: NEW } })).status).toBe(
      200,
    );
  });

  it('RST-04: links are purpose-bound and 256-bit: a verification link at reset, a reset link elsewhere → 400, and neither is spent by it', async () => {
    const email = uniqueEmail('purpose');
    await t.signUp(email);
    const verify = await mailedLink(smtp, email, 'verify-email');
    await forgot(email);
    const resetToken = (await resetLink(email)).searchParams.get('token')!;
    for (const token of [verify.token, resetToken]) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    expect((await reset(verify.token)).body.error.code).toBe('LINK_INVALID');
    const elsewhere = [
      ['/auth/verify-email', { token: resetToken }],
      ['/auth/confirm-email-change', { token: resetToken }],
      ['/auth/cancel-email-change', { token: resetToken }],
    ] as const;
    for (const [path, body] of elsewhere) {
      const reply = await t.request('POST', path, { body });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code, path).toBe('LINK_INVALID');
    }
    // Both links still work for what they are for.
    expect((await t.request('POST', '/auth/verify-email', { body: { token: verify.token } })).status).toBe(
      200,
    );
    expect((await reset(resetToken)).status).toBe(200);
  });

  it('RST-05: forgot- and reset-password answers are no-store with Referrer-Policy: no-referrer', async () => {
    const email = uniqueEmail('headers');
    await t.signUp(email);
    const asked = await forgot(email);
    const token = (await resetLink(email)).searchParams.get('token')!;
    const refused = await reset(token, 'short');
    const done = await reset(token);
    const used = await reset(token);
    for (const reply of [asked, refused, done, used]) {
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect([asked.status, refused.status, done.status, used.status]).toEqual([202, 400, 200, 400]);
  });

  it('RST-07 / RST-08: never mails the typed address: look-alikes and smuggled recipients get nothing', async () => {
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
    await t.gatehouse.settled();
    // Everything mailed since to anyone involved (notices of earlier tests may land late) went to
    // the stored address.
    const sinceThen = smtp.messages
      .slice(before)
      .map((m) => (m.to as { text: string }).text)
      .filter((to) => to.includes('victim') || to.includes('attacker') || to.includes(local));
    expect(new Set(sinceThen)).toEqual(new Set([`${local}@example.com`]));
    expect(resetMails(`${local}@example.com`)).toHaveLength(1);
  });

  it('RST-07: smuggled recipients in other shapes → 400 and no mail: a trailing space inside quotes, an object, a number', async () => {
    const local = `smuggle${Date.now()}`;
    await t.signUp(`${local}@example.com`);
    await mailedLink(smtp, `${local}@example.com`, 'verify-email');
    const before = smtp.messages.length;
    for (const typed of [
      `"${local}@example.com "`,
      `${local}@example.com;attacker@evil.example`,
      `${local}@example.com attacker@evil.example`,
      `<${local}@example.com>`,
      { email: `${local}@example.com` },
      42,
    ]) {
      expect((await forgot(typed)).status, JSON.stringify(typed)).toBe(400);
    }
    // Refused as input, before the lookup that runs after answering: nothing was queued by them.
    await outboxDelivered(t);
    const mailed = smtp.messages.slice(before).map((m) => (m.to as { text: string }).text);
    expect(mailed.filter((to) => to.includes(local) || to.includes('attacker'))).toEqual([]);
  });

  it('RST-08: a Kelvin-sign spelling folds to the account and mails only its stored address; a long-s look-alike mails nobody', async () => {
    const local = `kelvins${Date.now()}`;
    const stored = `${local}@example.com`;
    await t.signUp(stored);
    await mailedLink(smtp, stored, 'verify-email');
    const before = smtp.messages.length;
    expect((await forgot(`\u212A${local.slice(1)}@example.com`)).status).toBe(202);
    expect((await forgot(`${local.replace('s', '\u017F')}@example.com`)).status).toBe(202);
    await resetLink(stored);
    await t.gatehouse.settled();
    const recipients = smtp.messages.slice(before).map((m) => (m.to as { text: string }).text);
    expect(
      recipients.filter((to) => to.includes('kelvin') || to.includes('\u212A') || to.includes('\u017F')),
    ).toEqual([stored]);
  });
});
