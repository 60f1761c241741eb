/**
 * Signing in by email from the sign-in page, on SQLite and PostgreSQL, with the mail really sent
 * over SMTP: "email me a link" goes to a "check your mail" page whoever the address is;
 * "email me a code" answers the code form with the address filled in (never in a URL), and the
 * mailed code signs in on a 303; a wrong code is said at its field. Switched off, the page offers
 * neither and the code page is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInStrings } from '../../../src/ui/locales/sign-in/index.js';
import {
  openGatehouse,
  openGatehouseWithSmtp,
  type TestGatehouse,
  uniqueEmail,
} from '../../support/gatehouse.js';
import { mailedLink, type SmtpReceiver, waitForMail } from '../../support/smtp.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, submit } from '../pages.js';
import { expectSignedInRedirect, fieldError, sessionOf, tokenCookies } from './support.js';

const s = signInStrings.en;

describe.each(storeKinds)('signing in by email from the page (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  it('"email me a link": a 303 to "check your mail", and the link arrives', async () => {
    const email = uniqueEmail('page-link');
    await t.signUp(email);
    clearBrowser(t);
    await open(t, '/sign-in');
    const reply = await submit(t, '/sign-in', { intent: 'magic-link', email });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/sign-in?result=link-sent');
    expect(tokenCookies(reply).size).toBe(0);
    const result = await open(t, '/sign-in?result=link-sent');
    expect(heading(result)).toBe(s.signIn.linkSent.title);
    expectSafePage(result, 200);
    const { url } = await mailedLink(smtp, email, 'sign-in/magic-link');
    expect(url.pathname).toBe('/sign-in/magic-link');
  });

  it('"email me a code": the code form with the address, then the mailed code signs in', async () => {
    const email = uniqueEmail('page-code');
    clearBrowser(t);
    await open(t, '/sign-in?returnTo=%2Faccount%2Fapps');
    const asked = await submit(t, '/sign-in', { intent: 'email-code', email, returnTo: '/account/apps' });
    const body = expectSafePage(asked, 200);
    expect(heading(asked)).toBe(s.code.title);
    expect(body).toContain(`<p role="status">${s.code.sentTo(email)}</p>`);
    expect(body).toContain(`value="${email}"`);
    expect(body).toContain('<form method="post" action="/sign-in/code" novalidate>');
    const mail = await waitForMail(smtp, email, /\b\d{6}\b/);
    const code = /\b(\d{6})\b/.exec(mail.text ?? '')![1]!;
    const wrong = await submit(t, '/sign-in/code', {
      email,
      code: String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
      returnTo: '/account/apps',
    });
    expect(fieldError(expectSafePage(wrong, 400), 'code')).toBe(s.code.wrongCode);
    const done = await submit(t, '/sign-in/code', { email, code, returnTo: '/account/apps' });
    const cookies = expectSignedInRedirect(done, '/account/apps');
    expect((await sessionOf(t, cookies)).body.session.amr).toEqual(['email']);
  });

  it('the code page on its own asks for the address and the code', async () => {
    clearBrowser(t);
    const reply = await open(t, '/sign-in/code');
    const body = expectSafePage(reply, 200);
    expect(body).toContain('<input id="email" name="email" type="email"');
    expect(body).toContain('<input id="code" name="code" type="text" autocomplete="one-time-code"');
    const empty = await submit(t, '/sign-in/code', { email: '', code: '' });
    expect(fieldError(expectSafePage(empty, 400), 'email')).toBe(s.errors.emailMissing);
  });

  it('a malformed address is said at the field before any mail', async () => {
    clearBrowser(t);
    const reply = await submit(t, '/sign-in', { intent: 'email-code', email: 'nobody@' });
    expect(fieldError(expectSafePage(reply, 400), 'by-email')).toBe(s.errors.emailInvalid);
  });
});

describe.each(storeKinds)('signing in by email switched off (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passwordless: { enabled: false } });
  });
  afterAll(() => t.close());

  it('the sign-in page offers neither; the code page is 404', async () => {
    clearBrowser(t);
    const body = expectSafePage(await open(t, '/sign-in'), 200);
    expect(body).not.toContain('value="magic-link"');
    expect(body).not.toContain('value="email-code"');
    const code = await open(t, '/sign-in/code');
    expectSafePage(code, 404);
    expect(heading(code)).toBe(s.code.disabled.title);
  });
});
