/**
 * The `/sign-in/magic-link` page, on SQLite and PostgreSQL, following the link really mailed
 * over SMTP: GET shows a form holding the token and uses nothing, however often (mail scanners
 * prefetch); the form post signs in and redirects to a result without the token, the session
 * handed to the browser as the API's cookies; a used, unknown or missing link gets a 400 page; an
 * account with a second factor is told to sign in where it asked; switched off, the page is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInStrings } from '../../src/ui/locales/sign-in/index.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, type SmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { expectSafePage, follow, heading, open, submit } from './pages.js';

const PATH = '/sign-in/magic-link';

describe.each(storeKinds)('the magic-link page (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  async function mailed(email = uniqueEmail('page-link')) {
    await t.request('POST', '/auth/sign-in/magic-link', { body: { email } });
    return { email, ...(await mailedLink(smtp, email, 'sign-in/magic-link')) };
  }
  const sessionsOf = async (email: string) => {
    const user = await t.store.users.findByEmail(email);
    return user ? (await t.store.sessions.listLive(user.id, t.clock.now())).length : 0;
  };

  it('GET shows the form and uses nothing, however often; the post signs in and redirects to the result', async () => {
    const { email, url, token } = await mailed();
    expect(url.pathname).toBe(PATH);
    for (let i = 0; i < 3; i++) {
      const form = await open(t, url);
      const body = expectSafePage(form, 200, token);
      expect(heading(form)).toBe('Sign in');
      expect(body).toContain('<form method="post" action="magic-link" novalidate>');
    }
    expect(await t.store.users.findByEmail(email)).toBeNull();

    const posted = await submit(t, PATH, { token });
    expect(posted.headers.get('location')).toBe('magic-link?result=signed-in');
    expect(await sessionsOf(email)).toBe(1);
    const result = await follow(t, PATH, posted, token);
    expectSafePage(result, 200);
    expect(heading(result)).toBe('You are signed in');
  });

  it('the redirect after the post carries the session as the API’s cookies, and they open it', async () => {
    const { token } = await mailed();
    const posted = await submit(t, PATH, { token });
    expect(posted.status).toBe(303);
    const cookies = posted.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.status).toBe(200);
    expect(session.body.session.amr).toEqual(['email']);
  });

  it('a used, unknown or missing link gets a 400 page saying which', async () => {
    const { url, token } = await mailed();
    await open(t, url);
    expect((await submit(t, PATH, { token })).status).toBe(303);
    // Opened again: signed in now, the form carries that session's CSRF token.
    await open(t, url);
    const used = await submit(t, PATH, { token });
    expectSafePage(used, 400);
    expect(heading(used)).toBe('This link was already used');
    const unknown = await submit(t, PATH, { token: 'B'.repeat(43) });
    expectSafePage(unknown, 400);
    expect(heading(unknown)).toBe('This link does not work');
    const missing = await open(t, PATH);
    expectSafePage(missing, 400);
    expect(heading(missing)).toBe('This link does not work');
  });

  it('an account with a second factor: the post answers the second step (no session yet), and a TOTP code finishes it', async () => {
    const email = uniqueEmail('page-mfa');
    const up = await t.signUp(email, PASSWORD);
    await t.gatehouse.updateUser(up.user.id, { emailVerified: true });
    const { base32Decode } = await import('../../src/crypto/base32.js');
    const { totpAt } = await import('../../src/crypto/totp.js');
    const enrol = await t.request('POST', '/auth/mfa/totp/enroll', { token: up.accessToken });
    const secret = base32Decode(enrol.body.secret);
    const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
    await t.request('POST', '/auth/mfa/totp/activate', { token: up.accessToken, body: { code: code() } });
    const before = await sessionsOf(email);
    const { token } = await mailed(email);
    const reply = await submit(t, PATH, { token });
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe(signInStrings.en.mfa.title);
    expect(reply.headers.getSetCookie()).toEqual([]);
    expect(await sessionsOf(email)).toBe(before);
    // The pending sign-in only in the step's hidden fields (MFA-04).
    const field = (name: string) =>
      new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(body)?.[1] ?? '';
    expect(field('mfaToken')).toMatch(/^gh_mfa_/);
    t.clock.advance(30_000);
    const done = await submit(t, '/sign-in/mfa', {
      intent: 'verify',
      mfaToken: field('mfaToken'),
      methods: field('methods'),
      method: 'totp',
      code: code(),
    });
    expect(done.status, String(done.body).slice(0, 600)).toBe(303);
    expect(done.headers.get('location')).toBe('/account');
    const jar = done.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.body.session).toMatchObject({ amr: ['email', 'otp'], aal: 'aal2' });
    expect(await sessionsOf(email)).toBe(before + 1);
  });

  it('a post from another site is refused and uses nothing', async () => {
    const { email, token } = await mailed();
    const reply = await submit(t, PATH, { token }, { 'sec-fetch-site': 'cross-site' });
    expect(reply.status).toBe(403);
    expect(await t.store.users.findByEmail(email)).toBeNull();
    expect((await submit(t, PATH, { token })).status).toBe(303);
  });
});

describe.each(storeKinds)('the magic-link page switched off (%s)', (kind) => {
  it('passwordless off: the page is a 404 for GET and POST', async () => {
    const { t, close } = await openGatehouseWithSmtp(kind, { passwordless: { enabled: false } });
    try {
      const shown = await open(t, `${PATH}?token=${'A'.repeat(43)}`);
      expectSafePage(shown, 404);
      expect(heading(shown)).toBe('Sign-in by link is off');
      // A form token from a page that has a form, so the post gets past the CSRF check.
      await open(t, '/forgot-password');
      expect((await submit(t, PATH, { token: 'A'.repeat(43) })).status).toBe(404);
    } finally {
      await close();
    }
  });
});
