/**
 * Authorization over HTTP and at the guards, on SQLite and PostgreSQL. AZ-01: PATCH /auth/me and
 * sign-up take an allow-list of fields; anything else — roles, status, verification, ids,
 * timestamps, hashes, prototype keys — is refused with 400 and nothing changes. AZ-03: a personal
 * access token reaches only the routes that name a scope it holds (`GET /auth/me` profile:read,
 * `PATCH /auth/me` profile:write), never a session-only route, and cannot mint tokens. AZ-04: a
 * token works only at its own app — over HTTP, at a guard, session or PAT. AZ-05: guards read
 * the live membership, so a demoted admin is refused at once. Bearer routing by prefix
 * (bearer-prefix-routing.json) through the real handler. AZ-02 (PAT ownership) is in
 * pats.test.ts; the admin API's AZ-05 lands with it. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeRequest } from '../../src/adapters/authenticate.js';
import { type App, DEFAULT_APP_ID } from '../../src/core/apps.js';
import type { UserId } from '../../src/core/ids.js';
import { ROUTES } from '../../src/http/routes/index.js';
import { loadFixture } from '../conformance/fixtures.js';
import { seedApp } from '../support/apps.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { expectProfilePatchRefused } from '../support/requests.js';
import { storeKinds } from '../support/stores.js';

describe.each(storeKinds)('authorization (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { profileMetadataLimit: 1024 });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.request('GET', '/auth/me', { token });
  const patch = (token: string, body: unknown) => t.request('PATCH', '/auth/me', { token, body });

  it.each([
    ['role', { role: 'admin' }],
    ['roles', { roles: ['admin'] }],
    ['plan', { plan: 'enterprise' }],
    ['status', { status: 'active' }],
    ['email', { email: 'other@example.com' }],
    ['emailVerified', { emailVerified: true }],
    ['id', { id: 'usr_0190f2a81b3c7abc8123456789abcdef' }],
    ['tenantId', { tenantId: 'tenant-b' }],
    ['mfaEnabled', { mfaEnabled: false }],
    ['passwordHash', { passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB' }],
    ['createdAt', { createdAt: '2000-01-01T00:00:00.000Z' }],
    ['deletedAt', { deletedAt: null }],
    ['__proto__', JSON.parse('{"name":"x","__proto__":{"admin":true}}')],
    ['constructor', { constructor: { prototype: { admin: true } } }],
    ['a field in address', { address: { city: 'x', admin: true } }],
    ['__proto__ in metadata', { metadata: JSON.parse('{"a":{"__proto__":{"admin":true}}}') }],
  ])('AZ-01: PATCH /auth/me refuses %s with VALIDATION_ERROR and changes nothing', async (_label, body) => {
    await expectProfilePatchRefused(t, body);
  });

  it('AZ-01: an allowed field next to a forbidden one is refused as a whole', async () => {
    const { accessToken } = await t.signUp();
    const before = (await me(accessToken)).body;
    const reply = await patch(accessToken, { displayName: 'Sneaky', emailVerified: true, status: 'active' });
    expect(reply.status).toBe(400);
    expect((await me(accessToken)).body).toEqual(before);
  });

  it.each([
    ['role', { role: 'admin' }],
    ['emailVerified', { emailVerified: true }],
    ['status', { status: 'suspended' }],
    ['id', { id: 'usr_0190f2a81b3c7abc8123456789abcdef' }],
    ['__proto__', JSON.parse('{"__proto__":{"emailVerified":true}}')],
  ])('AZ-01: sign-up refuses %s and creates no account', async (_label, extra) => {
    const email = uniqueEmail('mass');
    const reply = await t.request('POST', '/auth/sign-up/email', {
      raw: JSON.stringify({ email, password: PASSWORD, ...extra }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_ERROR');
    expect(await t.store.users.findByEmail(email)).toBeNull();
  });
});

describe.each(storeKinds)('access control (%s)', (kind) => {
  let t: TestGatehouse;
  let appB: App;
  beforeAll(async () => {
    t = await openGatehouse(kind);
    appB = await seedApp(t.store);
  });
  afterAll(() => t.close());

  const inApp = (app: string) => ({ 'gatehouse-app': app });
  /** As broad as a PAT gets (a scope starts with a letter or digit, so never `*` alone). */
  const BROAD = ['profile:*', 'tokens:*', 'sessions:*', 'admin:*', 'mfa:*'];
  /** A new member of the default app, and of app B when `alsoB`: ids and access tokens. */
  async function account(alsoB = false) {
    const email = uniqueEmail('access');
    const { user, accessToken } = await t.signUp(email);
    let appBToken = '';
    if (alsoB) {
      const reply = await t.request('POST', '/auth/sign-in/email', {
        body: { email, password: PASSWORD },
        headers: inApp(appB.id),
      });
      expect(reply.status).toBe(200);
      appBToken = reply.body.accessToken;
    }
    return { id: user.id as UserId, email, accessToken: accessToken as string, appBToken };
  }
  async function pat(accessToken: string, scopes: string[], app?: string): Promise<string> {
    const reply = await t.request('POST', '/auth/tokens', {
      token: accessToken,
      body: { name: 'test', scopes },
      ...(app ? { headers: inApp(app) } : {}),
    });
    expect(reply.status).toBe(201);
    return reply.body.token;
  }
  const guard = (token: string, requirement: Parameters<typeof authorizeRequest>[2]) =>
    authorizeRequest(
      t.gatehouse,
      { method: 'GET', header: (n) => (n === 'authorization' ? `Bearer ${token}` : undefined) },
      requirement,
    );
  const setRoles = async (userId: UserId, roles: string[]) => {
    expect(
      await t.store.memberships.update(DEFAULT_APP_ID, userId, () => ({ roles }), t.clock.now()),
    ).not.toBeNull();
  };

  it("AZ-04: app A's access token at app B over HTTP is 401 INVALID_TOKEN on every route, and does nothing there", async () => {
    const ada = await account(true);
    for (const [method, path] of [
      ['GET', '/auth/session'],
      ['GET', '/auth/me'],
      ['GET', '/auth/sessions'],
      ['POST', '/auth/tokens'],
      ['POST', '/auth/sign-out'],
    ] as const) {
      const body = method === 'POST' && path === '/auth/tokens' ? { name: 'x', scopes: ['a'] } : undefined;
      const atB = await t.request(method, path, { token: ada.accessToken, headers: inApp(appB.id), body });
      expect(atB.status, path).toBe(401);
      expect(atB.body.error.code, path).toBe('INVALID_TOKEN');
      // B's token without naming B is a token at the default app: refused the same way.
      const bAtDefault = await t.request(method, path, { token: ada.appBToken, body });
      expect(bAtDefault.status, path).toBe(401);
      expect(bAtDefault.body.error.code, path).toBe('INVALID_TOKEN');
    }
    // The sign-outs above did nothing; each token still works at its own app.
    expect((await t.request('GET', '/auth/session', { token: ada.accessToken })).status).toBe(200);
    const own = await t.request('GET', '/auth/session', { token: ada.appBToken, headers: inApp(appB.id) });
    expect(own.status).toBe(200);
    expect(await t.store.pats.listForUser(ada.id)).toEqual([]);
  });

  it("AZ-04: app A's access token at a guard configured for app B is 401 INVALID_TOKEN; B's own token passes", async () => {
    const ada = await account(true);
    expect(await guard(ada.accessToken, { app: appB.id })).toMatchObject({
      ok: false,
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { error: { code: 'INVALID_TOKEN' } },
    });
    expect(await guard(ada.appBToken, {})).toMatchObject({ ok: false, status: 401 });
    expect(await guard(ada.appBToken, { app: appB.id })).toMatchObject({
      ok: true,
      user: { id: ada.id },
      caller: { kind: 'session', appId: appB.id, roles: ['member'] },
    });
  });

  it('AZ-04: a PAT of app A at app B is 401 INVALID_TOKEN, over HTTP and at a guard', async () => {
    const ada = await account(true);
    const ofA = await pat(ada.accessToken, ['profile:read']);
    const ofB = await pat(ada.appBToken, ['profile:read'], appB.id);
    expect((await t.request('GET', '/auth/me', { token: ofA })).status).toBe(200);
    expect((await t.request('GET', '/auth/me', { token: ofB, headers: inApp(appB.id) })).status).toBe(200);
    for (const [token, headers] of [
      [ofA, inApp(appB.id)],
      [ofB, {}],
    ] as const) {
      const reply = await t.request('GET', '/auth/me', { token, headers });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_TOKEN');
    }
    expect(await guard(ofA, { app: appB.id, scope: 'profile:read' })).toMatchObject({
      ok: false,
      status: 401,
      body: { error: { code: 'INVALID_TOKEN' } },
    });
  });

  it('AZ-04: a Gatehouse-App header naming no app is 401 for a token (never 500), a malformed one 404 APP_NOT_FOUND', async () => {
    const ada = await account();
    const unknown = await t.request('GET', '/auth/session', {
      token: ada.accessToken,
      headers: inApp('app_0190f2a81b3c7abc8123456789abcdee'),
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('INVALID_TOKEN');
    const malformed = await t.request('GET', '/auth/session', {
      token: ada.accessToken,
      headers: inApp('nope'),
    });
    expect(malformed.status).toBe(404);
    expect(malformed.body.error.code).toBe('APP_NOT_FOUND');
  });

  it("AZ-05: a demoted admin's existing token on a requireRole('admin') guard is 403 INSUFFICIENT_ROLE at once, no refresh needed", async () => {
    const ada = await account();
    await setRoles(ada.id, ['admin']);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email: ada.email, password: PASSWORD },
    });
    const { accessToken } = signIn.body;
    expect((await t.gatehouse.verifyAccessToken(accessToken)).roles).toEqual(['admin']);
    expect(await guard(accessToken, { role: 'admin' })).toMatchObject({ ok: true });

    await setRoles(ada.id, ['member']);
    // The token still says admin (claims refresh at the next refresh)…
    expect((await t.gatehouse.verifyAccessToken(accessToken)).roles).toEqual(['admin']);
    // …but the guard reads the membership.
    expect(await guard(accessToken, { role: 'admin' })).toMatchObject({
      ok: false,
      status: 403,
      body: { error: { code: 'INSUFFICIENT_ROLE' } },
    });
    expect(await guard(accessToken, { role: ['admin', 'member'] })).toMatchObject({ ok: true });
    await expect(
      t.gatehouse.authorize(await t.gatehouse.resolveCaller(accessToken), { permission: 'users:write' }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_PERMISSION' });
    expect(await t.gatehouse.can(ada.id, 'users:write')).toBe(false);
  });

  it('AZ-05: a member removed from the app is refused at the guard at once (401 SESSION_NOT_FOUND)', async () => {
    const ada = await account(true);
    expect(await guard(ada.appBToken, { app: appB.id })).toMatchObject({ ok: true });
    expect(await t.store.memberships.remove(appB.id, ada.id)).toBe(true);
    expect(await guard(ada.appBToken, { app: appB.id })).toMatchObject({
      ok: false,
      status: 401,
      body: { error: { code: 'SESSION_NOT_FOUND' } },
    });
  });

  it('AZ-03: a profile:read PAT on PATCH /auth/me is 403 INSUFFICIENT_SCOPE and changes nothing; profile:write may', async () => {
    const ada = await account();
    const reader = await pat(ada.accessToken, ['profile:read']);
    const writer = await pat(ada.accessToken, ['profile:write']);
    const read = await t.request('GET', '/auth/me', { token: reader });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: ada.id, email: ada.email, displayName: null });

    const refused = await t.request('PATCH', '/auth/me', { token: reader, body: { displayName: 'Sneaky' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INSUFFICIENT_SCOPE');
    expect((await t.request('GET', '/auth/me', { token: ada.accessToken })).body.displayName).toBeNull();
    // Nor can the writer read.
    expect((await t.request('GET', '/auth/me', { token: writer })).body.error.code).toBe(
      'INSUFFICIENT_SCOPE',
    );

    const written = await t.request('PATCH', '/auth/me', { token: writer, body: { displayName: 'Ada' } });
    expect(written.status).toBe(200);
    expect(written.body.displayName).toBe('Ada');
    expect((await t.request('GET', '/auth/me', { token: ada.accessToken })).body.displayName).toBe('Ada');
  });

  it('AZ-03: a PAT on POST /auth/tokens is 403 INSUFFICIENT_SCOPE: a PAT cannot mint PATs, whatever its scopes', async () => {
    const ada = await account();
    const everything = await pat(ada.accessToken, BROAD);
    const reply = await t.request('POST', '/auth/tokens', {
      token: everything,
      body: { name: 'wider', scopes: ['*', 'admin:write'] },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('INSUFFICIENT_SCOPE');
    expect((await t.store.pats.listForUser(ada.id)).length).toBe(1);
    // And through the same route a session may.
    expect(
      (
        await t.request('POST', '/auth/tokens', {
          token: ada.accessToken,
          body: { name: 'n', scopes: ['profile:read'] },
        })
      ).status,
    ).toBe(201);
  });

  it('AZ-03: a PAT never reaches a session-only route: every auth route without a patScope answers 403 INSUFFICIENT_SCOPE', async () => {
    const ada = await account();
    const everything = await pat(ada.accessToken, BROAD);
    const sessionOnly = ROUTES.filter((r) => r.auth && r.patScope === undefined);
    expect(sessionOnly.length).toBeGreaterThan(20);
    for (const route of sessionOnly) {
      const path = `/auth${route.path.replace(/:(\w+)/g, 'x')}`;
      const reply = await t.request(route.method, route.absolute ? route.path : path, {
        token: everything,
        ...(route.body ? { body: {} } : {}),
      });
      expect(reply.status, `${route.method} ${route.path}`).toBe(403);
      expect(reply.body.error.code, `${route.method} ${route.path}`).toBe('INSUFFICIENT_SCOPE');
    }
    // DELETE /auth/me and POST /auth/sign-out among them: the account and its session are intact.
    expect((await t.store.users.findById(ada.id))?.status).toBe('active');
    expect((await t.request('GET', '/auth/session', { token: ada.accessToken })).status).toBe(200);
    expect(ROUTES.filter((r) => r.patScope).map((r) => `${r.method} ${r.path} ${r.patScope}`)).toEqual([
      'GET /me profile:read',
      'PATCH /me profile:write',
    ]);
  });

  it('can(userId, permission, appId?) reads the live membership: roles, direct permissions, non-members and suspended users', async () => {
    const ada = await account(true);
    expect(await t.gatehouse.can(ada.id, 'invoices:read')).toBe(false);
    await setRoles(ada.id, ['admin']);
    expect(await t.gatehouse.can(ada.id, 'invoices:read')).toBe(true);
    // Another app is another membership.
    expect(await t.gatehouse.can(ada.id, 'invoices:read', appB.id)).toBe(false);
    expect(
      await t.store.memberships.update(
        appB.id,
        ada.id,
        () => ({ permissions: ['invoices:*'] }),
        t.clock.now(),
      ),
    ).not.toBeNull();
    expect(await t.gatehouse.can(ada.id, 'invoices:read', appB.id)).toBe(true);
    expect(await t.gatehouse.can(ada.id, 'reports:read', appB.id)).toBe(false);
    await t.gatehouse.suspendUser(ada.id);
    expect(await t.gatehouse.can(ada.id, 'invoices:read')).toBe(false);
    expect(await t.gatehouse.can('usr_0190f2a81b3c7abc8123456789abcdef', 'invoices:read')).toBe(false);
    expect(await t.gatehouse.can('not-an-id', 'invoices:read')).toBe(false);
  });

  it('authorize checks role, permission, plan and assurance in that order, and a plan the app lacks is PLAN_NOT_FOUND', async () => {
    const ada = await account();
    const caller = await t.gatehouse.resolveCaller(ada.accessToken);
    expect(caller).toMatchObject({ kind: 'session', roles: ['member'], plan: 'free', aal: 1, pat: null });
    const refusal = (requirement: Parameters<typeof t.gatehouse.authorize>[1]) =>
      t.gatehouse.authorize(caller, requirement).then(
        () => 'allowed',
        (error: { code: string }) => error.code,
      );
    expect(await refusal({ role: 'admin', permission: 'x:y', plan: 'pro', aal: 2 })).toBe(
      'INSUFFICIENT_ROLE',
    );
    expect(await refusal({ role: ['admin', 'member'], permission: 'x:y', plan: 'pro', aal: 2 })).toBe(
      'INSUFFICIENT_PERMISSION',
    );
    expect(await refusal({ role: 'member', plan: 'pro', aal: 2 })).toBe('INSUFFICIENT_PLAN');
    expect(await refusal({ plan: 'free', aal: 2 })).toBe('MFA_REQUIRED');
    expect(await refusal({ plan: 'gold' })).toBe('PLAN_NOT_FOUND');
    expect(await refusal({ role: 'member', plan: 'free', scope: 'anything:at-all' })).toBe('allowed');
  });

  describe('bearer routing by prefix through the real handler (bearer-prefix-routing.json)', () => {
    const fixture = loadFixture<{ token: string }, { result: string }>(
      'identity/pat/bearer-prefix-routing.json',
    );
    // What each verifier says when it refuses: the answer shows which one ran.
    const refusedBy: Record<string, string> = {
      pat: 'The personal access token is not valid',
      share: 'Share tokens are not accepted here',
      session: 'The access token is not valid',
    };
    for (const vector of fixture.tests) {
      it(`${vector.id}: GET /auth/me answers the ${vector.expected.result} verifier's 401`, async () => {
        const reply = await t.request('GET', '/auth/me', { token: vector.input.token });
        expect(reply.status).toBe(401);
        expect(reply.body.error).toEqual({
          code: 'INVALID_TOKEN',
          message: refusedBy[vector.expected.result],
        });
      });
    }

    it('a valid session token behind a pat_ prefix goes to the PAT verifier, and a PAT without its prefix to the session resolver', async () => {
      const ada = await account();
      const token = await pat(ada.accessToken, ['profile:read']);
      for (const [bearer, by] of [
        [`pat_${ada.accessToken}`, 'pat'],
        [token.slice('pat_'.length), 'session'],
      ] as const) {
        const reply = await t.request('GET', '/auth/me', { token: bearer });
        expect(reply.status).toBe(401);
        expect(reply.body.error.message).toBe(refusedBy[by]);
      }
    });
  });
});
