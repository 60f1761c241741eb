/**
 * A user's memberships through the admin API, over HTTP on SQLite and PostgreSQL: listing them,
 * setting roles, plan and permissions (making the membership when absent, with the refusals of
 * the membership operations and nothing half done), ending the member's sessions with the change,
 * removing them; an app's own admin reaching their app and its members only (AZ-04: 404 beyond);
 * the console's memberships changed only by an operator holding every permission; and the last
 * active console admin kept, also when two admins demote each other at the same moment.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/core/apps.js';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import type { EventType } from '../../src/core/events.js';
import type { UserId } from '../../src/core/ids.js';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import type { AuditRecord } from '../../src/store/ports/audit-store.js';
import { seedApp } from '../support/apps.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { consoleSession, type SignedInOperator, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const UNKNOWN_USER = 'usr_0190f2a81b3c7abc8123456789abcdef';
const UNKNOWN_APP = 'app_0190f2a81b3c7abc8123456789abcdef';

/** The error code of a refused call of the instance's methods. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'resolved';
}

/**
 * An app's own admin (its built-in `admin` role), with an authenticator app, signed in over HTTP
 * at that app (`Gatehouse-App`) with a second factor, as the admin API needs by default.
 */
async function signInTenantAdmin(t: TestGatehouse, appId: string) {
  const email = uniqueEmail('tenant-admin');
  const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
  const secret = base32Decode((await t.gatehouse.enrollTotp(up.accessToken)).secret);
  const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
  await t.gatehouse.activateTotp(up.accessToken, code());
  await t.gatehouse.addMember(up.user.id, appId, { role: 'admin' });
  const headers = { 'gatehouse-app': appId };
  const first = await t.request('POST', '/auth/sign-in/email', {
    headers,
    body: { email, password: PASSWORD },
  });
  expect(first.body.mfaRequired).toBe(true);
  t.clock.advance(30_000);
  const done = await t.request('POST', '/auth/mfa/verify', {
    headers,
    body: { mfaToken: first.body.mfaToken, method: 'totp', code: code() },
  });
  expect(done.status).toBe(200);
  return { userId: up.user.id as string, accessToken: done.body.accessToken as string };
}

