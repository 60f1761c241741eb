/**
 * The `/forgot-password` and `/reset-password` pages, on SQLite and PostgreSQL, with mail really
 * delivered over SMTP: the forgot form gives one answer for every address and mails the link; the
 * reset page's form sets the new password (the old one stops working, every session ends); a
 * weak password comes back next to its field with the link unspent; a used or expired link gets
 * a 400 page pointing at a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { mailedLink, type SmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { expectSafePage, follow, heading, hiddenToken, open, submit } from './pages.js';

const NEW_PASSWORD = 'a brand new passphrase for the page';

describe.each(storeKinds)('the password reset pages (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  const { signIn, sessionStatus } = accountRequests(() => t);

  /** Asks for a reset through the forgot-password page; returns the 303. */
  async function forgot(email: string) {
    const form = await open(t, '/forgot-password');
    const body = expectSafePage(form, 200);
    expect(body).toMatch(/<label for="email">Email address<\/label>/);
    expect(body).toMatch(/<input id="email" name="email" type="email" autocomplete="email" required/);
    return submit(t, '/forgot-password', { email });
  }

  it('forgot-password → mailed link → reset page → new password signs in, the old one does not', async () => {
    const email = uniqueEmail('page-reset');
    const { accessToken } = await t.signUp(email);
    const asked = await forgot(email);
    const sent = await follow(t, '/forgot-password', asked);
    expectSafePage(sent, 200);
    expect(heading(sent)).toBe('Check your mail');

    const { url, token } = await mailedLink(smtp, email, 'reset-password');
    expect(url.pathname).toBe('/reset-password');
    const page = await open(t, url);
    const body = expectSafePage(page, 200, token);
    expect(body).toContain('<label for="password">New password</label>');
    expect(body).toMatch(
      /<input id="password" name="password" type="password" autocomplete="new-password" required minlength="15"/,
    );

    const posted = await submit(t, '/reset-password', { token, password: NEW_PASSWORD });
    expect(posted.headers.get('location')).toBe('reset-password?result=done');
    const done = await follow(t, '/reset-password', posted, token);
    expectSafePage(done, 200);
    expect(heading(done)).toBe('Your password is changed');

    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect(await sessionStatus(accessToken)).toBe(401);

    const reused = await submit(t, '/reset-password', { token, password: `${NEW_PASSWORD} again` });
    expectSafePage(reused, 400);
    expect(heading(reused)).toBe('This link was already used');
    expect(String(reused.body)).toContain('<a href="forgot-password">Ask for a new link</a>');
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('a weak password comes back next to its field, linked from the error summary, the link unspent', async () => {
    const email = uniqueEmail('page-weak');
    await t.signUp(email);
    await forgot(email);
    const { token } = await mailedLink(smtp, email, 'reset-password');

    for (const [password, message] of [
      ['short', 'Use at least 15 characters'],
      ['', 'Use at least 15 characters'],
      ['password12345678', 'This password is too common or has appeared in a data breach; choose another'],
      ['x'.repeat(300), 'Use at most 256 characters'],
    ] as const) {
      const weak = await submit(t, '/reset-password', { token, password });
      const body = expectSafePage(weak, 400, token);
      expect(heading(weak)).toBe('Choose a new password');
      expect(body).toContain(`<li><a href="#password">${message}</a></li>`);
      expect(body).toContain(`<span class="gh-field-error" id="password-error">${message}</span>`);
      expect(body).toMatch(/aria-describedby="password-hint password-error" aria-invalid="true">/);
      expect(body).toContain('role="alert"');
      // The password typed is never echoed back.
      if (password) expect(body).not.toContain(`value="${password}"`);
      expect(hiddenToken(body)).toBe(token);
    }
    const posted = await submit(t, '/reset-password', { token, password: NEW_PASSWORD });
    expect(posted.status).toBe(303);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('forgot-password answers every address alike; a malformed one comes back, escaped, next to its field', async () => {
    const known = uniqueEmail('page-known');
    await t.signUp(known);
    const forKnown = await forgot(known);
    const forUnknown = await forgot(uniqueEmail('page-nobody'));
    expect(forKnown.status).toBe(303);
    expect(forUnknown.status).toBe(303);
    expect(forUnknown.headers.get('location')).toBe(forKnown.headers.get('location'));
    expect(forUnknown.body).toEqual(forKnown.body);
    await mailedLink(smtp, known, 'reset-password');

    const evil = '"><script>alert(1)</script>';
    const bad = await submit(t, '/forgot-password', { email: evil });
    const body = expectSafePage(bad, 400);
    expect(body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(body).toContain('<li><a href="#email">Enter an email address, like name@example.com</a></li>');
    expect(body).toMatch(/aria-describedby="email-error" aria-invalid="true">/);
  });

  it('an expired or missing reset link gets a 400 page pointing at a new one', async () => {
    const email = uniqueEmail('page-reset-expired');
    await t.signUp(email);
    await forgot(email);
    const { token } = await mailedLink(smtp, email, 'reset-password');
    t.clock.advance(3601 * 1000); // past passwordResetTtl (1 h)
    const expired = await submit(t, '/reset-password', { token, password: NEW_PASSWORD });
    expectSafePage(expired, 400);
    expect(heading(expired)).toBe('This link has expired');
    expect(String(expired.body)).toContain('<a href="forgot-password">Ask for a new link</a>');
    expect((await signIn(email, PASSWORD)).status).toBe(200);

    const missing = await open(t, '/reset-password');
    expectSafePage(missing, 400);
    expect(heading(missing)).toBe('This link does not work');
  });
});
