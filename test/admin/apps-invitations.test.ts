/**
 * The admin API's invitations over HTTP, on SQLite and PostgreSQL, with the mail really sent over
 * SMTP: inviting mails the link and never answers with its token (nor records it in an event);
 * listing shows open invitations; revoking kills the link. Refusals: bad address or expiry, a role
 * the app lacks, a disabled app, an unknown or spent invitation. Inviting to the console app is
 * how operators are made: an admin may invite admins; an operator with `apps:write` but not every
 * permission may invite only to a console role whose permissions they hold (no escalation), and
 * `support` cannot invite at all. A tenant admin reaches their own app's invitations only (AZ-04).
 * Every change is audited with the operator as `actorId` and the invitation as `targetId`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { openGatehouseWithSmtp, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { mailedLink, mailsTo, type SmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { auditOf, signInCustomOperator, signInTenantAdmin } from './apps-setup.js';

const UNKNOWN_APP = 'app_0190f2a81b3c7abc8123456789abcdef';
const UNKNOWN_INVITATION = 'inv_0190f2a81b3c7abc8123456789abcdef';

describe.each(storeKinds)('admin API: invitations (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  let admin: SignedInOperator;
  let n = 0;
  const call = (operator: { accessToken: string }, method: string, path: string, body?: unknown) =>
    t.request(method, `/auth${path}`, { token: operator.accessToken, ...(body ? { body } : {}) });
  async function newApp() {
    const { app } = await t.gatehouse.createApp({
      name: `Team ${++n}`,
      signUp: 'invite_only',
      audience: `https://team/${kind}/${n}`,
    });
    await t.gatehouse.createRole(app.id, { name: 'editor', permissions: ['docs:write'] });
    return app;
  }

  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
    admin = await signInOperator(t);
  });
  afterAll(() => close());

  it('POST mails the link and answers with the invitation, never its token; GET lists it; DELETE kills the link — audited with the operator and the invitation', async () => {
    const app = await newApp();
    const email = uniqueEmail('invitee');
    const reply = await call(admin, 'POST', `/admin/apps/${app.id}/invitations`, {
      email,
      role: 'editor',
      expiresIn: 3600,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const invitation = reply.body;
    expect(invitation).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      appId: app.id,
      email,
      role: 'editor',
      acceptedAt: null,
      revokedAt: null,
    });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(3_600_000);
    const { token, mail } = await mailedLink(smtp, email, 'accept-invitation');
    expect(mail.text).toContain('60 minutes');
    expect(JSON.stringify(reply.body)).not.toContain(token);
    expect(JSON.stringify(reply.headers)).not.toContain(token);

    const list = await call(admin, 'GET', `/admin/apps/${app.id}/invitations`);
    expect(list.status).toBe(200);
    expect(list.body.invitations).toEqual([invitation]);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const revoked = await call(admin, 'DELETE', `/admin/apps/${app.id}/invitations/${invitation.id}`);
    expect(revoked.status).toBe(204);
    expect((await call(admin, 'GET', `/admin/apps/${app.id}/invitations`)).body.invitations).toEqual([]);
    const accept = await t.request('POST', '/auth/invitations/accept', { body: { token } });
    expect([accept.status, accept.body.error.code]).toEqual([400, 'LINK_INVALID']);
    const again = await call(admin, 'DELETE', `/admin/apps/${app.id}/invitations/${invitation.id}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'NOT_FOUND']);

    const events = await auditOf(t, invitation.id);
    expect(events.map((e) => e.type)).toEqual(['invitation.revoked', 'invitation.created']);
    for (const event of events) {
      expect(event).toMatchObject({
        actorId: admin.userId,
        targetId: invitation.id,
        data: { appId: app.id, invitationId: invitation.id, via: 'admin_api' },
      });
    }
    expect(events[1]!.data).toMatchObject({ email, role: 'editor' });
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('the app’s default role is used when none is given', async () => {
    const app = await newApp();
    const email = uniqueEmail('default-role');
    const reply = await call(admin, 'POST', `/admin/apps/${app.id}/invitations`, { email });
    expect([reply.status, reply.body.role]).toEqual([201, 'member']);
    await mailedLink(smtp, email, 'accept-invitation');
  });

  it('refuses a bad address or expiry, unknown fields, a role the app lacks, a disabled app, an unknown app or invitation — and mails nothing', async () => {
    const app = await newApp();
    const base = `/admin/apps/${app.id}/invitations`;
    const email = uniqueEmail('refused');
    const cases: Array<[unknown, number, string]> = [
      [{ email: 'not an address' }, 400, 'VALIDATION_ERROR'],
      [{}, 400, 'VALIDATION_ERROR'],
      [{ email, expiresIn: 10 }, 400, 'VALIDATION_ERROR'],
      [{ email, expiresIn: 31 * 86_400 }, 400, 'VALIDATION_ERROR'],
      [{ email, role: 'Not A Role' }, 400, 'VALIDATION_ERROR'],
      [{ email, appId: UNKNOWN_APP }, 400, 'VALIDATION_ERROR'],
      [{ email, token: 'chosen' }, 400, 'VALIDATION_ERROR'],
      [{ email, role: 'nobody' }, 404, 'ROLE_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await call(admin, 'POST', base, body);
      expect([body, reply.status, reply.body.error?.code]).toEqual([body, status, code]);
    }
    const unknown = await call(admin, 'POST', `/admin/apps/${UNKNOWN_APP}/invitations`, { email });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APP_NOT_FOUND']);
    expect((await call(admin, 'GET', `/admin/apps/${UNKNOWN_APP}/invitations`)).status).toBe(404);
    for (const id of [UNKNOWN_INVITATION, 'nope']) {
      const reply = await call(admin, 'DELETE', `${base}/${id}`);
      expect([id, reply.status, reply.body.error.code]).toEqual([id, 404, 'NOT_FOUND']);
    }
    await t.gatehouse.updateApp(app.id, { status: 'disabled' });
    const disabled = await call(admin, 'POST', base, { email });
    expect([disabled.status, disabled.body.error.code]).toEqual([403, 'APP_INACTIVE']);
    expect(mailsTo(smtp, email)).toEqual([]);
    expect((await call(admin, 'GET', base)).body.invitations).toEqual([]);
  });

  describe('to the console app (inviting operators)', () => {
    it('an admin invites an admin: accepting makes them an operator holding every permission', async () => {
      const email = uniqueEmail('new-admin');
      const reply = await call(admin, 'POST', `/admin/apps/${CONSOLE_APP_ID}/invitations`, {
        email,
        role: 'admin',
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      const { token } = await mailedLink(smtp, email, 'accept-invitation');
      const accepted = await t.request('POST', '/auth/invitations/accept', { body: { token } });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
      expect(await t.gatehouse.permissionsOf(accepted.body.user.id, CONSOLE_APP_ID)).toEqual(['*']);
      expect((await auditOf(t, reply.body.id))[0]).toMatchObject({
        type: 'invitation.created',
        actorId: admin.userId,
        data: { appId: CONSOLE_APP_ID, role: 'admin' },
      });
    });

    it('support cannot invite anyone (403 INSUFFICIENT_PERMISSION), nor revoke', async () => {
      const support = await signInOperator(t, { role: 'support' });
      const email = uniqueEmail('escalation');
      for (const role of ['admin', 'support', undefined]) {
        const reply = await call(support, 'POST', `/admin/apps/${CONSOLE_APP_ID}/invitations`, {
          email,
          ...(role ? { role } : {}),
        });
        expect([role, reply.status, reply.body.error?.code]).toEqual([role, 403, 'INSUFFICIENT_PERMISSION']);
      }
      const open = await t.gatehouse.createInvitation({ appId: CONSOLE_APP_ID, email, role: 'support' });
      const revoke = await call(support, 'DELETE', `/admin/apps/${CONSOLE_APP_ID}/invitations/${open.id}`);
      expect([revoke.status, revoke.body.error?.code]).toEqual([403, 'INSUFFICIENT_PERMISSION']);
      expect((await call(support, 'GET', `/admin/apps/${CONSOLE_APP_ID}/invitations`)).status).toBe(200);
      await t.gatehouse.revokeInvitation(CONSOLE_APP_ID, open.id);
    });

    it('an operator with apps:write but not every permission cannot escalate: no admin or support invitation, only to a role whose permissions they hold', async () => {
      const manager = await signInCustomOperator(t, 'inviter', ['apps:read', 'apps:write', 'users:read']);
      await t.gatehouse.createRole(CONSOLE_APP_ID, {
        name: 'viewer',
        permissions: ['apps:read', 'users:read'],
      });
      const base = `/admin/apps/${CONSOLE_APP_ID}/invitations`;
      const email = uniqueEmail('would-be-admin');
      for (const role of ['admin', 'support', undefined]) {
        const reply = await call(manager, 'POST', base, { email, ...(role ? { role } : {}) });
        expect([role, reply.status, reply.body.error?.code]).toEqual([role, 403, 'INSUFFICIENT_PERMISSION']);
      }
      expect(mailsTo(smtp, email)).toEqual([]);
      expect((await t.gatehouse.listInvitations(CONSOLE_APP_ID)).filter((i) => i.email === email)).toEqual(
        [],
      );

      const viewer = await call(manager, 'POST', base, { email, role: 'viewer' });
      expect(viewer.status, JSON.stringify(viewer.body)).toBe(201);
      await mailedLink(smtp, email, 'accept-invitation');
      const missing = await call(manager, 'POST', base, { email, role: 'nobody' });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'ROLE_NOT_FOUND']);
      // Other apps' invitations are theirs to send, whatever the role.
      const app = await newApp();
      const elsewhere = await call(manager, 'POST', `/admin/apps/${app.id}/invitations`, {
        email: uniqueEmail('tenant'),
        role: 'admin',
      });
      expect(elsewhere.status).toBe(201);
      expect((await auditOf(t, viewer.body.id))[0]).toMatchObject({ actorId: manager.userId });
    });
  });

  describe('a tenant admin', () => {
    it('AZ-04: invites to, lists and revokes at their own app; every other app, the console included, is 404 APP_NOT_FOUND', async () => {
      const own = await newApp();
      const other = await newApp();
      await t.gatehouse.updateApp(own.id, { signUp: 'open' });
      const tenant = await signInTenantAdmin(t, own.id);
      const email = uniqueEmail('teammate');
      const made = await call(tenant, 'POST', `/admin/apps/${own.id}/invitations`, { email, role: 'editor' });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      await mailedLink(smtp, email, 'accept-invitation');
      const listed = await call(tenant, 'GET', `/admin/apps/${own.id}/invitations`);
      expect(listed.body.invitations.map((i: { id: string }) => i.id)).toEqual([made.body.id]);
      expect((await call(tenant, 'DELETE', `/admin/apps/${own.id}/invitations/${made.body.id}`)).status).toBe(
        204,
      );
      const events = await auditOf(t, made.body.id);
      expect(events.map((e) => [e.type, e.actorId])).toEqual([
        ['invitation.revoked', tenant.userId],
        ['invitation.created', tenant.userId],
      ]);

      const theirs = await t.gatehouse.createInvitation({ appId: other.id, email: uniqueEmail('other') });
      const intruder = uniqueEmail('intruder');
      for (const id of [other.id, CONSOLE_APP_ID, UNKNOWN_APP]) {
        const replies = [
          await call(tenant, 'GET', `/admin/apps/${id}/invitations`),
          await call(tenant, 'POST', `/admin/apps/${id}/invitations`, { email: intruder, role: 'admin' }),
          await call(tenant, 'DELETE', `/admin/apps/${id}/invitations/${theirs.id}`),
        ];
        for (const reply of replies) {
          expect([id, reply.status, reply.body.error?.code]).toEqual([id, 404, 'APP_NOT_FOUND']);
        }
      }
      // Their own app's path with another app's invitation id finds nothing either.
      const crossed = await call(tenant, 'DELETE', `/admin/apps/${own.id}/invitations/${theirs.id}`);
      expect([crossed.status, crossed.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.gatehouse.listInvitations(other.id)).map((i) => i.id)).toEqual([theirs.id]);
      expect(mailsTo(smtp, intruder)).toEqual([]);
    });
  });
});