describe.each(storeKinds)('a user’s apps through the admin API (%s)', (kind) => {
  let t: TestGatehouse;
  let admin: SignedInOperator;
  let app: App;
  beforeAll(async () => {
    t = await openGatehouse(kind);
    admin = await signInOperator(t);
    app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'editor', permissions: ['posts:write'] });
  });
  afterAll(() => t.close());

  const call = (token: string, method: string, path: string, body?: unknown) =>
    t.request(method, `/auth/admin/users/${path}`, { token, ...(body === undefined ? {} : { body }) });
  const asAdmin = (method: string, path: string, body?: unknown) =>
    call(admin.accessToken, method, path, body);
  const audited = (actorId: string, userId: string, type: EventType): Promise<AuditRecord[]> =>
    t.store.audit.list({ actorId, targetId: userId, type, order: 'oldest', limit: 100 });
  /** A session at `appId` (its access token works there only). */
  const signInAt = async (email: string, appId: string) =>
    signedIn(await t.gatehouse.signIn({ email, password: PASSWORD }, { app: appId })).accessToken;
  const sessionAt = (accessToken: string, appId: string) =>
    t.request('GET', '/auth/session', { token: accessToken, headers: { 'gatehouse-app': appId } });

  it('lists the apps a user is a member of, with roles, plan, permissions and the app’s name', async () => {
    const user = await t.signUp();
    await t.gatehouse.addMember(user.user.id, app.id, { role: 'editor' });
    const reply = await asAdmin('GET', `${user.user.id}/apps`);
    expect(reply.status).toBe(200);
    expect(reply.body.apps.map((a: { appId: string }) => a.appId)).toEqual([DEFAULT_APP_ID, app.id]);
    expect(reply.body.apps[1]).toEqual({
      appId: app.id,
      userId: user.user.id,
      appName: app.name,
      appStatus: 'active',
      roles: ['editor'],
      plan: 'free',
      permissions: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const unknown = await asAdmin('GET', `${UNKNOWN_USER}/apps`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('makes a non-member a member and sets roles and permissions (201), then changes them (200); each audited', async () => {
    const user = await t.signUp();
    const made = await asAdmin('PATCH', `${user.user.id}/apps/${app.id}`, {
      roles: ['editor', 'member'],
      permissions: ['reports:read'],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      created: true,
      membership: { appId: app.id, userId: user.user.id, roles: ['editor', 'member'], plan: 'free' },
    });
    expect(made.body.membership.permissions).toEqual(['reports:read']);
    expect(await t.gatehouse.permissionsOf(user.user.id, app.id)).toEqual(
      expect.arrayContaining(['posts:write', 'reports:read']),
    );

    const changed = await asAdmin('PATCH', `${user.user.id}/apps/${app.id}`, { roles: ['member'] });
    expect([changed.status, changed.body.created, changed.body.membership.roles]).toEqual([
      200,
      false,
      ['member'],
    ]);

    for (const type of ['membership.created', 'membership.permissions_changed'] as const) {
      const [record] = await audited(admin.userId, user.user.id, type);
      expect([type, record?.targetId, record?.data.appId, record?.data.via]).toEqual([
        type,
        user.user.id,
        app.id,
        'admin_api',
      ]);
    }
    const roles = await audited(admin.userId, user.user.id, 'membership.roles_changed');
    expect(roles.map((r) => [r.actorId, r.targetId, r.data.from, r.data.to])).toEqual([
      [admin.userId, user.user.id, 'editor', 'editor,member'],
      [admin.userId, user.user.id, 'editor,member', 'member'],
    ]);
  });

  it('refuses with the membership operations’ codes and changes nothing', async () => {
    const user = await t.signUp();
    const at = (appId: string, body: unknown, userId = user.user.id) =>
      asAdmin('PATCH', `${userId}/apps/${appId}`, body);
    const refusals: Array<[unknown, number, string, string?]> = [
      [{ roles: ['nope'] }, 404, 'ROLE_NOT_FOUND'],
      [{ roles: ['editor'], plan: 'platinum' }, 404, 'PLAN_NOT_FOUND'],
      [{ roles: ['editor'], plan: 'pro' }, 422, 'EMAIL_REQUIRED_FOR_PAID'],
      [{ roles: 'editor' }, 400, 'VALIDATION_ERROR'],
      [{ role: 'editor' }, 400, 'VALIDATION_ERROR'],
      [{ permissions: ['not a permission'] }, 400, 'VALIDATION_ERROR'],
      [{ roles: ['editor'] }, 404, 'APP_NOT_FOUND', UNKNOWN_APP],
      [{ roles: ['editor'] }, 404, 'APP_NOT_FOUND', 'not-an-app'],
    ];
    for (const [body, status, code, appId] of refusals) {
      const reply = await at(appId ?? app.id, body);
      expect([body, reply.status, reply.body.error.code]).toEqual([body, status, code]);
    }
    expect(await t.store.memberships.find(app.id, user.user.id)).toBeNull();
    const unknown = await at(app.id, { roles: ['editor'] }, UNKNOWN_USER);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);

    // A verified address may have a paid plan.
    await t.gatehouse.updateUser(user.user.id, { emailVerified: true });
    const paid = await at(app.id, { plan: 'pro' });
    expect([paid.status, paid.body.membership.plan]).toEqual([201, 'pro']);
    // Made with the plan at once: one `membership.created`, no change after it.
    const [record] = await audited(admin.userId, user.user.id, 'membership.created');
    expect(record?.data).toMatchObject({ appId: app.id, plan: 'pro', via: 'admin_api' });
    expect(await audited(admin.userId, user.user.id, 'membership.plan_changed')).toEqual([]);
    const enterprise = await at(app.id, { plan: 'enterprise' });
    expect([enterprise.status, enterprise.body.membership.plan]).toEqual([200, 'enterprise']);
    const [moved] = await audited(admin.userId, user.user.id, 'membership.plan_changed');
    expect(moved?.data).toMatchObject({ from: 'pro', to: 'enterprise', paid: true, via: 'admin_api' });
  });

  it('endSessions ends the member’s sessions at the app with the change; sessions elsewhere go on', async () => {
    const email = uniqueEmail('member');
    const user = await t.signUp(email);
    await t.gatehouse.addMember(user.user.id, app.id, { role: 'editor' });
    const atApp = await signInAt(email, app.id);
    expect((await sessionAt(atApp, app.id)).status).toBe(200);

    const reply = await asAdmin('PATCH', `${user.user.id}/apps/${app.id}`, {
      roles: ['member'],
      endSessions: true,
    });
    expect(reply.status).toBe(200);
    expect((await sessionAt(atApp, app.id)).status).toBe(401);
    expect((await sessionAt(user.accessToken, DEFAULT_APP_ID)).status).toBe(200);
    const [record] = await audited(admin.userId, user.user.id, 'membership.roles_changed');
    expect(record?.data).toMatchObject({ sessionsEnded: 1 });

    // With nothing else to change, the sessions still end.
    const again = await signInAt(email, app.id);
    expect((await asAdmin('PATCH', `${user.user.id}/apps/${app.id}`, { endSessions: true })).status).toBe(
      200,
    );
    expect((await sessionAt(again, app.id)).status).toBe(401);
  });

  it('removes a user from an app: their sessions there end at once; a second removal is 404', async () => {
    const email = uniqueEmail('leaving');
    const user = await t.signUp(email);
    await t.gatehouse.addMember(user.user.id, app.id);
    const atApp = await signInAt(email, app.id);
    const removed = await asAdmin('DELETE', `${user.user.id}/apps/${app.id}`);
    expect(removed.status).toBe(204);
    expect(await t.store.memberships.find(app.id, user.user.id)).toBeNull();
    expect((await sessionAt(atApp, app.id)).status).toBe(401);
    expect((await sessionAt(user.accessToken, DEFAULT_APP_ID)).status).toBe(200);
    const again = await asAdmin('DELETE', `${user.user.id}/apps/${app.id}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'MEMBERSHIP_NOT_FOUND']);
    const [record] = await audited(admin.userId, user.user.id, 'membership.removed');
    expect(record).toMatchObject({ actorId: admin.userId, targetId: user.user.id, data: { appId: app.id } });
  });

  it('AZ-04: an app’s admin reaches their own app and its members only; other apps and users are 404', async () => {
    const tenant = await signInTenantAdmin(t, app.id);
    const other = await seedApp(t.store);
    const memberEmail = uniqueEmail('their-member');
    const member = await t.signUp(memberEmail);
    await t.gatehouse.addMember(member.user.id, app.id);
    await t.gatehouse.addMember(member.user.id, other.id);
    const memberAtApp = await signInAt(memberEmail, app.id);
    const outsider = await t.signUp();
    const as = (method: string, path: string, body?: unknown) => call(tenant.accessToken, method, path, body);

    const apps = await as('GET', `${member.user.id}/apps`);
    expect(apps.body.apps.map((a: { appId: string }) => a.appId)).toEqual([app.id]);
    const sessions = await as('GET', `${member.user.id}/sessions`);
    expect(sessions.body.sessions.map((s: { appId: string }) => s.appId)).toEqual([app.id]);
    const changed = await as('PATCH', `${member.user.id}/apps/${app.id}`, { roles: ['editor'] });
    expect([changed.status, changed.body.membership.roles]).toEqual([200, ['editor']]);
    const [record] = await audited(tenant.userId, member.user.id, 'membership.roles_changed');
    expect(record).toMatchObject({
      actorId: tenant.userId,
      targetId: member.user.id,
      data: { via: 'admin_api' },
    });

    const beyond: Array<[string, string, unknown, string]> = [
      ['GET', `${outsider.user.id}/apps`, undefined, 'NOT_FOUND'],
      ['GET', `${outsider.user.id}/sessions`, undefined, 'NOT_FOUND'],
      ['PATCH', `${outsider.user.id}/apps/${app.id}`, { roles: ['member'] }, 'NOT_FOUND'],
      ['DELETE', `${outsider.user.id}/apps/${app.id}`, undefined, 'NOT_FOUND'],
      ['PATCH', `${member.user.id}/apps/${other.id}`, { roles: ['member'] }, 'APP_NOT_FOUND'],
      ['DELETE', `${member.user.id}/apps/${other.id}`, undefined, 'APP_NOT_FOUND'],
      ['DELETE', `${member.user.id}/apps/${DEFAULT_APP_ID}`, undefined, 'APP_NOT_FOUND'],
      ['PATCH', `${tenant.userId}/apps/${CONSOLE_APP_ID}`, { roles: ['admin'] }, 'APP_NOT_FOUND'],
    ];
    for (const [method, path, body, code] of beyond) {
      const reply = await as(method, path, body);
      expect([method, path, reply.status, reply.body.error.code]).toEqual([method, path, 404, code]);
    }
    expect(await t.store.memberships.find(app.id, outsider.user.id)).toBeNull();
    expect((await t.store.memberships.find(other.id, member.user.id))?.roles).toEqual(['member']);
    expect(await t.store.memberships.find(CONSOLE_APP_ID, tenant.userId as UserId)).toBeNull();

    // Whole-account routes are the console's.
    for (const [method, path] of [
      ['POST', `${member.user.id}/reset-mfa`],
      ['POST', `${member.user.id}/send-password-reset`],
      ['GET', `${member.user.id}/tokens`],
      ['DELETE', `${member.user.id}/tokens`],
    ] as const) {
      const reply = await as(method, path);
      expect([method, path, reply.status, reply.body.error.code]).toEqual([
        method,
        path,
        403,
        'INSUFFICIENT_PERMISSION',
      ]);
    }

    // Ending sessions is `sessions:revoke`: at their app only.
    const end = await as('DELETE', `${member.user.id}/sessions`);
    expect([end.status, end.body]).toEqual([200, { ended: 1 }]);
    expect((await sessionAt(memberAtApp, app.id)).status).toBe(401);
    expect((await sessionAt(member.accessToken, DEFAULT_APP_ID)).status).toBe(200);

    expect((await as('DELETE', `${member.user.id}/apps/${app.id}`)).status).toBe(204);
    // No longer their member: out of reach.
    expect((await as('GET', `${member.user.id}/apps`)).status).toBe(404);
  });

  it('ends sessions at the tenant admin’s app only, through the operation with their scope', async () => {
    const email = uniqueEmail('scoped');
    const user = await t.signUp(email);
    await t.gatehouse.addMember(user.user.id, app.id);
    const atApp = await signInAt(email, app.id);
    const atAppToo = await signInAt(email, app.id);
    const scope = { appId: app.id };
    const listed = await t.gatehouse.listUserSessions(user.user.id, scope);
    expect(listed.map((s) => s.appId)).toEqual([app.id, app.id]);

    const elsewhere = await t.signUp();
    const appSession = (await t.gatehouse.getSession(atApp)).session.id;
    expect(await codeOf(t.gatehouse.endUserSession(user.user.id, user.session.id, scope))).toBe('NOT_FOUND');
    expect(await codeOf(t.gatehouse.endUserSession(elsewhere.user.id, elsewhere.session.id, scope))).toBe(
      'NOT_FOUND',
    );
    await t.gatehouse.endUserSession(user.user.id, appSession, scope);
    expect((await sessionAt(atApp, app.id)).status).toBe(401);

    expect(await t.gatehouse.endUserSessions(user.user.id, scope)).toEqual({ ended: 1 });
    expect((await sessionAt(atAppToo, app.id)).status).toBe(401);
    expect((await sessionAt(user.accessToken, DEFAULT_APP_ID)).status).toBe(200);
  });

  it('the console’s memberships change only for an operator holding every permission', async () => {
    await t.gatehouse.createRole(CONSOLE_APP_ID, {
      name: 'member-desk',
      permissions: ['members:write', 'users:read'],
    });
    const desk = await signInOperator(t, { role: 'member-desk' });
    const raise = await call(desk.accessToken, 'PATCH', `${desk.userId}/apps/${CONSOLE_APP_ID}`, {
      roles: ['admin'],
    });
    expect([raise.status, raise.body.error.code]).toEqual([403, 'INSUFFICIENT_PERMISSION']);
    expect((await t.store.memberships.find(CONSOLE_APP_ID, desk.userId as UserId))?.roles).toEqual([
      'member-desk',
    ]);
    const user = await t.signUp();
    const elsewhere = await call(desk.accessToken, 'PATCH', `${user.user.id}/apps/${app.id}`, {
      roles: ['member'],
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe.each(storeKinds)('the last console admin (%s)', (kind) => {
  let t: TestGatehouse;
  beforeEach(async () => {
    t = await openGatehouse(kind);
  });
  afterEach(() => t.close());

  const adminsNow = async () =>
    (await t.store.memberships.listForApp(CONSOLE_APP_ID))
      .filter((m) => m.roles.includes('admin'))
      .map((m) => m.userId);
  const demote = (by: SignedInOperator, who: SignedInOperator) =>
    t.request('PATCH', `/auth/admin/users/${who.userId}/apps/${CONSOLE_APP_ID}`, {
      token: by.accessToken,
      body: { roles: ['support'] },
    });

  it('is kept: demoting or removing the last active admin is 409 LAST_ADMIN and changes nothing', async () => {
    const a = await signInOperator(t);
    for (const reply of [
      await demote(a, a),
      await t.request('DELETE', `/auth/admin/users/${a.userId}/apps/${CONSOLE_APP_ID}`, {
        token: a.accessToken,
      }),
    ]) {
      expect([reply.status, reply.body.error.code]).toEqual([409, 'LAST_ADMIN']);
    }
    expect(await codeOf(t.gatehouse.setUserAppAccess(a.userId, CONSOLE_APP_ID, { roles: [] }))).toBe(
      'LAST_ADMIN',
    );
    expect(await codeOf(t.gatehouse.removeUserFromApp(a.userId, CONSOLE_APP_ID))).toBe('LAST_ADMIN');
    expect(await adminsNow()).toEqual([a.userId]);
    expect((await t.request('GET', '/auth/admin/me', { token: a.accessToken })).status).toBe(200);

    // A suspended admin cannot run the installation: they do not count.
    const b = await signInOperator(t);
    await t.gatehouse.suspendUser(b.userId);
    expect((await demote(a, a)).body.error.code).toBe('LAST_ADMIN');
    // Nor does demoting one who is not active protect anything.
    expect((await demote(a, b)).status).toBe(200);
    await t.gatehouse.reactivateUser(b.userId);
    await t.gatehouse.setRoles(b.userId, CONSOLE_APP_ID, ['admin']);

    // With another active admin, an admin may step down; then that one is the last.
    expect((await demote(a, a)).status).toBe(200);
    // Suspension ended b's sessions: b signs in again.
    const again = await consoleSession(t, b.email, () => {
      t.clock.advance(30_000);
      return totpAt(b.totpSecret, Math.floor(t.clock.now() / 1000));
    });
    const last = await demote({ ...b, accessToken: again }, b);
    expect([last.status, last.body.error.code]).toEqual([409, 'LAST_ADMIN']);
    expect(await adminsNow()).toEqual([b.userId]);
  });

  it('holds under concurrency: two admins demoting each other at once leave exactly one, round after round', async () => {
    const a = await signInOperator(t);
    const b = await signInOperator(t);
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.allSettled([
        t.gatehouse.setUserAppAccess(a.userId, CONSOLE_APP_ID, { roles: ['support'] }),
        t.gatehouse.setUserAppAccess(b.userId, CONSOLE_APP_ID, { roles: ['support'] }),
      ]);
      const outcomes = results.map((r) =>
        r.status === 'fulfilled' ? 'changed' : (r.reason as { code: string }).code,
      );
      expect([round, outcomes.sort()]).toEqual([round, ['LAST_ADMIN', 'changed']]);
      const left = await adminsNow();
      expect(left).toHaveLength(1);
      await t.gatehouse.setRoles(left[0] === a.userId ? b.userId : a.userId, CONSOLE_APP_ID, ['admin']);
    }

    // Over HTTP each demoting the other; the one demoted first may already be refused as support.
    for (let round = 0; round < 3; round += 1) {
      const [ab, ba] = await Promise.all([demote(a, b), demote(b, a)]);
      const statuses = [ab.status, ba.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await adminsNow()).toHaveLength(1);
      await t.gatehouse.setRoles(a.userId, CONSOLE_APP_ID, ['admin']);
      await t.gatehouse.setRoles(b.userId, CONSOLE_APP_ID, ['admin']);
    }

    // Removals race the same way.
    const removals = await Promise.allSettled([
      t.gatehouse.removeUserFromApp(a.userId, CONSOLE_APP_ID),
      t.gatehouse.removeUserFromApp(b.userId, CONSOLE_APP_ID),
    ]);
    const codes = removals.map((r) =>
      r.status === 'fulfilled' ? 'removed' : (r.reason as { code: string }).code,
    );
    expect(codes.sort()).toEqual(['LAST_ADMIN', 'removed']);
    expect(await adminsNow()).toHaveLength(1);
  });
});
