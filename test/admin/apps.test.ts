/**
 * The admin API's apps over HTTP, on SQLite and PostgreSQL: create (the secret in that answer
 * only, never in an event), list, read, change — plans validated, a removed plan leaves its
 * members where they are, disabling ends every session at the app — rotate the secret, list
 * members page by page. The default app and the console app cannot be disabled, and the console
 * app stays invite-only and is changed only by an operator holding every permission. A tenant
 * admin reaches their own app and nothing else (AZ-04: 404, as for an unknown app). Every change
 * is in the audit log with the operator as `actorId` and the app as `targetId`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';
import { auditOf, signInCustomOperator, signInTenantAdmin, signUpAt } from './apps-setup.js';

const UNKNOWN_APP = 'app_0190f2a81b3c7abc8123456789abcdef';

describe.each(storeKinds)('admin API: apps (%s)', (kind) => {
  let t: TestGatehouse;
  let admin: SignedInOperator;
  let n = 0;
  const as = (operator: { accessToken: string }) => ({
    get: (path: string) => t.request('GET', `/auth${path}`, { token: operator.accessToken }),
    post: (path: string, body?: unknown) =>
      t.request('POST', `/auth${path}`, { token: operator.accessToken, ...(body ? { body } : {}) }),
    patch: (path: string, body: unknown) =>
      t.request('PATCH', `/auth${path}`, { token: operator.accessToken, body }),
  });
  /** A new app made over the admin API; its audience is unique per test. */
  async function newApp(fields: Record<string, unknown> = {}) {
    const reply = await as(admin).post('/admin/apps', {
      name: `App ${++n}`,
      audience: `https://api.example/${kind}/${n}`,
      ...fields,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as { app: { id: string; [key: string]: unknown }; secret: string };
  }

  beforeAll(async () => {
    t = await openGatehouse(kind);
    admin = await signInOperator(t);
  });
  afterAll(() => t.close());

  it('POST /admin/apps registers an app: the secret is in that answer only, and the event names the operator and the app, never the secret', async () => {
    const reply = await as(admin).post('/admin/apps', {
      name: 'Billing',
      signInMethods: ['password', 'passkey'],
      redirectUrls: ['https://billing.example/done'],
      corsOrigins: ['https://billing.example'],
      audience: `https://billing.example/${kind}`,
      signUp: 'invite_only',
      plans: [
        { name: 'basic', paid: false },
        { name: 'team', paid: true },
      ],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const { app, secret } = reply.body;
    expect(secret).toEqual(expect.any(String));
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(app).toMatchObject({
      name: 'Billing',
      status: 'active',
      isDefault: false,
      signInMethods: ['password', 'passkey'],
      redirectUrls: ['https://billing.example/done'],
      corsOrigins: ['https://billing.example'],
      audience: `https://billing.example/${kind}`,
      defaultRole: 'member',
      defaultPlan: 'basic',
      signUp: 'invite_only',
      hasSecret: true,
    });
    const read = await as(admin).get(`/admin/apps/${app.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(app);
    expect(JSON.stringify(read.body)).not.toContain(secret);

    const events = await auditOf(t, app.id);
    expect(events.map((e) => e.type)).toEqual(['app.created']);
    expect(events[0]).toMatchObject({
      actorId: admin.userId,
      targetId: app.id,
      outcome: 'success',
      data: { appId: app.id, name: 'Billing', via: 'admin_api' },
    });
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('POST /admin/apps refuses bad fields (400 VALIDATION_ERROR naming them), unknown fields, and a taken audience (409)', async () => {
    const missing = await as(admin).post('/admin/apps', { signUp: 'open' });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toContain('name');

    const bad = await as(admin).post('/admin/apps', {
      name: 'Bad',
      corsOrigins: ['https://ok.example/with/path'],
      signInMethods: ['carrier-pigeon'],
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths.some((p: string) => p.startsWith('corsOrigins'))).toBe(true);
    expect(paths.some((p: string) => p.startsWith('signInMethods'))).toBe(true);

    const unknown = await as(admin).post('/admin/apps', { name: 'X', secret: 'mine' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);

    const badDefault = await as(admin).post('/admin/apps', { name: 'X', defaultPlan: 'platinum' });
    expect([badDefault.status, badDefault.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);

    const { app } = await newApp();
    const taken = await as(admin).post('/admin/apps', { name: 'Twin', audience: app.audience });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'AUDIENCE_TAKEN']);
    const before = (await as(admin).get('/admin/apps')).body.apps.length;
    expect(before).toBe((await t.gatehouse.listApps()).length);
  });

  it('GET /admin/apps lists every app, the default and console apps included', async () => {
    const { app } = await newApp();
    const reply = await as(admin).get('/admin/apps');
    expect(reply.status).toBe(200);
    const ids = reply.body.apps.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([DEFAULT_APP_ID, CONSOLE_APP_ID, app.id]));
    expect(reply.body.apps.find((a: { id: string }) => a.id === DEFAULT_APP_ID).isDefault).toBe(true);
    expect(JSON.stringify(reply.body)).not.toMatch(/secretHash|"secret"/);
  });

  it('GET /admin/apps/:appId is 404 APP_NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of [UNKNOWN_APP, 'not-an-id', 'usr_0190f2a81b3c7abc8123456789abcdef']) {
      const reply = await as(admin).get(`/admin/apps/${id}`);
      expect([id, reply.status, reply.body.error.code]).toEqual([id, 404, 'APP_NOT_FOUND']);
    }
  });

  it('PATCH /admin/apps/:appId changes only the fields given, and the event lists them', async () => {
    const { app } = await newApp();
    await t.gatehouse.createRole(app.id, { name: 'editor' });
    const reply = await as(admin).patch(`/admin/apps/${app.id}`, {
      name: 'Renamed',
      signInMethods: ['magic_link'],
      redirectUrls: ['https://renamed.example/back'],
      corsOrigins: ['https://renamed.example'],
      audience: `https://renamed.example/${kind}`,
      defaultRole: 'editor',
      defaultPlan: 'pro',
      signUp: 'invite_only',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      id: app.id,
      name: 'Renamed',
      signInMethods: ['magic_link'],
      redirectUrls: ['https://renamed.example/back'],
      corsOrigins: ['https://renamed.example'],
      audience: `https://renamed.example/${kind}`,
      defaultRole: 'editor',
      defaultPlan: 'pro',
      signUp: 'invite_only',
      status: 'active',
      plans: app.plans,
    });
    expect((await as(admin).get(`/admin/apps/${app.id}`)).body).toEqual(reply.body);
    const [event] = await auditOf(t, app.id);
    expect(event).toMatchObject({
      type: 'app.updated',
      actorId: admin.userId,
      targetId: app.id,
      data: {
        appId: app.id,
        fields: 'audience,corsOrigins,defaultPlan,defaultRole,name,redirectUrls,signInMethods,signUp',
        via: 'admin_api',
      },
    });

    const same = await as(admin).patch(`/admin/apps/${app.id}`, { name: 'Renamed' });
    expect(same.status).toBe(200);
    expect((await auditOf(t, app.id)).filter((e) => e.type === 'app.updated')).toHaveLength(1);
  });

  it('PATCH /admin/apps/:appId refuses bad fields, a role or plan the app lacks, a taken audience, and an unknown app', async () => {
    const { app } = await newApp();
    const other = await newApp();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ corsOrigins: ['not an origin'] }, 400, 'VALIDATION_ERROR'],
      [{ redirectUrls: ['https://x.example/#frag'] }, 400, 'VALIDATION_ERROR'],
      [{ status: 'deleted' }, 400, 'VALIDATION_ERROR'],
      [{ signUp: 'sometimes' }, 400, 'VALIDATION_ERROR'],
      [{ defaultRole: 'nobody' }, 400, 'VALIDATION_ERROR'],
      [{ defaultPlan: 'platinum' }, 400, 'VALIDATION_ERROR'],
      [{ secretHash: 'x' }, 400, 'VALIDATION_ERROR'],
      [{ audience: null }, 400, 'VALIDATION_ERROR'],
      [{ audience: other.app.audience }, 409, 'AUDIENCE_TAKEN'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await as(admin).patch(`/admin/apps/${app.id}`, body);
      expect([body, reply.status, reply.body.error?.code]).toEqual([body, status, code]);
    }
    expect(await auditOf(t, app.id)).toHaveLength(1);
    const unknown = await as(admin).patch(`/admin/apps/${UNKNOWN_APP}`, { name: 'Ghost' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APP_NOT_FOUND']);
  });

  it('plans: at least one, names unique, the default plan among them', async () => {
    const { app } = await newApp();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ plans: [] }, 'plans'],
      [
        {
          plans: [
            { name: 'free', paid: false },
            { name: 'free', paid: true },
          ],
        },
        'plans',
      ],
      [{ plans: [{ name: 'gold', paid: true }] }, 'defaultPlan'],
      [{ plans: [{ name: 'Free Tier', paid: false }] }, 'plans'],
      [{ plans: [{ name: 'free' }] }, 'plans'],
    ];
    for (const [body, path] of cases) {
      const reply = await as(admin).patch(`/admin/apps/${app.id}`, body);
      expect([body, reply.status, reply.body.error?.code]).toEqual([body, 400, 'VALIDATION_ERROR']);
      const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
      expect([body, paths.some((p: string) => p.startsWith(path))]).toEqual([body, true]);
    }
    const both = await as(admin).patch(`/admin/apps/${app.id}`, {
      plans: [
        { name: 'starter', paid: false },
        { name: 'scale', paid: true },
      ],
      defaultPlan: 'starter',
    });
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    expect(both.body).toMatchObject({
      defaultPlan: 'starter',
      plans: [{ name: 'starter' }, { name: 'scale' }],
    });
  });

  it('removing a plan members hold is allowed: they keep its name until moved, and the member list shows it', async () => {
    const { app } = await newApp({
      plans: [
        { name: 'free', paid: false },
        { name: 'basic', paid: false },
        { name: 'pro', paid: true },
      ],
    });
    const member = await signUpAt(t, app.id);
    await t.gatehouse.setPlan(member.user.id, app.id, 'basic');
    const reply = await as(admin).patch(`/admin/apps/${app.id}`, {
      plans: [
        { name: 'free', paid: false },
        { name: 'pro', paid: true },
      ],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.plans.map((p: { name: string }) => p.name)).toEqual(['free', 'pro']);
    const members = await as(admin).get(`/admin/apps/${app.id}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ userId: member.user.id, plan: 'basic' })]);
    // Moving them is a membership change, and only to a plan the app has.
    await expect(t.gatehouse.setPlan(member.user.id, app.id, 'basic')).rejects.toMatchObject({
      code: 'PLAN_NOT_FOUND',
    });
    await t.gatehouse.setPlan(member.user.id, app.id, 'free');
  });

  it('disabling an app ends every session at it and refuses sign-in there; enabling it again lets people back in', async () => {
    const { app } = await newApp();
    const email = uniqueEmail('member');
    const member = await signUpAt(t, app.id, email);
    const elsewhere = await signUpAt(t, DEFAULT_APP_ID, uniqueEmail('elsewhere'));
    const off = await as(admin).patch(`/admin/apps/${app.id}`, { status: 'disabled' });
    expect([off.status, off.body.status]).toEqual([200, 'disabled']);

    const session = await t.request('GET', '/auth/session', {
      token: member.accessToken,
      headers: { 'gatehouse-app': app.id },
    });
    expect(session.status).toBe(401);
    const refresh = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: member.refreshToken },
    });
    expect(refresh.status).toBe(401);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'gatehouse-app': app.id },
    });
    expect([signIn.status, signIn.body.error.code]).toEqual([403, 'APP_INACTIVE']);
    // Sessions at other apps go on.
    expect((await t.request('GET', '/auth/session', { token: elsewhere.accessToken })).status).toBe(200);

    const [event] = await auditOf(t, app.id);
    expect(event).toMatchObject({
      type: 'app.updated',
      actorId: admin.userId,
      targetId: app.id,
      data: { fields: 'status', sessionsEnded: 1, via: 'admin_api' },
    });

    const on = await as(admin).patch(`/admin/apps/${app.id}`, { status: 'active' });
    expect([on.status, on.body.status]).toEqual([200, 'active']);
    const again = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: { 'gatehouse-app': app.id },
    });
    expect(again.status).toBe(200);
  });

  it('the default app cannot be disabled (400 VALIDATION_ERROR on status), and nothing is recorded', async () => {
    const reply = await as(admin).patch(`/admin/apps/${DEFAULT_APP_ID}`, { status: 'disabled' });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(reply.body.error.issues).toEqual([
      { path: 'status', message: expect.stringContaining('default app') },
    ]);
    expect((await t.gatehouse.getApp(DEFAULT_APP_ID)).status).toBe('active');
    expect(await auditOf(t, DEFAULT_APP_ID)).toEqual([]);
  });

  it('the console app cannot be disabled, nor opened to sign-up, even by an admin; the operators’ sessions go on', async () => {
    const disable = await as(admin).patch(`/admin/apps/${CONSOLE_APP_ID}`, { status: 'disabled' });
    expect([disable.status, disable.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(disable.body.error.issues).toEqual([
      { path: 'status', message: expect.stringContaining('console app') },
    ]);
    const open = await as(admin).patch(`/admin/apps/${CONSOLE_APP_ID}`, { signUp: 'open' });
    expect([open.status, open.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(open.body.error.issues).toEqual([
      { path: 'signUp', message: expect.stringContaining('console app') },
    ]);
    // Embedding code and the CLI are held to the same rule.
    await expect(t.gatehouse.updateApp(CONSOLE_APP_ID, { status: 'disabled' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect(await t.gatehouse.getApp(CONSOLE_APP_ID)).toMatchObject({
      status: 'active',
      signUp: 'invite_only',
    });
    expect((await as(admin).get('/admin/me')).status).toBe(200);

    const renamed = await as(admin).patch(`/admin/apps/${CONSOLE_APP_ID}`, { name: 'Operations console' });
    expect([renamed.status, renamed.body.name]).toEqual([200, 'Operations console']);
    expect((await auditOf(t, CONSOLE_APP_ID))[0]).toMatchObject({
      type: 'app.updated',
      actorId: admin.userId,
      data: { fields: 'name' },
    });
  });

  it('an operator with apps:write but not every permission cannot change the console app (403), only other apps', async () => {
    const manager = await signInCustomOperator(t, 'app-manager', ['apps:read', 'apps:write']);
    const { app } = await newApp();
    const before = await t.gatehouse.getApp(CONSOLE_APP_ID);
    for (const body of [{ defaultRole: 'admin' }, { name: 'Mine now' }]) {
      const reply = await as(manager).patch(`/admin/apps/${CONSOLE_APP_ID}`, body);
      expect([body, reply.status, reply.body.error?.code]).toEqual([body, 403, 'INSUFFICIENT_PERMISSION']);
    }
    expect(await t.gatehouse.getApp(CONSOLE_APP_ID)).toEqual(before);
    expect((await as(manager).get(`/admin/apps/${CONSOLE_APP_ID}`)).status).toBe(200);
    const ok = await as(manager).patch(`/admin/apps/${app.id}`, { name: 'Managed' });
    expect(ok.status).toBe(200);
    expect((await auditOf(t, app.id))[0]).toMatchObject({ actorId: manager.userId, targetId: app.id });
  });

  it('POST /admin/apps/:appId/rotate-secret: a new secret in that answer only; the event names the app and holds no secret', async () => {
    const { app, secret } = await newApp();
    const reply = await as(admin).post(`/admin/apps/${app.id}/rotate-secret`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.secret).toEqual(expect.any(String));
    expect(reply.body.secret).not.toBe(secret);
    expect(reply.body.app).toMatchObject({ id: app.id, hasSecret: true });
    const stored = await t.store.apps.find(app.id as never);
    expect(stored?.secretHash).not.toBe(null);
    expect(JSON.stringify(stored)).not.toContain(reply.body.secret);
    const [event] = await auditOf(t, app.id);
    expect(event).toMatchObject({
      type: 'app.updated',
      actorId: admin.userId,
      targetId: app.id,
      data: { fields: 'secret', via: 'admin_api' },
    });
    expect(JSON.stringify(event)).not.toContain(reply.body.secret);

    const unknown = await as(admin).post(`/admin/apps/${UNKNOWN_APP}/rotate-secret`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APP_NOT_FOUND']);
  });

  it('GET /admin/apps/:appId/members pages by user id with limit and nextCursor; a bad query is 400', async () => {
    const { app } = await newApp();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await signUpAt(t, app.id)).user.id);
    ids.sort();
    const first = await as(admin).get(`/admin/apps/${app.id}/members?limit=2`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.items.map((m: { userId: string }) => m.userId)).toEqual(ids.slice(0, 2));
    expect(first.body.items[0]).toMatchObject({
      appId: app.id,
      roles: ['member'],
      plan: 'free',
      permissions: [],
    });
    expect(first.body.nextCursor).toBe(ids[1]);
    const second = await as(admin).get(
      `/admin/apps/${app.id}/members?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((m: { userId: string }) => m.userId)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBe(null);

    for (const query of ['limit=0', 'limit=201', 'limit=two', 'cursor=nope']) {
      const reply = await as(admin).get(`/admin/apps/${app.id}/members?${query}`);
      expect([query, reply.status, reply.body.error?.code]).toEqual([query, 400, 'VALIDATION_ERROR']);
    }
    const unknown = await as(admin).get(`/admin/apps/${UNKNOWN_APP}/members`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APP_NOT_FOUND']);
  });

  describe('a tenant admin (an app’s own admin)', () => {
    let own: { id: string };
    let other: { id: string };
    let tenant: Awaited<ReturnType<typeof signInTenantAdmin>>;

    beforeAll(async () => {
      own = (await newApp()).app;
      other = (await newApp()).app;
      tenant = await signInTenantAdmin(t, own.id);
    });

    it('lists, reads and changes their own app, audited with them as the actor', async () => {
      const list = await as(tenant).get('/admin/apps');
      expect(list.status).toBe(200);
      expect(list.body.apps.map((a: { id: string }) => a.id)).toEqual([own.id]);
      expect((await as(tenant).get(`/admin/apps/${own.id}`)).body.id).toBe(own.id);
      const members = await as(tenant).get(`/admin/apps/${own.id}/members`);
      expect(members.body.items.map((m: { userId: string }) => m.userId)).toEqual([tenant.userId]);

      const changed = await as(tenant).patch(`/admin/apps/${own.id}`, {
        name: 'Our app',
        plans: [
          { name: 'free', paid: false },
          { name: 'plus', paid: true },
        ],
      });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect((await auditOf(t, own.id))[0]).toMatchObject({
        type: 'app.updated',
        actorId: tenant.userId,
        targetId: own.id,
        data: { fields: 'name,plans', via: 'admin_api' },
      });
    });

    it('AZ-04: another app, the console app, the default app and an unknown one all answer 404 APP_NOT_FOUND, changing nothing', async () => {
      for (const id of [other.id, CONSOLE_APP_ID, DEFAULT_APP_ID, UNKNOWN_APP]) {
        const before = await t.gatehouse.listApps();
        const replies = [
          await as(tenant).get(`/admin/apps/${id}`),
          await as(tenant).patch(`/admin/apps/${id}`, { name: 'Taken over' }),
          await as(tenant).patch(`/admin/apps/${id}`, { status: 'disabled' }),
          await as(tenant).get(`/admin/apps/${id}/members`),
        ];
        for (const reply of replies) {
          expect([id, reply.status, reply.body.error?.code]).toEqual([id, 404, 'APP_NOT_FOUND']);
        }
        expect(await t.gatehouse.listApps()).toEqual(before);
      }
    });

    it('cannot set their app’s CORS origins, redirect URLs or audience, which every app trusts (403, nothing changed)', async () => {
      const before = await t.gatehouse.getApp(own.id);
      for (const patch of [
        { corsOrigins: ['https://evil.example'] },
        { redirectUrls: ['https://evil.example/cb'] },
        { audience: 'https://api.elsewhere.example' },
      ]) {
        const reply = await as(tenant).patch(`/admin/apps/${own.id}`, patch);
        expect([reply.status, reply.body.error?.code]).toEqual([403, 'INSUFFICIENT_PERMISSION']);
      }
      expect(await t.gatehouse.getApp(own.id)).toEqual(before);
    });

    it('cannot create apps or rotate any secret, their own included (403 INSUFFICIENT_PERMISSION)', async () => {
      const create = await as(tenant).post('/admin/apps', { name: 'Side project' });
      expect([create.status, create.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSION']);
      const rotate = await as(tenant).post(`/admin/apps/${own.id}/rotate-secret`);
      expect([rotate.status, rotate.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSION']);
    });

    it('a tenant admin who disables their own app loses the admin API with it', async () => {
      const app = (await newApp()).app;
      const mine = await signInTenantAdmin(t, app.id);
      const off = await as(mine).patch(`/admin/apps/${app.id}`, { status: 'disabled' });
      expect(off.status).toBe(200);
      expect([401, 403]).toContain((await as(mine).get(`/admin/apps/${app.id}`)).status);
      expect((await t.gatehouse.getApp(app.id)).status).toBe('disabled');
    });
  });
});
