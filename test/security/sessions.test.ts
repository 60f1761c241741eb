/**
 * Sessions over HTTP, on SQLite and PostgreSQL (SECURITY.md SES-01..06): cookie flags, no
 * fixation and unguessable tokens, server-side sign-out, idle and absolute timeouts, safe listing
 * and revocation, and suspension, revocation or deletion ending every credential at once. Each
 * test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { jwtParts } from '../support/jwt.js';
import { everyStoreKind } from '../support/stores.js';

const DAY = 24 * 3600 * 1000;
const OWN = 'https://auth.example.com';
const COOKIE = { 'gatehouse-transport': 'cookie' };
const SAME_ORIGIN = { ...COOKIE, origin: OWN, 'sec-fetch-site': 'same-origin' };

function cookieJar(setCookies: string[]): string {
  return setCookies.map((c) => c.split(';')[0]).join('; ');
}
/** The value of cookie `name` in a jar. */
const valueIn = (jar: string, name: string) =>
  jar
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe.each(everyStoreKind)('sessions (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { baseUrl: OWN, trustedOrigins: ['https://app.example.com'] });
  });
  afterAll(() => t.close());

  const refresh = (refreshToken: string) => t.request('POST', '/auth/refresh', { body: { refreshToken } });
  const cookieSignUp = async (email = uniqueEmail('cookie')) => {
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: SAME_ORIGIN,
    });
    expect(reply.status).toBe(201);
    return cookieJar(reply.headers.getSetCookie());
  };

  it('SES-01: uses Secure cookies with the __Host- prefix for the access cookie', async () => {
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: PASSWORD },
      headers: { ...COOKIE, origin: 'https://app.example.com' },
    });
    expect(reply.status).toBe(201);
    const [access, refresh] = reply.headers.getSetCookie();
    expect(access).toMatch(/^__Host-gh_access=[^;]+; Path=\/; Max-Age=900; HttpOnly; SameSite=Lax; Secure$/);
    expect(access).not.toMatch(/Domain/i);
    expect(refresh).toMatch(
      /^__Secure-gh_refresh=[^;]+; Path=\/auth\/refresh; .*HttpOnly; SameSite=Strict; Secure$/,
    );
    const jar = cookieJar(reply.headers.getSetCookie());
    expect((await t.request('GET', '/auth/session', { headers: { cookie: jar } })).status).toBe(200);
  });

  it('SES-01: cookies set by sign-in and refresh carry the same flags; sign-out expires both with the same names and paths', async () => {
    const email = uniqueEmail('flags');
    await t.signUp(email);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: SAME_ORIGIN,
    });
    const refreshed = await t.request('POST', '/auth/refresh', {
      headers: { ...SAME_ORIGIN, cookie: cookieJar(signIn.headers.getSetCookie()) },
    });
    expect(refreshed.status).toBe(200);
    for (const reply of [signIn, refreshed]) {
      const [access, refresh] = reply.headers.getSetCookie();
      expect(access).toMatch(
        /^__Host-gh_access=[^;]+; Path=\/; Max-Age=900; HttpOnly; SameSite=Lax; Secure$/,
      );
      expect(refresh).toMatch(
        /^__Secure-gh_refresh=[^;]+; Path=\/auth\/refresh; Max-Age=\d+; HttpOnly; SameSite=Strict; Secure$/,
      );
    }
    const out = await t.request('POST', '/auth/sign-out', {
      headers: { ...SAME_ORIGIN, cookie: cookieJar(refreshed.headers.getSetCookie()) },
    });
    const cleared = out.headers.getSetCookie();
    expect(cleared).toHaveLength(2);
    expect(cleared[0]).toMatch(/^__Host-gh_access=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
    expect(cleared[1]).toMatch(
      /^__Secure-gh_refresh=; Path=\/auth\/refresh; Max-Age=0; HttpOnly; SameSite=Strict; Secure$/,
    );
  });

  it('SES-02: a cookie planted before sign-in is replaced, never adopted: made-up or the attacker’s own', async () => {
    const victim = uniqueEmail('victim');
    await t.signUp(victim);
    const attacker = uniqueEmail('attacker');
    const planted = [`__Host-gh_access=${'A'.repeat(43)}`, await cookieSignUp(attacker)];
    for (const jar of planted) {
      const before = valueIn(jar, '__Host-gh_access')!;
      const reply = await t.request('POST', '/auth/sign-in/email', {
        body: { email: victim, password: PASSWORD },
        headers: { ...SAME_ORIGIN, cookie: jar },
      });
      expect(reply.status).toBe(200);
      const fresh = cookieJar(reply.headers.getSetCookie());
      expect(valueIn(fresh, '__Host-gh_access')).not.toBe(before);
      expect((await t.request('GET', '/auth/session', { headers: { cookie: fresh } })).body.user.email).toBe(
        victim,
      );
      // The planted value is still whatever it was: nothing, or the attacker's own session.
      const old = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
      if (jar === planted[0]) expect(old.status).toBe(401);
      else expect(old.body.user.email).toBe(attacker);
    }
  });

  it('SES-02: a token in the URL or the body is ignored', async () => {
    const { accessToken, refreshToken } = await t.signUp();
    for (const query of ['token', 'access_token', 'accessToken', 'session']) {
      const reply = await t.request('GET', `/auth/session?${query}=${accessToken}`);
      expect(reply.status, query).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_TOKEN');
    }
    const out = await t.request('POST', '/auth/sign-out', { body: { accessToken } });
    expect(out.status).toBe(401);
    const me = await t.request('PATCH', '/auth/me', { body: { accessToken, displayName: 'x' } });
    expect(me.status).toBe(401);
    // Still signed in: nothing above was taken as the session.
    expect((await t.request('GET', '/auth/session', { token: accessToken })).status).toBe(200);
    expect((await refresh(refreshToken)).status).toBe(200);
  });

  it('SES-02: 1000 refresh tokens and token ids: no collisions, full length, no shared prefix, unbiased bits', async () => {
    const chains = await Promise.all(Array.from({ length: 10 }, () => t.signUp()));
    const tokens: string[] = [];
    const jtis: string[] = [];
    await Promise.all(
      chains.map(async (first) => {
        let current = first.refreshToken as string;
        for (let i = 0; i < 100; i++) {
          const next = await refresh(current);
          expect(next.status).toBe(200);
          current = next.body.refreshToken;
          tokens.push(current);
          jtis.push(JSON.parse(Buffer.from(next.body.accessToken.split('.')[1], 'base64url').toString()).jti);
        }
      }),
    );
    expect(tokens).toHaveLength(1000);
    expect(new Set(tokens).size).toBe(1000);
    expect(new Set(jtis).size).toBe(1000);
    expect(new Set(tokens.map((x) => x.slice(0, 8))).size).toBe(1000);
    const ones = new Array(256).fill(0);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const bytes = Buffer.from(token, 'base64url');
      expect(bytes).toHaveLength(32);
      for (let bit = 0; bit < 256; bit++) ones[bit] += (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
    }
    // Each bit is set in about half the tokens (mean 500, sd ≈ 16): ±100 is over six sd.
    expect(Math.min(...ones)).toBeGreaterThan(400);
    expect(Math.max(...ones)).toBeLessThan(600);
  });

  it('SES-03: sign-out revokes the session: its access and refresh tokens stop working at once', async () => {
    const s = await t.signUp();
    const out = await t.request('POST', '/auth/sign-out', { token: s.accessToken });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ success: true });
    expect((await t.request('GET', '/auth/session', { token: s.accessToken })).body.error.code).toBe(
      'SESSION_NOT_FOUND',
    );
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect((await t.request('POST', '/auth/sign-out', { token: s.accessToken })).status).toBe(401);
  });

  it('SES-03: after a cookie sign-out, replaying the old access and refresh cookies → 401', async () => {
    const jar = await cookieSignUp();
    expect(valueIn(jar, '__Host-gh_access')).toEqual(expect.any(String));
    expect(valueIn(jar, '__Secure-gh_refresh')).toEqual(expect.any(String));
    const out = await t.request('POST', '/auth/sign-out', { headers: { ...SAME_ORIGIN, cookie: jar } });
    expect(out.status).toBe(200);
    // Both cookies, by name and path, expired with Max-Age=0 — and nothing else set.
    expect(out.headers.getSetCookie()).toEqual([
      '__Host-gh_access=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
      '__Secure-gh_refresh=; Path=/auth/refresh; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    ]);
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.status).toBe(401);
    expect(session.body.error.code).toBe('SESSION_NOT_FOUND');
    const replay = await t.request('POST', '/auth/refresh', { headers: { ...SAME_ORIGIN, cookie: jar } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('SESSION_NOT_FOUND');
    // A refused refresh hands out no cookie at all.
    expect(replay.headers.getSetCookie()).toEqual([]);
  });

  it('SES-04: an unused session ends after the idle timeout; an active one at the absolute limit', async () => {
    const idle = await t.signUp();
    t.clock.advance(15 * DAY);
    expect((await refresh(idle.refreshToken)).body.error.code).toBe('SESSION_NOT_FOUND');

    let active = await t.signUp();
    for (let day = 10; day <= 50; day += 10) {
      t.clock.advance(10 * DAY);
      const next = await refresh(active.refreshToken);
      expect(next.status).toBe(200);
      active = next.body;
    }
    t.clock.advance(10 * DAY + 1); // past 60 days from sign-in
    expect((await refresh(active.refreshToken)).body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('SES-05: lists the caller’s sessions with device, ip and current; revokes one; another user’s id is 404', async () => {
    const email = uniqueEmail();
    const a = await t.signUp(email);
    const laptop = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0' },
      ip: '203.0.113.9',
    });
    const list = await t.request('GET', '/auth/sessions', { token: a.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.sessions).toHaveLength(2);
    const mine = list.body.sessions.find((s: { current: boolean }) => s.current);
    expect(mine.id).toBe(a.session.id);
    const other = list.body.sessions.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({
      id: laptop.body.session.id,
      ip: '203.0.113.9',
      device: 'Firefox on Linux',
    });
    expect(other.lastUsedAt).toEqual(expect.any(String));

    const stranger = await t.signUp();
    const idor = await t.request('DELETE', `/auth/sessions/${laptop.body.session.id}`, {
      token: stranger.accessToken,
    });
    expect(idor.status).toBe(404);
    expect(idor.body.error.code).toBe('NOT_FOUND');
    expect((await t.request('GET', '/auth/session', { token: laptop.body.accessToken })).status).toBe(200);

    const revoke = await t.request('DELETE', `/auth/sessions/${laptop.body.session.id}`, {
      token: a.accessToken,
    });
    expect(revoke.status).toBe(200);
    expect((await t.request('GET', '/auth/session', { token: laptop.body.accessToken })).status).toBe(401);
    expect((await t.request('DELETE', '/auth/sessions/not-an-id', { token: a.accessToken })).status).toBe(
      404,
    );
  });

  /** The old access token and refresh token of `s` are both refused with SESSION_NOT_FOUND. */
  async function expectDead(s: { accessToken: string; refreshToken: string }) {
    const session = await t.request('GET', '/auth/session', { token: s.accessToken });
    expect(session.status).toBe(401);
    expect(session.body.error.code).toBe('SESSION_NOT_FOUND');
    const refreshed = await refresh(s.refreshToken);
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error.code).toBe('SESSION_NOT_FOUND');
  }

  it('SES-06: suspension ends sessions at once and keeps the password; reactivation lets the user back in', async () => {
    const email = uniqueEmail();
    const s = await t.signUp(email);
    await t.gatehouse.suspendUser(s.user.id);
    await expectDead(s);
    await t.gatehouse.reactivateUser(s.user.id);
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('SES-06: after suspend → reactivate, the tokens issued before the suspension stay dead', async () => {
    const email = uniqueEmail('reactivated');
    const s = await t.signUp(email);
    const other = (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } }))
      .body;
    // Control: both sessions work before the suspension.
    expect((await t.request('GET', '/auth/session', { token: other.accessToken })).status).toBe(200);
    await t.gatehouse.suspendUser(s.user.id);
    await t.gatehouse.reactivateUser(s.user.id);
    for (const old of [s, other]) await expectDead(old);
    // The account itself is back: a new sign-in gets a working session.
    const fresh = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(fresh.status).toBe(200);
    expect((await t.request('GET', '/auth/session', { token: fresh.body.accessToken })).status).toBe(200);
  });

  it('SES-06: revocation ends sessions and credentials, for good: reactivation is refused and brings neither back', async () => {
    const email = uniqueEmail();
    const s = await t.signUp(email);
    await t.gatehouse.revokeUser(s.user.id);
    await expectDead(s);
    await expect(t.gatehouse.reactivateUser(s.user.id)).rejects.toMatchObject({ code: 'USER_REVOKED' });
    await expectDead(s);
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(signIn.status).toBe(401);
    expect(signIn.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('SES-06: deleting the account ends every session, refresh token and cookie at once', async () => {
    const email = uniqueEmail('deleted');
    const jar = await cookieSignUp(email);
    const a = (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;
    const b = (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;
    const deleted = await t.request('DELETE', '/auth/me', {
      token: a.accessToken,
      body: { password: PASSWORD },
    });
    expect(deleted.status).toBe(200);
    for (const s of [a, b]) {
      expect((await t.request('GET', '/auth/session', { token: s.accessToken })).status).toBe(401);
      expect((await refresh(s.refreshToken)).status).toBe(401);
    }
    expect((await t.request('GET', '/auth/session', { headers: { cookie: jar } })).status).toBe(401);
    expect(
      (await t.request('POST', '/auth/refresh', { headers: { ...SAME_ORIGIN, cookie: jar } })).status,
    ).toBe(401);
  });
});

describe.each(everyStoreKind)('sessions with an idle timeout shorter than the access token (%s)', (kind) => {
  const IDLE_SECONDS = 5 * 60;
  const ACCESS_SECONDS = 15 * 60;
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { sessionIdleTtl: IDLE_SECONDS, accessTokenTtl: ACCESS_SECONDS });
  });
  afterAll(() => t.close());

  const session = (accessToken: string) => t.request('GET', '/auth/session', { token: accessToken });

  it('SES-04: an idle session is refused on GET /auth/session while its access token is unexpired, not only at refresh', async () => {
    const s = await t.signUp();
    expect((await session(s.accessToken)).status).toBe(200);
    t.clock.advance(IDLE_SECONDS * 1000 + 1000);
    // Still well inside the token's own lifetime: the refusal is the session's idle end.
    expect(t.clock.now() / 1000).toBeLessThan(jwtParts(s.accessToken).payload.exp as number);
    const idle = await session(s.accessToken);
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_NOT_FOUND');
    for (const path of ['/auth/me', '/auth/sessions']) {
      const reply = await t.request('GET', path, { token: s.accessToken });
      expect(reply.status, path).toBe(401);
      expect(reply.body.error.code, path).toBe('SESSION_NOT_FOUND');
    }
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } })).status,
    ).toBe(401);
  });

  it('SES-04: use keeps it alive: requests less than the idle timeout apart outlast the timeout', async () => {
    const s = await t.signUp();
    // Every 4 minutes for 8 minutes: past the 5-minute timeout, never idle for that long; then
    // idle, still inside the token's 15 minutes.
    for (let minute = 4; minute <= 8; minute += 4) {
      t.clock.advance(4 * 60 * 1000);
      expect((await session(s.accessToken)).status, `${minute} min`).toBe(200);
    }
    t.clock.advance(IDLE_SECONDS * 1000 + 1000);
    expect((await session(s.accessToken)).body.error.code).toBe('SESSION_NOT_FOUND');
  });
});
