/**
 * Who reaches the admin API, on every admin route there is (the list is read from the route
 * table, so a route added later is covered without touching this file), on SQLite and
 * PostgreSQL: no bearer is 401; a user who is not an operator, an operator demoted a moment ago
 * and a session without a second factor are 403 before any input is read; a `support` operator
 * is held to their permissions; personal access tokens need an admin scope, which only an
 * operator signed in with a second factor can put on one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID, CONSOLE_ROLES } from '../../src/core/operators.js';
import { ADMIN_ROUTES } from '../../src/http/routes/admin/index.js';
import { signInTenantAdmin } from '../admin/apps-setup.js';
import { seedApp } from '../support/apps.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { CONSOLE, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const SAMPLE_IDS: Record<string, string> = {
  id: 'usr_0190f2a81b3c7abc8123456789abcdef',
  userId: 'usr_0190f2a81b3c7abc8123456789abcdef',
  appId: 'app_0190f2a81b3c7abc8123456789abcdef',
  patId: 'pat_0190f2a81b3c7abc8123456789abcdef',
  sessionId: 'ses_0190f2a81b3c7abc8123456789abcdef',
  invitationId: 'inv_0190f2a81b3c7abc8123456789abcdef',
  name: 'editor',
};
const routes = ADMIN_ROUTES.map((route) => ({
  label: `${route.method} ${route.path}`,
  method: route.method,
  path: `/auth${route.path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_IDS[name] ?? 'x')}`,
  permission: route.admin!.permission,
  tenant: route.admin!.tenant === true,
  write: route.method !== 'GET',
}));
const SUPPORT = CONSOLE_ROLES.find((r) => r.name === 'support')!.permissions;

describe.each(storeKinds)('admin API access, every route (%s)', (kind) => {
  let t: TestGatehouse;
  const call = (route: (typeof routes)[number], token?: string) =>
    t.request(route.method, route.path, {
      ...(token ? { token } : {}),
      ...(route.write ? { body: {} } : {}),
    });

  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('has admin routes to check', () => {
    expect(routes.length).toBeGreaterThan(0);
  });

  it('AZ-05: no bearer is 401; a signed-in user who is not an operator is 403 NOT_AN_OPERATOR on every route', async () => {
    const user = await t.signUp();
    for (const route of routes) {
      expect([route.label, (await call(route)).status]).toEqual([route.label, 401]);
      const reply = await call(route, user.accessToken);
      expect([route.label, reply.status, reply.body.error?.code]).toEqual([
        route.label,
        403,
        'NOT_AN_OPERATOR',
      ]);
    }
  });

  it('AZ-05: an admin demoted out of the console is refused at once with the token they hold', async () => {
    const operator = await signInOperator(t);
    expect((await t.request('GET', '/auth/admin/me', { token: operator.accessToken })).status).toBe(200);
    // Another admin stays: the console never loses its last active admin (LAST_ADMIN).
    await signInOperator(t);
    await t.gatehouse.removeMember(operator.userId, CONSOLE_APP_ID);
    for (const route of routes) {
      const reply = await call(route, operator.accessToken);
      expect([route.label, reply.status]).toEqual([route.label, expect.any(Number)]);
      // Removing the console membership ends their console sessions too: 401 or 403, never in.
      expect([401, 403]).toContain(reply.status);
    }
  });

  it('AZ-05: an admin whose role becomes support loses the rest at once', async () => {
    const operator = await signInOperator(t);
    await t.gatehouse.setRoles(operator.userId, CONSOLE_APP_ID, ['support']);
    for (const route of routes.filter((r) => !SUPPORT.includes(r.permission))) {
      const reply = await call(route, operator.accessToken);
      expect([route.label, reply.status, reply.body.error?.code]).toEqual([
        route.label,
        403,
        'INSUFFICIENT_PERMISSION',
      ]);
    }
  });

  it('AZ-05: an operator without a second factor is 403 MFA_REQUIRED (admin.requireMfa defaults to on)', async () => {
    const email = uniqueEmail('aal1-operator');
    const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    const session = signedIn(await t.gatehouse.signIn({ email, password: PASSWORD }, CONSOLE));
    for (const route of routes) {
      const reply = await call(route, session.accessToken);
      expect([route.label, reply.status, reply.body.error?.code]).toEqual([route.label, 403, 'MFA_REQUIRED']);
    }
  });

  it('AZ-04: an app’s own admin is not a console operator: every route outside their app is 403', async () => {
    const email = uniqueEmail('tenant-admin');
    const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
    await t.gatehouse.setRoles(up.user.id, 'app_00000000000070008000000000000000', ['admin']);
    for (const route of routes.filter((r) => !r.tenant)) {
      const reply = await call(route, up.accessToken);
      expect([route.label, reply.status]).toEqual([route.label, 403]);
    }
  });

  it('AZ-03: PATs reach the admin API only with an admin scope an aal2 operator gave them, and admin:read only reads', async () => {
    const user = await t.signUp();
    const plain = await t.request('POST', '/auth/tokens', {
      token: user.accessToken,
      body: { name: 'mine', scopes: ['admin:write'] },
    });
    expect([plain.status, plain.body.error?.code]).toEqual([403, 'INSUFFICIENT_PERMISSION']);

    const operator = await signInOperator(t);
    const mint = async (scopes: string[]) => {
      const reply = await t.request('POST', '/auth/tokens', {
        token: operator.accessToken,
        headers: { 'gatehouse-app': CONSOLE_APP_ID },
        body: { name: scopes.join(' '), scopes },
      });
      expect(reply.status).toBe(201);
      return reply.body.token as string;
    };
    const profileOnly = await mint(['profile:read']);
    const reader = await mint(['admin:read']);
    const writer = await mint(['admin:write']);
    for (const route of routes) {
      const noScope = await call(route, profileOnly);
      expect([route.label, noScope.status, noScope.body.error?.code]).toEqual([
        route.label,
        403,
        'INSUFFICIENT_SCOPE',
      ]);
      if (route.write) {
        const readOnly = await call(route, reader);
        expect([route.label, readOnly.status, readOnly.body.error?.code]).toEqual([
          route.label,
          403,
          'INSUFFICIENT_SCOPE',
        ]);
      }
    }
    expect((await t.request('GET', '/auth/admin/me', { token: reader })).body.kind).toBe('pat');
    expect((await t.request('GET', '/auth/admin/me', { token: writer })).status).toBe(200);
  });

  it('AZ-04: a tenant-A admin acting on a tenant-B user through the admin API gets 404, and nothing changes', async () => {
    const appA = await seedApp(t.store);
    const appB = await seedApp(t.store);
    const admin = await signInTenantAdmin(t, appA.id);
    const signUpB = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail('tenant-b'), password: PASSWORD },
      headers: { 'gatehouse-app': appB.id },
    });
    expect(signUpB.status).toBe(201);
    const victim = signUpB.body.user.id as string;
    const before = await t.gatehouse.listUserApps(victim);
    const as = (method: string, path: string, body?: unknown) =>
      t.request(method, `/auth/admin${path}`, { token: admin.accessToken, ...(body ? { body } : {}) });
    const attempts = [
      await as('GET', `/users/${victim}`),
      await as('GET', `/users/${victim}/sessions`),
      await as('DELETE', `/users/${victim}/sessions`),
      await as('GET', `/users/${victim}/apps`),
      await as('PATCH', `/users/${victim}/apps/${appB.id}`, { roles: ['admin'] }),
      await as('PATCH', `/users/${victim}/apps/${appA.id}`, { roles: ['admin'] }),
      await as('DELETE', `/users/${victim}/apps/${appB.id}`),
    ];
    for (const reply of attempts) {
      expect([reply.status, reply.body.error?.code]).toEqual([404, expect.stringMatching(/NOT_FOUND$/)]);
    }
    const listed = await as('GET', '/users?limit=200');
    expect(listed.status).toBe(200);
    expect(listed.body.users.map((u: { id: string }) => u.id)).not.toContain(victim);
    expect((await as('GET', `/apps/${appB.id}`)).status).toBe(404);
    expect(await t.gatehouse.listUserApps(victim)).toEqual(before);
    expect(
      (
        await t.request('GET', '/auth/session', {
          token: signUpB.body.accessToken,
          headers: { 'gatehouse-app': appB.id },
        })
      ).status,
    ).toBe(200);
  });

  it('an operator without a second factor cannot mint an admin-scoped token either', async () => {
    const email = uniqueEmail('aal1-minter');
    const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    const session = signedIn(await t.gatehouse.signIn({ email, password: PASSWORD }, CONSOLE));
    const reply = await t.request('POST', '/auth/tokens', {
      token: session.accessToken,
      headers: { 'gatehouse-app': CONSOLE_APP_ID },
      body: { name: 'automation', scopes: ['admin:read'] },
    });
    expect([reply.status, reply.body.error?.code]).toEqual([403, 'MFA_REQUIRED']);
  });

  it('GET /admin/me names the operator and what they hold', async () => {
    const admin = await signInOperator(t);
    const support = await signInOperator(t, { role: 'support' });
    const me = await t.request('GET', '/auth/admin/me', { token: admin.accessToken });
    expect(me.body).toEqual({
      userId: admin.userId,
      email: admin.email,
      kind: 'session',
      appId: null,
      permissions: ['*'],
    });
    const them = await t.request('GET', '/auth/admin/me', { token: support.accessToken });
    expect([...them.body.permissions].sort()).toEqual([...SUPPORT].sort());
  });
});

describe('admin API with admin.requireMfa off', () => {
  it('admits an operator signed in with a password alone', async () => {
    const t = await openGatehouse('sqlite', { admin: { requireMfa: false } });
    try {
      const email = uniqueEmail('password-operator');
      const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
      await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
      const session = signedIn(await t.gatehouse.signIn({ email, password: PASSWORD }, CONSOLE));
      expect((await t.request('GET', '/auth/admin/me', { token: session.accessToken })).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
