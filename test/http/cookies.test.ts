/**
 * Browser transport on plain http://localhost: a client that sends `Gatehouse-Transport: cookie`
 * gets its tokens as HttpOnly cookies, and cookie-authenticated state changes must come from our
 * own origin. The https cookie flags are in test/security/sessions.test.ts (SES-01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';

const COOKIE = { 'gatehouse-transport': 'cookie' };
const SAME_ORIGIN = { ...COOKIE, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };

function cookieJar(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}

describe('cookie transport on http://localhost', () => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { baseUrl: 'http://localhost:3000' });
  });
  afterAll(() => t.close());

  it('sets HttpOnly SameSite cookies without Secure on localhost, and keeps tokens out of the body', async () => {
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: SAME_ORIGIN,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.accessToken).toBeUndefined();
    expect(reply.body.refreshToken).toBeUndefined();
    expect(reply.body.user.email).toEqual(expect.any(String));
    const cookies = reply.headers.getSetCookie();
    const access = cookies.find((c) => c.startsWith('gh_access='))!;
    const refresh = cookies.find((c) => c.startsWith('gh_refresh='))!;
    expect(access).toMatch(/; Path=\/; Max-Age=900; HttpOnly; SameSite=Lax$/);
    expect(refresh).toMatch(/; Path=\/auth\/refresh; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
  });

  it('a cookie authenticates reads, refresh works from the cookie, sign-out clears the cookies', async () => {
    const email = uniqueEmail();
    const signUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: SAME_ORIGIN,
    });
    let jar = cookieJar(signUp.headers.getSetCookie());
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.status).toBe(200);
    expect(session.body.user.email).toBe(email);

    const refreshed = await t.request('POST', '/auth/refresh', { headers: { ...SAME_ORIGIN, cookie: jar } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    jar = cookieJar(refreshed.headers.getSetCookie());

    const out = await t.request('POST', '/auth/sign-out', { headers: { ...SAME_ORIGIN, cookie: jar } });
    expect(out.status).toBe(200);
    // Both cookies, by name and path, expired with Max-Age=0 (no Secure on http://localhost).
    expect(out.headers.getSetCookie()).toEqual([
      'gh_access=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
      'gh_refresh=; Path=/auth/refresh; Max-Age=0; HttpOnly; SameSite=Strict',
    ]);
    expect((await t.request('GET', '/auth/session', { headers: { cookie: jar } })).status).toBe(401);
  });

  it('refuses cookie-authenticated state changes from another origin or with no origin signal', async () => {
    const signUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: SAME_ORIGIN,
    });
    const jar = cookieJar(signUp.headers.getSetCookie());
    const attempts: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:3000.evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      {},
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const reply = await t.request('POST', '/auth/sign-out', { headers: { ...headers, cookie: jar } });
      expect(reply.status, JSON.stringify(headers)).toBe(403);
      expect(reply.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
      const refresh = await t.request('POST', '/auth/refresh', { headers: { ...headers, cookie: jar } });
      expect(refresh.status, JSON.stringify(headers)).toBe(403);
    }
    // Still signed in: none of the refused requests changed anything.
    expect((await t.request('GET', '/auth/session', { headers: { cookie: jar } })).status).toBe(200);
  });

  it('refuses a cross-site sign-in that asks for cookies (login CSRF)', async () => {
    const email = uniqueEmail();
    await t.signUp(email);
    const reply = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { ...COOKIE, origin: 'https://evil.example' },
    });
    expect(reply.status).toBe(403);
    expect(reply.headers.getSetCookie()).toEqual([]);
  });

  it('bearer clients are unaffected by the origin rule', async () => {
    const s = await t.signUp();
    const reply = await t.request('POST', '/auth/sign-out', {
      token: s.accessToken,
      headers: { origin: 'https://evil.example' },
    });
    expect(reply.status).toBe(200);
  });
});
