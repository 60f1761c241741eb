/**
 * Email verification over HTTP with mail really delivered over SMTP, on SQLite and PostgreSQL:
 * the link in the mail points only at the configured base URL and verifies the address, a resend
 * voids the older link, and requireEmailVerified holds sign-in back. Single use and expiry
 * (EML-01) are in test/security/email.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openGatehouse,
  openGatehouseWithSmtp,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { type SmtpReceiver, verificationLink } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

describe.each(everyStoreKind)('email verification (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const linkFor = (email: string, count = 1) => verificationLink(smtp, email, count);
  const { verify } = accountRequests(() => t);

  it('sign-up mails a link to the configured base URL, whatever Host says; following it verifies the address', async () => {
    const email = uniqueEmail('verify');
    const up = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(up.status).toBe(201);
    expect(up.body.user.emailVerified).toBe(false);
    const link = await linkFor(email);
    expect(link.origin).toBe('https://app.example');
    expect(link.pathname).toBe('/verify-email');
    const reply = await verify(link.searchParams.get('token')!);
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ email, emailVerified: true });
    expect(
      (await t.request('GET', '/auth/session', { token: up.body.accessToken })).body.user.emailVerified,
    ).toBe(true);
    const again = await verify(link.searchParams.get('token')!);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('LINK_USED');
  });

  it('resend answers 202 either way, mails only real unverified accounts, and voids the older link', async () => {
    const email = uniqueEmail('resend');
    await t.signUp(email);
    const first = (await linkFor(email)).searchParams.get('token')!;
    // Within the resend interval (60 s by default) a request is answered alike but mails nothing.
    const tooSoon = await t.request('POST', '/auth/resend-verification', { body: { email } });
    expect(tooSoon.status).toBe(202);
    t.clock.advance(60_000);
    const resent = await t.request('POST', '/auth/resend-verification', {
      body: { email: email.toUpperCase() },
    });
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual(tooSoon.body);
    const second = (await linkFor(email, 2)).searchParams.get('token')!;
    await t.gatehouse.settled();
    expect(smtp.messages.filter((m) => (m.to as { text: string }).text === email)).toHaveLength(2);
    expect(second).not.toBe(first);
    expect((await verify(first)).body.error.code).toBe('LINK_USED');
    expect((await verify(second)).status).toBe(200);

    const before = smtp.messages.length;
    const unknown = await t.request('POST', '/auth/resend-verification', {
      body: { email: uniqueEmail('nobody') },
    });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(resent.body);
    await t.request('POST', '/auth/resend-verification', { body: { email } }); // already verified: no mail
    await t.gatehouse.settled();
    expect(smtp.messages.length).toBe(before);
    const smuggled = await t.request('POST', '/auth/resend-verification', {
      body: { email: `${email}\r\nBcc: x@evil.example` },
    });
    expect(smuggled.status).toBe(400);
  });
});

describe('requireEmailVerified', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { requireEmailVerified: true });
  });
  afterAll(() => t.close());

  it('refuses sign-in with EMAIL_NOT_VERIFIED, but only after the password was right', async () => {
    const email = uniqueEmail('strict');
    await t.signUp(email);
    const wrong = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: 'not the password' },
    });
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    const right = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('EMAIL_NOT_VERIFIED');
  });
});
