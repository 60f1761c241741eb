/**
 * Apps, roles, memberships and plans through the instance's methods, on SQLite and PostgreSQL:
 * every operation and every refusal (validation, AUDIENCE_TAKEN, PLAN_NOT_FOUND,
 * EMAIL_REQUIRED_FOR_PAID, ROLE_EXISTS, ROLE_IN_USE, the undeletable built-ins, the default app
 * that cannot be disabled, MEMBERSHIP_NOT_FOUND); a disabled app ends its sessions and refuses
 * sign-in; a role or plan change shows in tokens at the next refresh, or at once with
 * `endSessions`; `permissionsOf` reads the live membership; the events say what changed, and a
 * plan change reaches a webhook.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { hashToken } from '../../src/crypto/opaque-token.js';
import type { OutgoingMail } from '../../src/delivery/mailer.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const WEBHOOK_SECRET = 'whsec-apps-0123456789abcdef-never-stored';

/** A loopback receiver for webhooks: every body it was sent. */
async function webhookReceiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    bodies,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error('expected a refusal');
}

describe.each(storeKinds)('apps, roles, memberships and plans, embedded (%s)', (kind) => {
  let t: TestGatehouse;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
  const mails: OutgoingMail[] = [];

  beforeAll(async () => {
    hooks = await webhookReceiver();
    t = await openGatehouse(
      kind,
      {
        baseUrl: 'https://auth.example',
        webhooks: [{ url: hooks.url, secret: WEBHOOK_SECRET, events: ['membership.plan_changed'] }],
      },
      { mailer: { send: async (mail) => void mails.push(mail) } },
    );
  });
  afterAll(async () => {
    await t.close();
    await hooks.stop();
  });

  const g = () => t.gatehouse;
  const as = (app: string) => ({ 'gatehouse-app': app });
  const newApp = async (input: Parameters<TestGatehouse['gatehouse']['createApp']>[0] = { name: 'An app' }) =>
    (await g().createApp(input)).app;
  /** A verified account, signed up at the default app. */
  async function verifiedUser(email = uniqueEmail('member')) {
    const body = await t.signUp(email);
    await g().updateUser(body.user.id, { emailVerified: true });
    return body.user.id as string;
  }
  /** Signs `email` in at `app`: the reply body (tokens). */
  async function signInAt(app: string, email: string) {
    const reply = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: as(app),
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  }
  /** `GET /auth/session` at `app` (a token is refused at any other app). */
  const sessionOf = (accessToken: string, app: string = DEFAULT_APP_ID) =>
    t.request('GET', '/auth/session', { token: accessToken, headers: as(app) });
  type EventType = NonNullable<Parameters<TestGatehouse['gatehouse']['listAuditEvents']>[0]>['type'];
  const eventsOf = async (userId: string | undefined, type: EventType) =>
    (await g().listAuditEvents({ ...(userId ? { userId } : {}), type, limit: 500 })).items;

  it('createApp: active, built-in roles, the secret once (stored as its digest only), audience defaulting to the id', async () => {
    const { app, secret } = await g().createApp({
      name: '  Billing  ',
      signInMethods: ['password', 'oauth:github', 'id_token:firebase'],
      redirectUrls: ['https://billing.example/callback'],
      corsOrigins: ['https://billing.example', 'http://localhost:5173'],
      signUp: 'invite_only',
      plans: [
        { name: 'basic', paid: false },
        { name: 'team', paid: true },
      ],
      defaultPlan: 'basic',
      defaultRole: 'guest',
    });
    expect(app).toMatchObject({
      name: 'Billing',
      status: 'active',
      isDefault: false,
      audience: app.id,
      signUp: 'invite_only',
      defaultRole: 'guest',
      defaultPlan: 'basic',
      hasSecret: true,
      signInMethods: ['password', 'oauth:github', 'id_token:firebase'],
    });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.store.apps.find(app.id);
    expect(stored?.secretHash).toBe(hashToken(secret));
    expect(JSON.stringify(app)).not.toContain(stored!.secretHash!);
    expect(await g().getApp(app.id)).toEqual(app);
    expect((await g().listApps()).map((a) => a.id)).toEqual(expect.arrayContaining([DEFAULT_APP_ID, app.id]));
    expect((await g().listApps())[0]).toMatchObject({
      id: DEFAULT_APP_ID,
      isDefault: true,
      audience: 'gatehouse',
    });
    expect((await g().listRoles(app.id)).map((r) => [r.name, r.builtIn])).toEqual([
      ['admin', true],
      ['guest', true],
      ['member', true],
    ]);
    const [created] = await eventsOf(undefined, 'app.created').then((items) =>
      items.filter((e) => e.data.appId === app.id),
    );
    expect(created?.data).toEqual({ appId: app.id, name: 'Billing' });
    expect(JSON.stringify(await eventsOf(undefined, 'app.created'))).not.toContain(secret);

    const rotated = await g().rotateAppSecret(app.id);
    expect(rotated.secret).not.toBe(secret);
    expect((await t.store.apps.find(app.id))?.secretHash).toBe(hashToken(rotated.secret));
  });

  it('createApp refuses bad fields with VALIDATION_ERROR naming each, and stores nothing', async () => {
    const before = (await g().listApps()).length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '' }, 'name'],
      [{ name: 'x', signInMethods: ['sms'] }, 'signInMethods.0'],
      [{ name: 'x', signInMethods: ['oauth:Not A Name'] }, 'signInMethods.0'],
      [{ name: 'x', signInMethods: [] }, 'signInMethods'],
      [{ name: 'x', signInMethods: ['password', 'password'] }, 'signInMethods'],
      [{ name: 'x', redirectUrls: ['javascript:alert(1)'] }, 'redirectUrls.0'],
      [{ name: 'x', redirectUrls: ['/relative'] }, 'redirectUrls.0'],
      [{ name: 'x', corsOrigins: ['https://a.example/path'] }, 'corsOrigins.0'],
      [{ name: 'x', corsOrigins: ['*'] }, 'corsOrigins.0'],
      [{ name: 'x', plans: [] }, 'plans'],
      [{ name: 'x', plans: [{ name: 'Pro', paid: true }] }, 'plans.0.name'],
      [
        {
          name: 'x',
          plans: [
            { name: 'a', paid: false },
            { name: 'a', paid: true },
          ],
        },
        'plans',
      ],
      [{ name: 'x', defaultPlan: 'gold' }, 'defaultPlan'],
      [{ name: 'x', defaultRole: 'owner' }, 'defaultRole'],
      [{ name: 'x', signUp: 'closed' }, 'signUp'],
      [{ name: 'x', audience: 'has space' }, 'audience'],
      [{ name: 'x', secretHash: 'mine' }, 'secretHash'],
    ];
    for (const [input, path] of cases) {
      const error = await g()
        .createApp(input as never)
        .then(() => null)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(input)).toMatchObject({ code: 'VALIDATION_ERROR' });
      expect(
        (error as { details: { issues: Array<{ path: string }> } }).details.issues.map((i) => i.path),
      ).toContain(path);
    }
    expect((await g().listApps()).length).toBe(before);
  });

  it('an audience another app’s tokens carry is 409 AUDIENCE_TAKEN, also the default app’s setting and when created at once', async () => {
    const first = await newApp({ name: 'A', audience: `https://api.example/${Date.now()}` });
    expect(await codeOf(g().createApp({ name: 'B', audience: first.audience }))).toBe('AUDIENCE_TAKEN');
    expect(await codeOf(g().createApp({ name: 'B', audience: 'gatehouse' }))).toBe('AUDIENCE_TAKEN');
    const other = await newApp({ name: 'C' });
    expect(other.audience).toBe(other.id);
    expect(await codeOf(g().createApp({ name: 'B', audience: other.id }))).toBe('AUDIENCE_TAKEN');
    expect(await codeOf(g().updateApp(other.id, { audience: first.audience }))).toBe('AUDIENCE_TAKEN');
    expect(await codeOf(g().updateApp(DEFAULT_APP_ID, { audience: first.audience }))).toBe('AUDIENCE_TAKEN');

    const shared = `https://api.example/race-${Date.now()}`;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => g().createApp({ name: `Race ${i}`, audience: shared })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'AUDIENCE_TAKEN' });
    }
    expect((await g().listApps()).filter((a) => a.audience === shared)).toHaveLength(1);
  });

  it('updateApp: changes the given fields, emits their names; refuses the default app’s disabling, a missing default role or plan, an unknown app', async () => {
    const app = await newApp({ name: 'Before' });
    const updated = await g().updateApp(app.id, {
      name: 'After',
      signUp: 'invite_only',
      plans: [
        { name: 'free', paid: false },
        { name: 'gold', paid: true },
      ],
      defaultPlan: 'free',
    });
    expect(updated).toMatchObject({
      name: 'After',
      signUp: 'invite_only',
      plans: [{ name: 'free' }, { name: 'gold' }],
    });
    const events = (await eventsOf(undefined, 'app.updated')).filter((e) => e.data.appId === app.id);
    expect(events[0]?.data).toEqual({ appId: app.id, fields: 'name,plans,signUp' });
    expect(await g().updateApp(app.id, { name: 'After' })).toEqual(updated);

    const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e);
    expect(await refusal(g().updateApp(DEFAULT_APP_ID, { status: 'disabled' }))).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { issues: [{ path: 'status', message: 'the default app cannot be disabled' }] },
    });
    expect((await g().getApp(DEFAULT_APP_ID)).status).toBe('active');
    expect(await codeOf(g().updateApp(app.id, { audience: null }))).toBe('VALIDATION_ERROR');
    expect(await codeOf(g().updateApp(app.id, { defaultRole: 'nobody' }))).toBe('VALIDATION_ERROR');
    expect(await codeOf(g().updateApp(app.id, { plans: [{ name: 'gold', paid: true }] }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(await codeOf(g().updateApp(app.id, { status: 'paused' } as never))).toBe('VALIDATION_ERROR');
    expect(await codeOf(g().updateApp('app_0190f2a81b3c7abc8123456789abcdef', { name: 'x' }))).toBe(
      'APP_NOT_FOUND',
    );
    expect(await codeOf(g().getApp('not-an-id'))).toBe('APP_NOT_FOUND');
    expect(await codeOf(g().getApp('usr_0190f2a81b3c7abc8123456789abcdef'))).toBe('APP_NOT_FOUND');
  });

  it('disabling an app ends every session there at once (not elsewhere); sign-in there is 403 APP_INACTIVE until it is active again', async () => {
    const app = await newApp({ name: 'Disable me' });
    const email = uniqueEmail('disabled');
    await verifiedUser(email);
    const here = await signInAt(app.id, email);
    const atDefault = await signInAt(DEFAULT_APP_ID, email);
    expect((await sessionOf(here.accessToken, app.id)).status).toBe(200);

    const disabled = await g().updateApp(app.id, { status: 'disabled' });
    expect(disabled.status).toBe('disabled');
    const ended = await sessionOf(here.accessToken, app.id);
    expect([ended.status, ended.body.error.code]).toEqual([401, 'SESSION_NOT_FOUND']);
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: here.refreshToken } })).status,
    ).toBe(401);
    expect((await sessionOf(atDefault.accessToken)).status).toBe(200);
    const refused = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: as(app.id),
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'APP_INACTIVE']);
    const event = (await eventsOf(undefined, 'app.updated')).find((e) => e.data.appId === app.id);
    expect(event?.data).toEqual({ appId: app.id, fields: 'status', sessionsEnded: 1 });

    await g().updateApp(app.id, { status: 'active' });
    await signInAt(app.id, email);
  });

  it('roles: created (ROLE_EXISTS for a taken name), listed, updated (admin keeps *), deleted only when unused and custom', async () => {
    const app = await newApp({ name: 'Roles' });
    const billing = await g().createRole(app.id, {
      name: 'billing',
      permissions: ['invoices:*', 'reports:read'],
      description: 'Money',
    });
    expect(billing).toMatchObject({
      name: 'billing',
      builtIn: false,
      permissions: ['invoices:*', 'reports:read'],
    });
    expect(await codeOf(g().createRole(app.id, { name: 'billing' }))).toBe('ROLE_EXISTS');
    expect(await codeOf(g().createRole(app.id, { name: 'admin' }))).toBe('ROLE_EXISTS');
    for (const bad of [
      { name: 'Billing' },
      { name: '9lives' },
      { name: 'ok', permissions: ['invoices'] },
      { name: 'ok', permissions: ['*:read'] },
      { name: 'ok', permissions: ['a:b', 'a:b'] },
    ]) {
      expect(await codeOf(g().createRole(app.id, bad)), JSON.stringify(bad)).toBe('VALIDATION_ERROR');
    }
    expect((await g().listRoles(app.id)).map((r) => r.name)).toEqual(['admin', 'billing', 'guest', 'member']);

    expect(await g().updateRole(app.id, 'member', { permissions: ['docs:read'] })).toMatchObject({
      name: 'member',
      builtIn: true,
      permissions: ['docs:read'],
    });
    expect(await codeOf(g().updateRole(app.id, 'admin', { permissions: ['docs:read'] }))).toBe(
      'VALIDATION_ERROR',
    );
    expect(await g().updateRole(app.id, 'admin', { description: 'Runs the place' })).toMatchObject({
      description: 'Runs the place',
      permissions: ['*'],
    });
    expect(await codeOf(g().updateRole(app.id, 'nobody', { description: 'x' }))).toBe('ROLE_NOT_FOUND');

    for (const builtIn of ['admin', 'member', 'guest']) {
      expect(await codeOf(g().deleteRole(app.id, builtIn))).toBe('ROLE_IN_USE');
    }
    const userId = await verifiedUser();
    await g().addMember(userId, app.id, { role: 'billing' });
    expect(await codeOf(g().deleteRole(app.id, 'billing'))).toBe('ROLE_IN_USE');
    await g().revokeRole(userId, app.id, 'billing');
    await g().updateApp(app.id, { defaultRole: 'billing' });
    expect(await codeOf(g().deleteRole(app.id, 'billing'))).toBe('ROLE_IN_USE');
    await g().updateApp(app.id, { defaultRole: 'member' });
    const invitation = await g().createInvitation({
      appId: app.id,
      email: uniqueEmail('invitee'),
      role: 'billing',
    });
    expect(await codeOf(g().deleteRole(app.id, 'billing'))).toBe('ROLE_IN_USE');
    await g().revokeInvitation(app.id, invitation.id);
    await g().deleteRole(app.id, 'billing');
    expect((await g().listRoles(app.id)).map((r) => r.name)).toEqual(['admin', 'guest', 'member']);
    expect(await codeOf(g().deleteRole(app.id, 'billing'))).toBe('ROLE_NOT_FOUND');
    const deleted = (await eventsOf(undefined, 'role.deleted')).find((e) => e.data.appId === app.id);
    expect(deleted?.data).toEqual({ appId: app.id, role: 'billing' });
  });

  it('memberships: added, granted, revoked, replaced, given direct permissions; permissionsOf reads them live', async () => {
    const app = await newApp({ name: 'Members', signUp: 'invite_only' });
    await g().createRole(app.id, { name: 'billing', permissions: ['invoices:*'] });
    await g().createRole(app.id, { name: 'support', permissions: ['tickets:read', 'users:read'] });
    const userId = await verifiedUser();
    expect(await g().permissionsOf(userId, app.id)).toEqual([]);

    const added = await g().addMember(userId, app.id);
    expect(added).toMatchObject({
      created: true,
      membership: { appId: app.id, userId, roles: ['member'], plan: 'free' },
    });
    expect((await g().addMember(userId, app.id, { role: 'admin' })).created).toBe(false);
    expect(await codeOf(g().addMember('usr_0190f2a81b3c7abc8123456789abcdef', app.id))).toBe('NOT_FOUND');
    expect(await codeOf(g().addMember(userId, app.id, { role: 'nobody' }))).toBe('ROLE_NOT_FOUND');

    expect((await g().grantRole(userId, app.id, 'billing')).roles).toEqual(['member', 'billing']);
    expect((await g().grantRole(userId, app.id, 'billing')).roles).toEqual(['member', 'billing']);
    expect(await g().permissionsOf(userId, app.id)).toEqual(['invoices:*']);
    expect(await codeOf(g().grantRole(userId, app.id, 'nobody'))).toBe('ROLE_NOT_FOUND');
    expect(await codeOf(g().grantRole(userId, app.id, 'Not A Role'))).toBe('ROLE_NOT_FOUND');

    expect((await g().setRoles(userId, app.id, ['support', 'billing'])).roles).toEqual([
      'support',
      'billing',
    ]);
    expect(await codeOf(g().setRoles(userId, app.id, ['support', 'ghost']))).toBe('ROLE_NOT_FOUND');
    expect((await t.store.memberships.find(app.id, userId as never))?.roles).toEqual(['support', 'billing']);
    expect(await codeOf(g().setRoles(userId, app.id, ['support', 'support']))).toBe('VALIDATION_ERROR');

    expect((await g().setMemberPermissions(userId, app.id, ['reports:read'])).permissions).toEqual([
      'reports:read',
    ]);
    expect((await g().permissionsOf(userId, app.id)).sort()).toEqual(
      ['invoices:*', 'reports:read', 'tickets:read', 'users:read'].sort(),
    );
    expect(await codeOf(g().setMemberPermissions(userId, app.id, ['not a permission']))).toBe(
      'VALIDATION_ERROR',
    );
    await g().updateRole(app.id, 'support', { permissions: ['tickets:*'] });
    expect(await g().permissionsOf(userId, app.id)).toContain('tickets:*');

    expect((await g().revokeRole(userId, app.id, 'billing')).roles).toEqual(['support']);
    expect((await g().revokeRole(userId, app.id, 'billing')).roles).toEqual(['support']);
    expect(await g().permissionsOf(userId, app.id)).not.toContain('invoices:*');
    expect(await g().permissionsOf(userId)).toEqual([]);
    expect(await g().permissionsOf('nonsense', app.id)).toEqual([]);

    const roleEvents = await eventsOf(userId, 'membership.roles_changed');
    expect(roleEvents.map((e) => e.data)).toContainEqual({
      appId: app.id,
      from: 'support,billing',
      to: 'support',
    });
    expect((await eventsOf(userId, 'membership.permissions_changed'))[0]?.data).toEqual({
      appId: app.id,
      from: '',
      to: 'reports:read',
    });
    expect((await eventsOf(userId, 'membership.created')).map((e) => e.data)).toContainEqual({
      appId: app.id,
      roles: 'member',
      plan: 'free',
    });

    const stranger = await verifiedUser();
    const calls: Array<() => Promise<unknown>> = [
      () => g().grantRole(stranger, app.id, 'billing'),
      () => g().revokeRole(stranger, app.id, 'billing'),
      () => g().setRoles(stranger, app.id, []),
      () => g().setMemberPermissions(stranger, app.id, []),
      () => g().setPlan(stranger, app.id, 'free'),
      () => g().removeMember(stranger, app.id),
      () => g().grantRole('nonsense', app.id, 'billing'),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe('MEMBERSHIP_NOT_FOUND');
    expect(await codeOf(g().grantRole(userId, 'app_0190f2a81b3c7abc8123456789abcdef', 'billing'))).toBe(
      'APP_NOT_FOUND',
    );
  });

  it('listMembers pages by user id; listMyApps (and GET /auth/me/apps) shows the caller’s active apps', async () => {
    const app = await newApp({ name: 'Paged' });
    const ids = [];
    for (let i = 0; i < 5; i++) {
      const id = await verifiedUser();
      await g().addMember(id, app.id);
      ids.push(id);
    }
    ids.sort();
    const first = await g().listMembers(app.id, { limit: 2 });
    expect(first.items.map((m) => m.userId)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).toBe(ids[1]);
    const second = await g().listMembers(app.id, { limit: 2, cursor: first.nextCursor });
    const third = await g().listMembers(app.id, { limit: 2, cursor: second.nextCursor });
    expect([...second.items, ...third.items].map((m) => m.userId)).toEqual(ids.slice(2));
    expect(third.nextCursor).toBeNull();
    expect(await codeOf(g().listMembers(app.id, { cursor: 'nope' }))).toBe('VALIDATION_ERROR');
    expect(await codeOf(g().listMembers(app.id, { limit: 0 }))).toBe('VALIDATION_ERROR');

    const email = uniqueEmail('mine');
    const body = await t.signUp(email);
    const other = await newApp({ name: 'Other' });
    const off = await newApp({ name: 'Off' });
    await g().addMember(body.user.id, other.id, { role: 'admin', plan: 'free' });
    await g().addMember(body.user.id, off.id);
    await g().updateApp(off.id, { status: 'disabled' });
    const mine = await g().listMyApps(body.accessToken);
    expect(mine.apps.map((a) => [a.appId, a.name, a.roles, a.plan])).toEqual([
      [DEFAULT_APP_ID, 'Default', ['member'], 'free'],
      [other.id, 'Other', ['admin'], 'free'],
    ]);
    const reply = await t.request('GET', '/auth/me/apps', { token: body.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(mine);
    expect((await t.request('GET', '/auth/me/apps')).status).toBe(401);
  });

  it('removeMember ends the member’s sessions at that app only; an invite-only app then refuses them', async () => {
    const app = await newApp({ name: 'Remove', signUp: 'invite_only' });
    const email = uniqueEmail('removed');
    const userId = await verifiedUser(email);
    await g().addMember(userId, app.id);
    const here = await signInAt(app.id, email);
    const atDefault = await signInAt(DEFAULT_APP_ID, email);
    await g().removeMember(userId, app.id);
    expect((await sessionOf(here.accessToken, app.id)).status).toBe(401);
    expect((await sessionOf(atDefault.accessToken)).status).toBe(200);
    const refused = await t.request('POST', '/auth/sign-in/email', {
      body: { email, password: PASSWORD },
      headers: as(app.id),
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    expect((await eventsOf(userId, 'membership.removed'))[0]?.data).toEqual({
      appId: app.id,
      sessionsEnded: 1,
    });
    expect(await codeOf(g().removeMember(userId, app.id))).toBe('MEMBERSHIP_NOT_FOUND');
  });

  it('setPlan: PLAN_NOT_FOUND; a paid plan is EMAIL_REQUIRED_FOR_PAID for an unverified address and a username-only account, then works once an address is verified', async () => {
    const app = await newApp({ name: 'Plans' });
    const unverified = await t.signUp(uniqueEmail('unverified'));
    await g().addMember(unverified.user.id, app.id);
    expect(await codeOf(g().setPlan(unverified.user.id, app.id, 'platinum'))).toBe('PLAN_NOT_FOUND');
    expect(await codeOf(g().setPlan(unverified.user.id, app.id, 'pro'))).toBe('EMAIL_REQUIRED_FOR_PAID');
    expect(await codeOf(g().addMember(unverified.user.id, app.id, { plan: 'pro' }))).toBe(
      'EMAIL_REQUIRED_FOR_PAID',
    );
    expect((await g().setPlan(unverified.user.id, app.id, 'free')).plan).toBe('free');
    await g().updateUser(unverified.user.id, { emailVerified: true });
    expect((await g().setPlan(unverified.user.id, app.id, 'pro')).plan).toBe('pro');

    const username = `plan${Date.now().toString(36)}`;
    const signedUp = await t.request('POST', '/auth/sign-up/username', {
      body: { username, password: PASSWORD },
    });
    expect(signedUp.status).toBe(201);
    const userId = signedUp.body.user.id;
    await g().addMember(userId, app.id);
    expect(await codeOf(g().setPlan(userId, app.id, 'enterprise'))).toBe('EMAIL_REQUIRED_FOR_PAID');
    const address = uniqueEmail('added');
    await g().requestEmailChange(signedUp.body.accessToken, { newEmail: address, password: PASSWORD });
    expect(await codeOf(g().setPlan(userId, app.id, 'enterprise'))).toBe('EMAIL_REQUIRED_FOR_PAID');
    await g().settled();
    const mail = mails.find((m) => m.to === address && /confirm-email-change\?token=/.test(m.text));
    const token = /confirm-email-change\?token=([\w-]+)/.exec(mail!.text)![1]!;
    await g().confirmEmailChange(token);
    const moved = await g().setPlan(userId, app.id, 'enterprise');
    expect(moved.plan).toBe('enterprise');
    expect((await eventsOf(userId, 'membership.plan_changed'))[0]?.data).toEqual({
      appId: app.id,
      from: 'free',
      to: 'enterprise',
      paid: true,
    });
  });

  it('a plan change reaches the webhook with from and to', async () => {
    const app = await newApp({ name: 'Hooked' });
    const userId = await verifiedUser();
    await g().addMember(userId, app.id);
    await g().setPlan(userId, app.id, 'pro');
    await waitUntil(
      () => hooks.bodies.some((b) => b.includes(userId)),
      'the plan change at the webhook receiver',
    );
    const event = JSON.parse(hooks.bodies.find((b) => b.includes(userId))!);
    expect(event).toMatchObject({
      type: 'membership.plan_changed',
      userId,
      outcome: 'success',
      data: { appId: app.id, from: 'free', to: 'pro', paid: true },
    });
  });

  it('a role or plan change shows in the token at the next refresh; with endSessions the sessions at that app end at once', async () => {
    const app = await newApp({ name: 'Lag' });
    await g().createRole(app.id, { name: 'editor', permissions: ['posts:write'] });
    const email = uniqueEmail('lag');
    const userId = await verifiedUser(email);
    await g().addMember(userId, app.id);
    const first = await signInAt(app.id, email);
    const claims = await g().verifyAccessToken(first.accessToken);
    expect(claims).toMatchObject({ app: app.id, aud: app.id, roles: ['member'], plan: 'free', perms: [] });

    await g().grantRole(userId, app.id, 'editor');
    await g().setPlan(userId, app.id, 'pro');
    // The old token still says what it said; the session goes on.
    expect((await g().verifyAccessToken(first.accessToken)).roles).toEqual(['member']);
    expect((await sessionOf(first.accessToken, app.id)).status).toBe(200);
    const refreshed = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(await g().verifyAccessToken(refreshed.body.accessToken)).toMatchObject({
      roles: ['member', 'editor'],
      plan: 'pro',
      perms: ['posts:write'],
    });

    const atDefault = await signInAt(DEFAULT_APP_ID, email);
    await g().revokeRole(userId, app.id, 'editor', { endSessions: true });
    const ended = await sessionOf(refreshed.body.accessToken, app.id);
    expect([ended.status, ended.body.error.code]).toEqual([401, 'SESSION_NOT_FOUND']);
    expect(
      (await t.request('POST', '/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } }))
        .status,
    ).toBe(401);
    expect((await sessionOf(atDefault.accessToken)).status).toBe(200);
    const revoked = (await eventsOf(userId, 'session.revoked')).find(
      (e) => e.data.reason === 'membership_changed',
    );
    expect(revoked?.data).toEqual({ reason: 'membership_changed', appId: app.id, sessions: 1 });

    const again = await signInAt(app.id, email);
    await g().setPlan(userId, app.id, 'enterprise', { endSessions: true });
    expect((await sessionOf(again.accessToken, app.id)).status).toBe(401);
    const latest = await signInAt(app.id, email);
    expect(await g().verifyAccessToken(latest.accessToken)).toMatchObject({
      roles: ['member'],
      plan: 'enterprise',
    });
  });
  it('AZ-05: a demoted admin holds nothing at once (permissionsOf, can), and with endSessions their token is refused at once', async () => {
    const app = await newApp({ name: 'Demote' });
    const email = uniqueEmail('admin');
    const userId = await verifiedUser(email);
    await g().addMember(userId, app.id, { role: 'admin' });
    const signedIn = await signInAt(app.id, email);
    expect(await g().permissionsOf(userId, app.id)).toEqual(['*']);
    expect(await g().can(userId, 'users:delete', app.id)).toBe(true);

    await g().setRoles(userId, app.id, ['member']);
    expect(await g().permissionsOf(userId, app.id)).toEqual([]);
    expect(await g().can(userId, 'users:delete', app.id)).toBe(false);
    // Without endSessions the token still says admin until it is refreshed (offline verifiers).
    expect((await g().verifyAccessToken(signedIn.accessToken)).roles).toEqual(['admin']);

    await g().grantRole(userId, app.id, 'admin');
    const again = await signInAt(app.id, email);
    await g().revokeRole(userId, app.id, 'admin', { endSessions: true });
    for (const token of [signedIn.accessToken, again.accessToken]) {
      const reply = await sessionOf(token, app.id);
      expect([reply.status, reply.body.error.code]).toEqual([401, 'SESSION_NOT_FOUND']);
    }
  });
});
