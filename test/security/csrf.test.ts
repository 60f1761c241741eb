/**
 * CSRF-01: cookie-authenticated state changes, sign-in and sign-up included, are refused unless
 * the browser says they come from us. `Sec-Fetch-Site` decides first (`cross-site` is refused
 * whatever the Origin), `Origin` is the fallback, and no signal at all is refused. GET never
 * changes state. The adapters' guard applies the same rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/adapters/authenticate.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const OWN = 'https://auth.example.com';
const TRUSTED = 'https://app.example.com';
const CORS = 'https://spa.example.com';
const COOKIE_TRANSPORT = { 'gatehouse-transport': 'cookie' };

function cookieJar(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

describe.each(storeKinds)('CSRF (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { baseUrl: OWN, trustedOrigins: [TRUSTED], corsOrigins: [CORS] });
  });
  afterAll(() => t.close());

  /** A user signed in with cookie transport: their cookie jar and their session id. */
  async function signedIn(): Promise<{ jar: string; sessionId: string; email: string }> {
    const email = uniqueEmail('csrf');
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: { ...COOKIE_TRANSPORT, 'sec-fetch-site': 'same-origin', origin: OWN },
    });
    expect(reply.status).toBe(201);
    return { jar: cookieJar(reply.headers.getSetCookie()), sessionId: reply.body.session.id, email };
  }

  /** Every cookie-authenticated state change a page could aim at a signed-in user. */
  function mutations(sessionId: string): Array<[string, string, unknown]> {
    return [
      ['POST', '/auth/sign-out', undefined],
      ['POST', '/auth/refresh', undefined],
      ['PATCH', '/auth/me', { displayName: 'pwned' }],
      ['DELETE', '/auth/me', { password: PASSWORD }],
      ['POST', '/auth/change-password', { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` }],
      ['POST', '/auth/change-email', { newEmail: uniqueEmail('evil'), password: PASSWORD }],
      ['DELETE', `/auth/sessions/${sessionId}`, undefined],
    ];
  }

  async function expectUntouched(jar: string, sessionId: string): Promise<void> {
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.status).toBe(200);
    expect(session.body.session.id).toBe(sessionId);
    const me = await t.request('GET', '/auth/me', { headers: { cookie: jar } });
    expect(me.body.displayName).toBeNull();
    expect(me.body.email).toBe(session.body.user.email);
  }

  async function attempt(headers: Record<string, string>, jar: string, sessionId: string): Promise<void> {
    for (const [method, path, body] of mutations(sessionId)) {
      const reply = await t.request(method, path, { body, headers: { ...headers, cookie: jar } });
      const what = `${method} ${path} ${JSON.stringify(headers)}`;
      expect(reply.status, what).toBe(403);
      expect(reply.body.error.code, what).toBe('ORIGIN_NOT_ALLOWED');
      expect(reply.headers.getSetCookie(), what).toEqual([]);
    }
  }

  it('CSRF-01: a cookie-authenticated change with a foreign Origin → 403, and nothing changes', async () => {
    const { jar, sessionId } = await signedIn();
    const origins = [
      'https://evil.tld',
      'https://auth.example.com.evil.tld',
      'https://evil.tld/https://auth.example.com',
      'http://auth.example.com', // our host, but not our scheme
      'https://auth.example.com:8443',
      'null', // sandboxed iframes, data: URLs, some redirects
    ];
    for (const origin of origins) await attempt({ origin }, jar, sessionId);
    await expectUntouched(jar, sessionId);
  });

  it('CSRF-01: Sec-Fetch-Site: cross-site → 403, with no Origin and even with our own or a trusted Origin', async () => {
    const { jar, sessionId } = await signedIn();
    for (const origin of [undefined, OWN, TRUSTED, CORS, 'https://evil.tld']) {
      await attempt({ 'sec-fetch-site': 'cross-site', ...(origin ? { origin } : {}) }, jar, sessionId);
    }
    await expectUntouched(jar, sessionId);
  });

  it('CSRF-01: no Origin and no Sec-Fetch-Site (an old browser posting a text/plain form) → 403, not 415', async () => {
    const { jar, sessionId } = await signedIn();
    for (const path of ['/auth/sign-out', '/auth/refresh', '/auth/change-password']) {
      const reply = await t.request('POST', path, {
        raw: 'currentPassword=x&newPassword=y',
        contentType: 'text/plain',
        headers: { cookie: jar },
      });
      expect(reply.status, path).toBe(403);
      expect(reply.body.error.code, path).toBe('ORIGIN_NOT_ALLOWED');
    }
    // The same with a form's own content type.
    const form = await t.request('POST', '/auth/sign-out', {
      raw: 'a=b',
      contentType: 'application/x-www-form-urlencoded',
      headers: { cookie: jar },
    });
    expect(form.status).toBe(403);
    await expectUntouched(jar, sessionId);
  });

  it('CSRF-01: same-site requests (a sibling subdomain) pass only with an allowed Origin', async () => {
    const { jar, sessionId } = await signedIn();
    for (const origin of [undefined, 'https://evil.example.com', 'null']) {
      await attempt({ 'sec-fetch-site': 'same-site', ...(origin ? { origin } : {}) }, jar, sessionId);
    }
    await expectUntouched(jar, sessionId);
    // A trusted origin and a CORS origin are both allowed to use the cookie.
    for (const origin of [TRUSTED, CORS]) {
      const reply = await t.request('PATCH', '/auth/me', {
        body: { locale: 'fr' },
        headers: { 'sec-fetch-site': 'same-site', origin, cookie: jar },
      });
      expect(reply.status, origin).toBe(200);
    }
  });

  it('CSRF-01: same-origin and none pass; with no Fetch Metadata an allowed Origin passes', async () => {
    const { jar } = await signedIn();
    const allowed: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'same-origin', origin: OWN },
      { 'sec-fetch-site': 'none' },
      { origin: OWN },
      { origin: TRUSTED },
      { origin: CORS },
    ];
    for (const headers of allowed) {
      const reply = await t.request('PATCH', '/auth/me', {
        body: { locale: 'de' },
        headers: { ...headers, cookie: jar },
      });
      expect(reply.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('CSRF-01: a cross-site sign-in or sign-up asking for cookies → 403 and no cookie is set (login CSRF)', async () => {
    const email = uniqueEmail('victim');
    await t.signUp(email);
    const crossSite: Array<Record<string, string>> = [
      { origin: 'https://evil.tld' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin: TRUSTED },
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.example.com' },
      {},
    ];
    for (const headers of crossSite) {
      const signIn = await t.request('POST', '/auth/sign-in/email', {
        body: { email, password: PASSWORD },
        headers: { ...COOKIE_TRANSPORT, ...headers },
      });
      expect(signIn.status, JSON.stringify(headers)).toBe(403);
      expect(signIn.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
      expect(signIn.headers.getSetCookie()).toEqual([]);
      const newEmail = uniqueEmail('planted');
      const signUp = await t.request('POST', '/auth/sign-up/email', {
        body: { email: newEmail, password: PASSWORD },
        headers: { ...COOKIE_TRANSPORT, ...headers },
      });
      expect(signUp.status, JSON.stringify(headers)).toBe(403);
      expect(signUp.headers.getSetCookie()).toEqual([]);
      expect(await t.store.users.findByEmail(newEmail)).toBeNull();
    }
    // The same sign-in from our own page works.
    const own = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { ...COOKIE_TRANSPORT, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
  });

  it('CSRF-01: GET never changes state: GET (and HEAD) on state-changing paths → 405, nothing changes', async () => {
    const { jar, sessionId, email } = await signedIn();
    const paths = [
      '/auth/sign-out',
      '/auth/refresh',
      '/auth/change-password?currentPassword=x&newPassword=y',
      `/auth/sign-in/email?email=${encodeURIComponent(email)}&password=${encodeURIComponent(PASSWORD)}`,
      `/auth/sign-up/email?email=${encodeURIComponent(uniqueEmail('get'))}&password=x`,
      `/auth/sessions/${sessionId}`,
      '/auth/verify-email?token=x',
      '/auth/reset-password?token=x&password=y',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const reply = await t.request(method, path, {
          headers: { cookie: jar, 'sec-fetch-site': 'cross-site', ...COOKIE_TRANSPORT },
        });
        expect(reply.status, `${method} ${path}`).toBe(405);
        expect(reply.headers.getSetCookie(), `${method} ${path}`).toEqual([]);
      }
    }
    await expectUntouched(jar, sessionId);
    // The refresh cookie was not rotated by the GETs: it still refreshes.
    const refreshed = await t.request('POST', '/auth/refresh', {
      headers: { cookie: jar, 'sec-fetch-site': 'same-origin' },
    });
    expect(refreshed.status).toBe(200);
  });

  it('CSRF-01: bearer clients are not subject to the rule (a page cannot make the browser send a bearer token)', async () => {
    const { accessToken } = await t.signUp();
    const reply = await t.request('PATCH', '/auth/me', {
      token: accessToken,
      body: { locale: 'it' },
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.tld' },
    });
    expect(reply.status).toBe(200);
  });

  it("CSRF-01: the adapters' guard applies the same rule", async () => {
    const { jar } = await signedIn();
    const guard = (method: string, headers: Record<string, string>) =>
      authenticate(t.gatehouse, { method, header: (name) => ({ ...headers, cookie: jar })[name] });
    const refused: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin: OWN },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.example.com' },
      { origin: 'https://evil.tld' },
      { origin: 'null' },
      {},
    ];
    for (const headers of refused) {
      expect(await guard('POST', headers), JSON.stringify(headers)).toMatchObject({
        ok: false,
        status: 403,
        body: { error: { code: 'ORIGIN_NOT_ALLOWED' } },
      });
    }
    const accepted: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      { 'sec-fetch-site': 'same-site', origin: TRUSTED },
      { 'sec-fetch-site': 'same-site', origin: CORS },
      { origin: OWN },
      { origin: CORS },
    ];
    for (const headers of accepted) {
      expect((await guard('DELETE', headers)).ok, JSON.stringify(headers)).toBe(true);
    }
    // Reads are not state changes: a cross-site GET is answered (SameSite keeps the cookie off it anyway).
    expect((await guard('GET', { 'sec-fetch-site': 'cross-site' })).ok).toBe(true);
  });
});
