/**
 * The `/verify-email` page, on SQLite and PostgreSQL, following the link really mailed over SMTP:
 * GET shows a form holding the token (and changes nothing, however often), the form post
 * verifies the address and redirects to a result without the token; a used, expired, unknown or
 * missing token gets a 400 page that says which and what to do; a cross-site post is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouseWithSmtp, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { accountRequests } from '../support/requests.js';
import { type SmtpReceiver, verificationLink } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { expectSafePage, follow, heading, open, submit } from './pages.js';

describe.each(storeKinds)('the verify-email page (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  afterAll(() => close());

  /** Signs up; returns the access token and the mailed link. */
  async function signedUp(tag: string) {
    const email = uniqueEmail(tag);
    const { accessToken } = await t.signUp(email);
    const link = await verificationLink(smtp, email);
    return { email, accessToken, link, token: link.searchParams.get('token')! };
  }
  const { signIn } = accountRequests(() => t);
  const verified = async (accessToken: string) =>
    (await t.request('GET', '/auth/session', { token: accessToken })).body.user.emailVerified;

  it('follows the mailed link: GET shows the form, the post verifies and redirects to the result', async () => {
    const { accessToken, link, token } = await signedUp('page-verify');
    expect(link.pathname).toBe('/verify-email');

    const form = await open(t, link);
    const body = expectSafePage(form, 200, token);
    expect(heading(form)).toBe('Confirm your email address');
    expect(body).toContain('<form method="post" action="verify-email" novalidate>');
    // HTTPS baseUrl: the API's HSTS too.
    expect(form.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(await verified(accessToken)).toBe(false);

    const posted = await submit(t, '/verify-email', { token });
    expect(posted.headers.get('location')).toBe('verify-email?result=verified');
    const result = await follow(t, '/verify-email', posted, token);
    expectSafePage(result, 200);
    expect(heading(result)).toBe('Your email address is confirmed');
    expect(await verified(accessToken)).toBe(true);
  });

  it('GET never changes state: after many GETs the link still works, once', async () => {
    const { accessToken, link, token } = await signedUp('page-prefetch');
    for (let i = 0; i < 5; i++) expectSafePage(await open(t, link), 200, token);
    expect(await verified(accessToken)).toBe(false);
    expect((await submit(t, '/verify-email', { token })).status).toBe(303);
    expect(await verified(accessToken)).toBe(true);

    const again = await submit(t, '/verify-email', { token });
    expectSafePage(again, 400);
    expect(heading(again)).toBe('This link was already used');
    expect(String(again.body)).toContain('ask for a new confirmation mail');
  });

  it('an unknown or missing token gets a 400 page saying the link does not work', async () => {
    const unknown = await submit(t, '/verify-email', { token: 'A'.repeat(43) });
    expectSafePage(unknown, 400);
    expect(heading(unknown)).toBe('This link does not work');
    const tooLong = await submit(t, '/verify-email', { token: 'A'.repeat(5000) });
    expectSafePage(tooLong, 400);
    expect(heading(tooLong)).toBe('This link does not work');
    const missing = await open(t, '/verify-email');
    expectSafePage(missing, 400);
    expect(heading(missing)).toBe('This link does not work');
    expect(heading(await open(t, '/verify-email?token='))).toBe('This link does not work');
  });

  it('an expired link gets a 400 page saying so, and verifies nothing', async () => {
    const { email, token } = await signedUp('page-expired');
    t.clock.advance(25 * 3600 * 1000); // past emailVerificationTtl (24 h)
    const expired = await submit(t, '/verify-email', { token });
    expectSafePage(expired, 400);
    expect(heading(expired)).toBe('This link has expired');
    // The first access token has expired with the clock: sign in again to look.
    const { accessToken } = (await signIn(email)).body;
    expect(await verified(accessToken)).toBe(false);
  });

  it('a cross-site post is refused with a 403 page, and the link still works', async () => {
    const { accessToken, token } = await signedUp('page-csrf');
    const crossSite = await submit(t, '/verify-email', { token }, { 'sec-fetch-site': 'cross-site' });
    expectSafePage(crossSite, 403);
    expect(heading(crossSite)).toBe('This form came from another site');
    const foreignOrigin = await submit(t, '/verify-email', { token }, { origin: 'https://evil.example' });
    expectSafePage(foreignOrigin, 403);
    const noSignal = await submit(t, '/verify-email', { token }, {});
    expectSafePage(noSignal, 403);
    expect(await verified(accessToken)).toBe(false);
    // An older browser without Fetch Metadata, posting from our own origin, passes on Origin.
    const ownOrigin = await submit(t, '/verify-email', { token }, { origin: 'https://app.example' });
    expect(ownOrigin.status).toBe(303);
    expect(await verified(accessToken)).toBe(true);
  });
});
