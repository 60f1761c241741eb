/**
 * The adapter contract, run against a real instance of every framework: Gatehouse's API answers
 * through the framework exactly as it does through the bare handler, the guards protect app
 * routes with the API's own statuses, codes and headers — the same in every framework — and the
 * app's other routes still work.
 *
 * Every app under test mounts Gatehouse at the default base path and adds routes of its own:
 * `GET /api/me` behind `requireUser`, answering `{ hello: email }`; `GET /api/strong` behind
 * `requireUser` with `{ aal: 2 }` (a second factor passed), answering the same; `GET` and
 * `POST /api/maybe` behind `optionalUser`, answering `{ hello: email | null }`; and
 * `GET /api/public`, answering `{ ok: true }`. And, each answering
 * `{ hello: email, kind: caller.kind }` (see `GUARDED`): `GET /api/admin` behind
 * `requireRole('admin')`, `GET /api/invoices` behind `requirePermission('invoices:read')`,
 * `GET /api/pro` behind `requirePlan('pro')`, `GET /api/profile` behind
 * `requireScope('profile:read')`, and `GET /api/app-b` behind `requireUser({ app: APP_B })`.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { ManualClock } from '../../src/core/clock.js';
import type { AppId, UserId } from '../../src/core/ids.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { storeFromUrl } from '../../src/store/from-url.js';
import type { MembershipChanges } from '../../src/store/ports/membership-store.js';
import type { Store } from '../../src/store/ports/store.js';
import { seedApp } from '../support/apps.js';

/** A running app: how to send it a request, and the client address Gatehouse should record. */
export interface Harness {
  request(path: string, init?: RequestInit): Promise<Response>;
  readonly ip: string;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery staple 42';
/** The second app the suite seeds: `/api/app-b` is guarded for it. */
export const APP_B = 'app_0190f2a81b3c7abc8123456789abcdef' as AppId;
/** The app routes behind the guards beyond `requireUser`; each answers `{ hello, kind }`. */
export const GUARDED = {
  admin: '/api/admin',
  invoices: '/api/invoices',
  pro: '/api/pro',
  profile: '/api/profile',
  appB: '/api/app-b',
} as const;
/** Shorter than the access token's 15 minutes, so an idle session ends while its token is unexpired. */
const IDLE_SECONDS = 5 * 60;

/** Serves `listener` on an ephemeral local port; requests go over real HTTP with `fetch`. */
export async function overHttp(
  listener: RequestListener<typeof IncomingMessage, typeof ServerResponse>,
): Promise<Harness> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    request: (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init),
    ip: '127.0.0.1',
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // A connection still receiving an unread body would otherwise hold close() up for seconds.
        server.closeAllConnections();
      }),
  };
}

/** A POST of `megabytes` MB sent chunked (no Content-Length), so only reading it shows its size. */
export function streamedJson(megabytes: number): RequestInit {
  const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < megabytes) controller.enqueue(chunk);
      else controller.close();
    },
  });
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
  return init as RequestInit;
}

const post = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

/**
 * A guard's refusal, exactly: the status and code, JSON, never cached, the API's security
 * headers, and `WWW-Authenticate: Bearer` on a 401 only — the same in every framework.
 */
async function expectRefusal(res: Response, status: number, code: string, label = ''): Promise<void> {
  expect(res.status, label).toBe(status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control'), label).toBe('no-store');
  expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), label).toBe('no-referrer');
  expect(res.headers.get('www-authenticate'), label).toBe(status === 401 ? 'Bearer' : null);
  expect(await res.json(), label).toMatchObject({ error: { code, message: expect.any(String) } });
}

