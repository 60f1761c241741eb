/**
 * The admin API's roles of an app over HTTP, on SQLite and PostgreSQL: list, create, change,
 * delete, with every refusal (a taken name, a bad permission, `admin` keeping `*`, an unknown
 * role, 409 ROLE_IN_USE for a role held, the default one, an open invitation's or a built-in
 * one). The console app's roles are changed only by an operator holding every permission — one
 * with `apps:write` alone cannot give their own role `*`. A tenant admin reaches their own app's
 * roles only (AZ-04). Every change is audited with the operator and the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';
import { auditOf, signInCustomOperator, signInTenantAdmin, signUpAt } from './apps-setup.js';

const UNKNOWN_APP = 'app_0190f2a81b3c7abc8123456789abcdef';

describe.each(storeKinds)('admin API: roles (%s)', (kind) => {
  let t: TestGatehouse;
  let admin: SignedInOperator;
  let n = 0;
  const call = (operator: { accessToken: string }, method: string, path: string, body?: unknown) =>
    t.request(method, `/auth${path}`, { token: operator.accessToken, ...(body ? { body } : {}) });
  async function newApp() {
    const { app } = await t.gatehouse.createApp({
      name: `Roles ${++n}`,
      audience: `https://roles/${kind}/${n}`,
    });
    return app;
  }
  const roleEvents = async (appId: string) =>
    (await auditOf(t, appId)).filter((e) => e.type.startsWith('role.'));

  beforeAll(async () => {
    t = await openGatehouse(kind);
    admin = await signInOperator(t);
  });
  afterAll(() => t.close());

  it('GET lists the built-in roles; POST adds one (201), PATCH changes it, DELETE removes it (204) — each audited with the operator and the app', async () => {
    const app = await newApp();
    const list = await call(admin, 'GET', `/admin/apps/${app.id}/roles`);
    expect(list.status).toBe(200);
    expect(list.body.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'guest', 'member']);
    expect(list.body.roles.find((r: { name: string }) => r.name === 'admin')).toMatchObject({
      permissions: ['*'],
      builtIn: true,
    });

    const created = await call(admin, 'POST', `/admin/apps/${app.id}/roles`, {
      name: 'billing',
      permissions: ['invoices:*', 'reports:read'],
      description: 'Runs the invoices',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: 'billing',
      permissions: ['invoices:*', 'reports:read'],
      description: 'Runs the invoices',
      builtIn: false,
    });
    const updated = await call(admin, 'PATCH', `/admin/apps/${app.id}/roles/billing`, {
      permissions: ['invoices:read'],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'billing',
      permissions: ['invoices:read'],
      description: 'Runs the invoices',
    });
    const described = await call(admin, 'PATCH', `/admin/apps/${app.id}/roles/member`, {
      permissions: ['docs:read'],
    });
    expect(described.body).toMatchObject({ name: 'member', permissions: ['docs:read'], builtIn: true });
    expect((await call(admin, 'GET', `/admin/apps/${app.id}/roles`)).body.roles).toContainEqual(updated.body);

    const deleted = await call(admin, 'DELETE', `/admin/apps/${app.id}/roles/billing`);
    expect(deleted.status).toBe(204);
    const names = (await call(admin, 'GET', `/admin/apps/${app.id}/roles`)).body.roles.map(
      (r: { name: string }) => r.name,
    );
    expect(names).not.toContain('billing');

    const events = await roleEvents(app.id);
    expect(events.map((e) => e.type)).toEqual([
      'role.deleted',
      'role.updated',
      'role.updated',
      'role.created',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        actorId: admin.userId,
        targetId: app.id,
        data: { appId: app.id, via: 'admin_api' },
      });
    }
    expect(events[3]!.data).toMatchObject({ role: 'billing', permissions: 'invoices:*,reports:read' });
    expect(events[0]!.data).toMatchObject({ role: 'billing' });
  });

  it('refuses a taken name (409), bad names and permissions (400), admin’s permissions (400), an unknown role (404) and an unknown app (404)', async () => {
    const app = await newApp();
    const base = `/admin/apps/${app.id}/roles`;
    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', base, { name: 'member' }, 409, 'ROLE_EXISTS'],
      ['POST', base, { name: 'Bad Name' }, 400, 'VALIDATION_ERROR'],
      ['POST', base, { name: 'ok', permissions: ['not a permission'] }, 400, 'VALIDATION_ERROR'],
      ['POST', base, { name: 'ok', permissions: ['a:read', 'a:read'] }, 400, 'VALIDATION_ERROR'],
      ['POST', base, { name: 'ok', extra: true }, 400, 'VALIDATION_ERROR'],
      ['PATCH', `${base}/admin`, { permissions: ['docs:read'] }, 400, 'VALIDATION_ERROR'],
      ['PATCH', `${base}/member`, { name: 'renamed' }, 400, 'VALIDATION_ERROR'],
      ['PATCH', `${base}/nobody`, { description: 'x' }, 404, 'ROLE_NOT_FOUND'],
      ['DELETE', `${base}/nobody`, undefined, 404, 'ROLE_NOT_FOUND'],
      ['GET', `/admin/apps/${UNKNOWN_APP}/roles`, undefined, 404, 'APP_NOT_FOUND'],
      ['POST', `/admin/apps/${UNKNOWN_APP}/roles`, { name: 'x' }, 404, 'APP_NOT_FOUND'],
      ['PATCH', `/admin/apps/${UNKNOWN_APP}/roles/member`, { description: 'x' }, 404, 'APP_NOT_FOUND'],
      ['DELETE', `/admin/apps/${UNKNOWN_APP}/roles/member`, undefined, 404, 'APP_NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const reply = await call(admin, method, path, body);
      expect([method, path, body, reply.status, reply.body.error?.code]).toEqual([
        method,
        path,
        body,
        status,
        code,
      ]);
    }
    const admins = (await call(admin, 'GET', base)).body.roles.find(
      (r: { name: string }) => r.name === 'admin',
    );
    expect(admins.permissions).toEqual(['*']);
    expect(await roleEvents(app.id)).toEqual([]);
  });

  it('DELETE is 409 ROLE_IN_USE while a member holds the role, it is the default, an open invitation gives it, or it is built in', async () => {
    const app = await newApp();
    const base = `/admin/apps/${app.id}/roles`;
    for (const name of ['held', 'fallback', 'invited']) {
      expect((await call(admin, 'POST', base, { name })).status).toBe(201);
    }
    const member = await signUpAt(t, app.id);
    await t.gatehouse.setRoles(member.user.id, app.id, ['held']);
    expect((await call(admin, 'PATCH', `/admin/apps/${app.id}`, { defaultRole: 'fallback' })).status).toBe(
      200,
    );
    await t.gatehouse.createInvitation({ appId: app.id, email: uniqueEmail('invitee'), role: 'invited' });

    for (const name of ['held', 'fallback', 'invited', 'admin', 'member', 'guest']) {
      const reply = await call(admin, 'DELETE', `${base}/${name}`);
      expect([name, reply.status, reply.body.error?.code]).toEqual([name, 409, 'ROLE_IN_USE']);
    }
    const names = (await call(admin, 'GET', base)).body.roles.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['held', 'fallback', 'invited']));
    expect((await roleEvents(app.id)).filter((e) => e.type === 'role.deleted')).toEqual([]);

    // Revoked from its member, the role can go.
    await t.gatehouse.setRoles(member.user.id, app.id, ['member']);
    expect((await call(admin, 'DELETE', `${base}/held`)).status).toBe(204);
  });

  it('the console app’s roles: an admin may change them; an operator with apps:write alone cannot, so they cannot raise their own role', async () => {
    const manager = await signInCustomOperator(t, 'role-manager', ['apps:read', 'apps:write']);
    const base = `/admin/apps/${CONSOLE_APP_ID}/roles`;
    const listed = await call(manager, 'GET', base);
    expect(listed.status).toBe(200);
    expect(listed.body.roles.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['admin', 'support', 'role-manager']),
    );
    const attempts: Array<[string, string, unknown]> = [
      ['PATCH', `${base}/role-manager`, { permissions: ['*'] }],
      ['PATCH', `${base}/support`, { permissions: ['users:delete'] }],
      ['POST', base, { name: 'superuser', permissions: ['*'] }],
      ['DELETE', `${base}/role-manager`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const reply = await call(manager, method, path, body);
      expect([method, path, reply.status, reply.body.error?.code]).toEqual([
        method,
        path,
        403,
        'INSUFFICIENT_PERMISSION',
      ]);
    }
    expect(await t.gatehouse.permissionsOf(manager.userId, CONSOLE_APP_ID)).toEqual([
      'apps:read',
      'apps:write',
    ]);
    expect((await t.gatehouse.listRoles(CONSOLE_APP_ID)).map((r) => r.name)).not.toContain('superuser');

    const made = await call(admin, 'POST', base, { name: 'auditor', permissions: ['audit:read'] });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const changed = await call(admin, 'PATCH', `${base}/auditor`, {
      permissions: ['audit:read', 'stats:read'],
    });
    expect(changed.status).toBe(200);
    expect((await call(admin, 'DELETE', `${base}/auditor`)).status).toBe(204);
    const events = await roleEvents(CONSOLE_APP_ID);
    expect(events.slice(0, 3).map((e) => [e.type, e.actorId])).toEqual([
      ['role.deleted', admin.userId],
      ['role.updated', admin.userId],
      ['role.created', admin.userId],
    ]);
  });

  describe('a tenant admin', () => {
    it('AZ-04: manages their own app’s roles; every other app’s, the console’s included, is 404 APP_NOT_FOUND', async () => {
      const own = await newApp();
      const other = await newApp();
      const tenant = await signInTenantAdmin(t, own.id);
      const base = `/admin/apps/${own.id}/roles`;
      expect((await call(tenant, 'GET', base)).status).toBe(200);
      expect((await call(tenant, 'POST', base, { name: 'editor', permissions: ['docs:*'] })).status).toBe(
        201,
      );
      expect((await call(tenant, 'PATCH', `${base}/editor`, { description: 'Edits' })).status).toBe(200);
      expect((await call(tenant, 'DELETE', `${base}/editor`)).status).toBe(204);
      const events = await roleEvents(own.id);
      expect(events).toHaveLength(3);
      for (const event of events) expect(event).toMatchObject({ actorId: tenant.userId, targetId: own.id });

      for (const id of [other.id, CONSOLE_APP_ID, UNKNOWN_APP]) {
        const before = id === UNKNOWN_APP ? [] : await t.gatehouse.listRoles(id);
        const replies = [
          await call(tenant, 'GET', `/admin/apps/${id}/roles`),
          await call(tenant, 'POST', `/admin/apps/${id}/roles`, { name: 'intruder', permissions: ['*'] }),
          await call(tenant, 'PATCH', `/admin/apps/${id}/roles/member`, { permissions: ['*'] }),
          await call(tenant, 'PATCH', `/admin/apps/${id}/roles/support`, { permissions: ['*'] }),
          await call(tenant, 'DELETE', `/admin/apps/${id}/roles/member`),
        ];
        for (const reply of replies) {
          expect([id, reply.status, reply.body.error?.code]).toEqual([id, 404, 'APP_NOT_FOUND']);
        }
        if (id !== UNKNOWN_APP) expect(await t.gatehouse.listRoles(id)).toEqual(before);
      }
    });
  });
});