export function adapterCases(mount: (gatehouse: Gatehouse) => Promise<Harness>): void {
  let gatehouse: Gatehouse;
  let app: Harness;
  const email = `ada-${Math.random().toString(36).slice(2)}@example.com`;
  // Filled in by the first test: later ones act as that signed-in user.
  const tokens = { accessToken: '', refreshToken: '' };

  const clock = new ManualClock(Date.now());
  // Memberships are changed straight in the store: the role and plan operations have their own suites.
  let store: Store;

  beforeAll(async () => {
    store = await storeFromUrl('sqlite::memory:');
    gatehouse = createGatehouse({
      store,
      secret: 'adapter-contract-secret-0123456789abcdef',
      logLevel: 'silent',
      clock,
      sessionIdleTtl: IDLE_SECONDS,
    });
    await gatehouse.ready();
    await seedApp(store, { id: APP_B });
    app = await mount(gatehouse);
  });
  afterAll(async () => {
    await app?.close();
    await gatehouse?.close();
  });

  it('signs up, signs in, reads the session and refreshes through the framework', async () => {
    const signUp = await app.request('/auth/sign-up/email', post({ email, password: PASSWORD, name: 'Ada' }));
    expect(signUp.status).toBe(201);
    const created = await signUp.json();
    expect(created).toMatchObject({ user: { email }, accessToken: expect.any(String), expiresIn: 900 });
    expect(created.refreshToken).toEqual(expect.any(String));

    const signIn = await app.request('/auth/sign-in/email', post({ email, password: PASSWORD }));
    expect(signIn.status).toBe(200);
    const { accessToken, refreshToken } = await signIn.json();

    const session = await app.request('/auth/session', bearer(accessToken));
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    expect(await session.json()).toMatchObject({ user: { email }, session: { id: expect.any(String) } });

    const refreshed = await app.request('/auth/refresh', post({ refreshToken }));
    expect(refreshed.status).toBe(200);
    Object.assign(tokens, await refreshed.json());
    expect(tokens.refreshToken).not.toBe(refreshToken);
  });

  it('records the socket address the framework gives as the session ip', async () => {
    const listed = await app.request('/auth/sessions', bearer(tokens.accessToken));
    expect(listed.status).toBe(200);
    const { sessions } = (await listed.json()) as { sessions: Array<{ ip: string | null }> };
    expect(sessions.map((s) => s.ip?.replace(/^::ffff:/, ''))).toContain(app.ip);
  });

  it("guards an app route with the API's own 401s", async () => {
    const anonymous = await app.request('/api/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'INVALID_TOKEN' } });

    const me = await app.request('/api/me', bearer(tokens.accessToken));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ hello: email });

    const signOut = await app.request('/auth/sign-out', { method: 'POST', ...bearer(tokens.accessToken) });
    expect(signOut.status).toBe(200);
    const after = await app.request('/api/me', bearer(tokens.accessToken));
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'SESSION_NOT_FOUND' } });
  });

  it('guards with the access cookie too, and says Bearer in WWW-Authenticate', async () => {
    const anonymous = await app.request('/api/me');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    const signIn = await app.request('/auth/sign-in/email', {
      ...post({ email, password: PASSWORD }),
      headers: {
        'content-type': 'application/json',
        'gatehouse-transport': 'cookie',
        'sec-fetch-site': 'same-origin',
      },
    });
    expect(signIn.status).toBe(200);
    const jar = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(jar).toContain('gh_access=');
    const me = await app.request('/api/me', { headers: { cookie: jar } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ hello: email });
  });

  it('optionalUser attaches a signed-in user, lets anyone else through, and still refuses a cross-site cookie change', async () => {
    const anonymous = await app.request('/api/maybe');
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ hello: null });

    const signIn = await app.request('/auth/sign-in/email', {
      ...post({ email, password: PASSWORD }),
      headers: {
        'content-type': 'application/json',
        'gatehouse-transport': 'cookie',
        'sec-fetch-site': 'same-origin',
      },
    });
    const jar = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const byCookie = await app.request('/api/maybe', { headers: { cookie: jar } });
    expect(await byCookie.json()).toEqual({ hello: email });

    const fresh = await (
      await app.request('/auth/sign-in/email', post({ email, password: PASSWORD }))
    ).json();
    expect(await (await app.request('/api/maybe', bearer(fresh.accessToken))).json()).toEqual({
      hello: email,
    });
    for (const token of ['not-a-token', 'eyJhbGciOiJub25lIn0.e30.']) {
      const forged = await app.request('/api/maybe', bearer(token));
      expect(forged.status).toBe(200);
      expect(await forged.json()).toEqual({ hello: null });
    }
    const crossSite = await app.request('/api/maybe', {
      method: 'POST',
      headers: { cookie: jar, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });

    await app.request('/auth/sign-out', { method: 'POST', ...bearer(fresh.accessToken) });
    expect(await (await app.request('/api/maybe', bearer(fresh.accessToken))).json()).toEqual({
      hello: null,
    });
  });

  it("leaves the app's other routes to the app", async () => {
    const res = await app.request('/api/public');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers unknown API paths and wrong methods with Gatehouse's JSON", async () => {
    const missing = await app.request('/auth/no-such-thing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const wrongMethod = await app.request('/auth/session', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('refuses malformed JSON with VALIDATION_ERROR', async () => {
    const res = await app.request('/auth/sign-in/email', post('{"email": "ada@'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
  });

  it('refuses a 10 MB body with PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ email, password: 'x'.repeat(10 * 1024 * 1024) });
    const res = await app.request('/auth/sign-in/email', post(huge));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('serves the JWKS and health checks at their absolute paths', async () => {
    const jwks = await app.request('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    const { keys } = (await jwks.json()) as { keys: Array<{ kid: string }> };
    expect(keys.length).toBeGreaterThan(0);
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('requireUser with aal 2 answers an aal1 session 403 MFA_REQUIRED and lets an aal2 one through; a TOTP reauthentication steps up', async () => {
    const strongEmail = `grace-${Math.random().toString(36).slice(2)}@example.com`;
    const signUp = await (
      await app.request('/auth/sign-up/email', post({ email: strongEmail, password: PASSWORD }))
    ).json();
    // Signed in before the authenticator app is added, so this session stays aal1.
    const weak = await (
      await app.request('/auth/sign-in/email', post({ email: strongEmail, password: PASSWORD }))
    ).json();
    const enrolled = await app.request('/auth/mfa/totp/enroll', {
      method: 'POST',
      ...bearer(signUp.accessToken),
    });
    expect(enrolled.status).toBe(200);
    const secret = base32Decode((await enrolled.json()).secret);
    const code = () => totpAt(secret, Math.floor(clock.now() / 1000));
    const activated = await app.request(
      '/auth/mfa/totp/activate',
      post({ code: code() }, signUp.accessToken),
    );
    expect(activated.status).toBe(200);
    const strong = (await activated.json()).accessToken;

    expect((await app.request('/api/strong')).status).toBe(401);
    const refused = await app.request('/api/strong', bearer(weak.accessToken));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused.json()).toMatchObject({ error: { code: 'MFA_REQUIRED' } });
    expect((await app.request('/api/me', bearer(weak.accessToken))).status).toBe(200);
    const allowed = await app.request('/api/strong', bearer(strong));
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ hello: strongEmail });

    clock.advance(30_000);
    const stepped = await app.request(
      '/auth/reauthenticate',
      post({ method: 'totp', code: code() }, weak.accessToken),
    );
    expect(stepped.status).toBe(200);
    const { accessToken: steppedToken } = await stepped.json();
    for (const token of [steppedToken, weak.accessToken]) {
      const now = await app.request('/api/strong', bearer(token));
      expect(now.status).toBe(200);
      expect(await now.json()).toEqual({ hello: strongEmail });
    }
  });

  /** A new account (a member of the default app, role `member`, plan `free`) and its access token. */
  async function member(): Promise<{ id: UserId; email: string; accessToken: string }> {
    const address = `guard-${Math.random().toString(36).slice(2)}@example.com`;
    const res = await app.request('/auth/sign-up/email', post({ email: address, password: PASSWORD }));
    expect(res.status).toBe(201);
    const { user, accessToken } = await res.json();
    return { id: user.id, email: address, accessToken };
  }
  const change = async (userId: UserId, changes: MembershipChanges) => {
    expect(await store.memberships.update(DEFAULT_APP_ID, userId, () => changes, clock.now())).not.toBeNull();
  };
  async function pat(accessToken: string, scopes: string[]): Promise<string> {
    const res = await app.request('/auth/tokens', post({ name: scopes.join(' '), scopes }, accessToken));
    expect(res.status).toBe(201);
    return (await res.json()).token;
  }

  it('every guard answers 401 INVALID_TOKEN with the same headers without a token, with a forged one and with a malformed PAT', async () => {
    const forged = [
      'not-a-token',
      'eyJhbGciOiJub25lIn0.e30.',
      'pat_0190f2a81b3c7abc8123456789abcdef',
      'shr_x',
    ];
    for (const path of ['/api/me', '/api/strong', ...Object.values(GUARDED)]) {
      await expectRefusal(await app.request(path), 401, 'INVALID_TOKEN', path);
      for (const token of forged) {
        await expectRefusal(await app.request(path, bearer(token)), 401, 'INVALID_TOKEN', `${path} ${token}`);
      }
    }
  });

  it("AZ-05: requireRole('admin') reads the live membership: a promotion and a demotion apply to the same token at once", async () => {
    const ada = await member();
    await expectRefusal(await app.request(GUARDED.admin, bearer(ada.accessToken)), 403, 'INSUFFICIENT_ROLE');
    await change(ada.id, { roles: ['admin'] });
    const promoted = await app.request(GUARDED.admin, bearer(ada.accessToken));
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toEqual({ hello: ada.email, kind: 'session' });
    await change(ada.id, { roles: ['member'] });
    await expectRefusal(await app.request(GUARDED.admin, bearer(ada.accessToken)), 403, 'INSUFFICIENT_ROLE');
    // Still signed in: only the admin route is closed to them.
    expect((await app.request('/api/me', bearer(ada.accessToken))).status).toBe(200);
  });

  it('requirePermission answers 403 INSUFFICIENT_PERMISSION until the member holds the permission (resource:* grants it)', async () => {
    const ada = await member();
    await expectRefusal(
      await app.request(GUARDED.invoices, bearer(ada.accessToken)),
      403,
      'INSUFFICIENT_PERMISSION',
    );
    await change(ada.id, { permissions: ['invoices:*'] });
    const allowed = await app.request(GUARDED.invoices, bearer(ada.accessToken));
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ hello: ada.email, kind: 'session' });
  });

  it('requirePlan answers 403 INSUFFICIENT_PLAN below the plan and lets the plan and higher ones through', async () => {
    const ada = await member();
    await expectRefusal(await app.request(GUARDED.pro, bearer(ada.accessToken)), 403, 'INSUFFICIENT_PLAN');
    for (const plan of ['pro', 'enterprise']) {
      await change(ada.id, { plan });
      const allowed = await app.request(GUARDED.pro, bearer(ada.accessToken));
      expect(allowed.status, plan).toBe(200);
      expect(await allowed.json()).toEqual({ hello: ada.email, kind: 'session' });
    }
  });

  it('requireScope admits a session and a PAT holding the scope; a PAT is refused 403 INSUFFICIENT_SCOPE wherever no scope it holds is named', async () => {
    const ada = await member();
    await change(ada.id, { permissions: ['invoices:*'] });
    const profileReader = await pat(ada.accessToken, ['profile:read']);
    const invoiceReader = await pat(ada.accessToken, ['invoices:read']);

    const bySession = await app.request(GUARDED.profile, bearer(ada.accessToken));
    expect(bySession.status).toBe(200);
    expect(await bySession.json()).toEqual({ hello: ada.email, kind: 'session' });
    const byPat = await app.request(GUARDED.profile, bearer(profileReader));
    expect(byPat.status).toBe(200);
    expect(await byPat.json()).toEqual({ hello: ada.email, kind: 'pat' });
    await expectRefusal(await app.request(GUARDED.profile, bearer(invoiceReader)), 403, 'INSUFFICIENT_SCOPE');

    // requirePermission: the member's permission and the token's scopes must both grant it.
    const invoices = await app.request(GUARDED.invoices, bearer(invoiceReader));
    expect(invoices.status).toBe(200);
    expect(await invoices.json()).toEqual({ hello: ada.email, kind: 'pat' });
    await expectRefusal(
      await app.request(GUARDED.invoices, bearer(profileReader)),
      403,
      'INSUFFICIENT_SCOPE',
    );

    // Guards naming no scope are session-only.
    for (const path of ['/api/me', GUARDED.admin, GUARDED.pro, '/api/maybe']) {
      await expectRefusal(await app.request(path, bearer(profileReader)), 403, 'INSUFFICIENT_SCOPE', path);
    }
    // A PAT cannot mint PATs.
    await expectRefusal(
      await app.request('/auth/tokens', post({ name: 'x', scopes: ['profile:read'] }, profileReader)),
      403,
      'INSUFFICIENT_SCOPE',
    );
  });

  it("AZ-04: a guard serves one app: another app's token gets 401 INVALID_TOKEN, its own app's passes", async () => {
    const ada = await member();
    await expectRefusal(await app.request(GUARDED.appB, bearer(ada.accessToken)), 401, 'INVALID_TOKEN');
    const signIn = await app.request('/auth/sign-in/email', {
      ...post({ email: ada.email, password: PASSWORD }),
      headers: { 'content-type': 'application/json', 'gatehouse-app': APP_B },
    });
    expect(signIn.status).toBe(200);
    const { accessToken: appBToken } = await signIn.json();
    const allowed = await app.request(GUARDED.appB, bearer(appBToken));
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ hello: ada.email, kind: 'session' });
    await expectRefusal(await app.request('/api/me', bearer(appBToken)), 401, 'INVALID_TOKEN');
    // The request cannot choose the guard's app.
    const claimed = await app.request('/api/me', {
      headers: { authorization: `Bearer ${appBToken}`, 'gatehouse-app': APP_B },
    });
    await expectRefusal(claimed, 401, 'INVALID_TOKEN');
  });

  // Last: it moves the clock.
  it('refuses a session left idle past sessionIdleTtl at the guard and the API, though its access token is unexpired', async () => {
    const signIn = await app.request('/auth/sign-in/email', post({ email, password: PASSWORD }));
    expect(signIn.status).toBe(200);
    const { accessToken, expiresIn } = await signIn.json();
    expect((await app.request('/api/me', bearer(accessToken))).status).toBe(200);
    clock.advance((IDLE_SECONDS + 1) * 1000);
    expect(IDLE_SECONDS + 1).toBeLessThan(expiresIn);
    for (const path of ['/api/me', '/auth/session']) {
      const idle = await app.request(path, bearer(accessToken));
      expect(idle.status, path).toBe(401);
      expect(await idle.json()).toMatchObject({ error: { code: 'SESSION_NOT_FOUND' } });
    }
  });
}
