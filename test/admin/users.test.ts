/**
 * The admin API's users — list, detail, create, change — over HTTP on SQLite and PostgreSQL,
 * with mail delivered over SMTP: filters and paging; a detail with everything and no secret;
 * creating with a password (sign-up's rules) or a mailed set-password link that works once;
 * address changes that tell the old address, void a pending self-service change and are 409 when
 * taken (also under concurrency); every refusal with its code; a tenant admin held to their app
 * (AZ-04); and every change audited with the operator as actor and the user as target.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { seedApp } from '../support/apps.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { accountRequests } from '../support/requests.js';
import { mailedLink, mailsTo, type SmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { adminApi, auditOf, expectAudited, signInTenantAdmin } from './users-support.js';

const UNKNOWN = 'usr_0190f2a81b3c7abc8123456789abcdef';

describe.each(storeKinds)('admin users: find, inspect, create, change (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  let admin: SignedInOperator;
  const api = adminApi(() => t);
  const { signIn, sessionStatus, change, confirm } = accountRequests(() => t);

  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
  });
  // A fresh console session each time: tests move the clock past access tokens' lifetime.
  beforeEach(async () => {
    admin = await signInOperator(t);
  });
  afterAll(() => close());

  const as = (method: string, path: string, body?: unknown) => api(method, path, admin.accessToken, body);

  describe('GET /admin/users', () => {
    it('lists by id with the search, filters and cursor paging', async () => {
      const tag = `find${Date.now().toString(36)}`;
      const emails = [1, 2, 3].map((i) => uniqueEmail(`${tag}-${i}`));
      const users: Array<{ id: string; email: string }> = [];
      for (const email of emails) users.push((await t.signUp(email)).user);
      // The test clock stands still: ids made in one millisecond sort by their random part.
      users.sort((a, b) => (a.id < b.id ? -1 : 1));
      const ids = users.map((u) => u.id);
      await as('PATCH', `/users/${ids[1]}`, { emailVerified: true });
      await as('POST', `/users/${ids[2]}/suspend`);

      const all = await as('GET', `/users?q=${tag.toUpperCase()}`);
      expect(all.status).toBe(200);
      expect(all.body.users.map((u: { id: string }) => u.id)).toEqual(ids);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.users[0]).toEqual({
        id: ids[0],
        email: users[0]!.email,
        username: null,
        name: null,
        displayName: null,
        status: 'active',
        emailVerified: false,
        createdAt: expect.any(String),
      });

      const first = await as('GET', `/users?q=${tag}&limit=2`);
      expect(first.body.users.map((u: { id: string }) => u.id)).toEqual(ids.slice(0, 2));
      const rest = await as('GET', `/users?q=${tag}&limit=2&cursor=${first.body.nextCursor}`);
      expect(rest.body).toEqual({ users: [expect.objectContaining({ id: ids[2] })], nextCursor: null });

      const ids_ = async (query: string) =>
        (await as('GET', `/users?q=${tag}&${query}`)).body.users.map((u: { id: string }) => u.id);
      expect(await ids_('verified=true')).toEqual([ids[1]]);
      expect(await ids_('verified=false')).toEqual([ids[0], ids[2]]);
      expect(await ids_('status=suspended')).toEqual([ids[2]]);
      expect(await ids_('hasMfa=true')).toEqual([]);
    });

    it('filters by app, role and plan', async () => {
      const app = await seedApp(t.store);
      const member = await t.signUp(uniqueEmail('app-member'));
      const editor = await t.signUp(uniqueEmail('app-editor'));
      await t.gatehouse.addMember(member.user.id, app.id);
      await t.gatehouse.addMember(editor.user.id, app.id, { role: 'admin' });
      const ids = async (query: string) =>
        (await as('GET', `/users?${query}`)).body.users.map((u: { id: string }) => u.id);
      const both = [member.user.id, editor.user.id].sort();
      expect(await ids(`app=${app.id}`)).toEqual(both);
      expect(await ids(`app=${app.id}&role=admin`)).toEqual([editor.user.id]);
      expect(await ids(`app=${app.id}&plan=${app.defaultPlan}`)).toEqual(both);
    });

    it('refuses a bad query with 400 VALIDATION_ERROR naming it, and an unknown app with 404', async () => {
      for (const query of [
        'limit=0',
        'limit=x',
        'verified=maybe',
        'status=gone',
        'bogus=1',
        'role=admin',
        'cursor=nope',
      ]) {
        const reply = await as('GET', `/users?${query}`);
        expect([query, reply.status, reply.body.error.code]).toEqual([query, 400, 'VALIDATION_ERROR']);
      }
      const unknown = await as('GET', `/users?app=${newId('app', Date.now(), systemRandom)}`);
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'APP_NOT_FOUND']);
    });

    it('AZ-04: a tenant admin lists their app’s members only; another app is 404', async () => {
      const app = await seedApp(t.store);
      const other = await seedApp(t.store);
      const tenant = await signInTenantAdmin(t, app.id);
      const member = await t.signUp(uniqueEmail('tenant-member'));
      const outsider = await t.signUp(uniqueEmail('tenant-outsider'));
      await t.gatehouse.addMember(member.user.id, app.id);
      await t.gatehouse.addMember(outsider.user.id, other.id);

      const mine = await api('GET', '/users', tenant.accessToken);
      expect(mine.status).toBe(200);
      expect(mine.body.users.map((u: { id: string }) => u.id).sort()).toEqual(
        [tenant.userId, member.user.id].sort(),
      );
      const search = await api(
        'GET',
        `/users?q=${encodeURIComponent(outsider.user.email)}`,
        tenant.accessToken,
      );
      expect(search.body.users).toEqual([]);
      expect((await api('GET', `/users?app=${app.id}`, tenant.accessToken)).status).toBe(200);
      const beyond = await api('GET', `/users?app=${other.id}`, tenant.accessToken);
      expect([beyond.status, beyond.body.error.code]).toEqual([404, 'APP_NOT_FOUND']);
      // A role filter needs no app from a tenant admin: it is theirs.
      const byRole = await api('GET', '/users?role=admin', tenant.accessToken);
      expect([byRole.status, byRole.body.users.map((u: { id: string }) => u.id)]).toEqual([
        200,
        [tenant.userId],
      ]);
      // The same reach from code: the scope as the last argument.
      const scoped = await t.gatehouse.listUsers({}, { appId: app.id });
      expect(scoped.users.map((u) => u.id).sort()).toEqual([tenant.userId, member.user.id].sort());
      await expect(t.gatehouse.listUsers({ appId: other.id }, { appId: app.id })).rejects.toMatchObject({
        code: 'APP_NOT_FOUND',
      });
    });
  });

  describe('GET /admin/users/:id', () => {
    it('shows profile, password, factors, identities, apps, sessions, tokens and recent events — never a secret', async () => {
      const email = uniqueEmail('detail');
      const up = await t.signUp(email);
      const id = up.user.id as string;
      await t.gatehouse.updateUser(id, { displayName: 'Ada L.', metadata: { tier: 'gold' } });
      const app = await seedApp(t.store);
      await t.gatehouse.addMember(id, app.id, { role: 'admin' });
      const enrolment = await t.gatehouse.enrollTotp(up.accessToken);
      const activation = await t.gatehouse.activateTotp(
        up.accessToken,
        totpAt(base32Decode(enrolment.secret), Math.floor(t.clock.now() / 1000)),
      );
      const now = t.clock.now();
      await t.store.phones.add({
        id: newId('mfa', now, systemRandom),
        userId: id as never,
        phone: '+14155550123',
        createdAt: now,
        verifiedAt: now,
      });
      await t.store.passkeys.add({
        id: newId('mfa', now, systemRandom),
        userId: id as never,
        credentialId: 'Y3JlZGVudGlhbC1pZC1zZWNyZXQ',
        publicKey: new Uint8Array([1, 2, 3]),
        algorithm: -7,
        counter: 0,
        transports: ['internal'],
        aaguid: '00000000-0000-0000-0000-000000000000',
        backupEligible: true,
        backedUp: true,
        name: 'Laptop',
        createdAt: now,
        lastUsedAt: null,
      });
      await t.store.identities.link({
        id: newId('idn', now, systemRandom),
        userId: id as never,
        provider: 'google',
        issuer: 'https://accounts.google.com',
        subject: 'google-subject-4711',
        email,
        emailVerified: true,
        createdAt: now,
        lastUsedAt: null,
      });
      const pat = await t.request('POST', '/auth/tokens', {
        token: activation.accessToken,
        body: { name: 'ci', scopes: ['profile:read'] },
      });
      expect(pat.status).toBe(201);

      const reply = await as('GET', `/users/${id}`);
      expect(reply.status).toBe(200);
      const detail = reply.body;
      expect(detail.user).toMatchObject({
        id,
        email,
        status: 'active',
        displayName: 'Ada L.',
        metadata: { tier: 'gold' },
        deletedAt: null,
        restorableUntil: null,
      });
      expect(detail.password).toEqual({ set: true, setAt: expect.any(String) });
      expect(detail.factors.totp).toEqual({ enabled: true, activatedAt: expect.any(String) });
      expect(detail.factors.passkeys).toEqual([
        expect.objectContaining({ name: 'Laptop', backedUp: true, lastUsedAt: null }),
      ]);
      expect(detail.factors.phone).toEqual({ phone: '+•••••••••23', verifiedAt: expect.any(String) });
      expect(detail.factors.recoveryCodes.remaining).toBe(activation.recoveryCodes!.length);
      expect(detail.identities).toEqual([expect.objectContaining({ provider: 'google', email })]);
      expect(detail.memberships.map((m: { appId: string }) => m.appId)).toContain(app.id);
      expect(detail.sessions.length).toBeGreaterThan(0);
      expect(detail.sessions[0]).toMatchObject({
        appId: expect.any(String),
        aal: expect.any(String),
        impersonatorId: null,
      });
      expect(detail.tokens).toEqual([expect.objectContaining({ id: pat.body.pat.id, name: 'ci' })]);
      const types = detail.recentEvents.map((e: { type: string }) => e.type);
      expect(types).toContain('user.created');
      expect(types).toContain('mfa.factor_added');
      expect(detail.recentEvents.length).toBeLessThanOrEqual(20);

      const text = JSON.stringify(detail);
      for (const secret of [
        PASSWORD,
        '$argon2',
        enrolment.secret,
        pat.body.token,
        up.refreshToken,
        '+14155550123',
        'Y3JlZGVudGlhbC1pZC1zZWNyZXQ',
        'google-subject-4711',
        ...activation.recoveryCodes!,
      ]) {
        expect(text).not.toContain(secret);
      }
    });

    it('keeps the 20 latest events about the user', async () => {
      const { user } = await t.signUp(uniqueEmail('many-events'));
      for (let i = 0; i < 12; i++) {
        await as('POST', `/users/${user.id}/suspend`);
        await as('POST', `/users/${user.id}/reactivate`);
      }
      const events = (await as('GET', `/users/${user.id}`)).body.recentEvents;
      expect(events).toHaveLength(20);
      expect(events[0].type).toBe('user.reactivated');
      expect(events[0]).toMatchObject({ actorId: admin.userId, targetId: user.id });

      // A record about them that is not theirs (another user's, naming them as the target).
      t.clock.advance(1000);
      const about = {
        id: newId('evt', t.clock.now(), systemRandom),
        type: 'session.revoked' as const,
        at: t.clock.now(),
        outcome: 'success' as const,
        userId: admin.userId as never,
        sessionId: null,
        actorId: admin.userId,
        targetId: user.id,
        ip: null,
        userAgent: null,
        data: {},
      };
      await t.store.audit.append(about);
      const latest = (await as('GET', `/users/${user.id}`)).body.recentEvents;
      expect(latest).toHaveLength(20);
      expect(latest[0]).toMatchObject({ id: about.id, targetId: user.id, userId: admin.userId });
      expect(latest[1]).toEqual(events[0]);
    });

    it('is 404 NOT_FOUND for an unknown, malformed or purged id', async () => {
      const { user } = await t.signUp(uniqueEmail('purged'));
      await as('DELETE', `/users/${user.id}`);
      expect((await as('GET', `/users/${user.id}`)).body.user.status).toBe('deleted');
      expect((await as('POST', `/users/${user.id}/purge`)).status).toBe(200);
      for (const id of [UNKNOWN, 'nope', user.id]) {
        const reply = await as('GET', `/users/${id}`);
        expect([id, reply.status, reply.body.error.code]).toEqual([id, 404, 'NOT_FOUND']);
      }
    });

    it('AZ-04: a tenant admin sees their members with their app only, and 404 for anyone else', async () => {
      const app = await seedApp(t.store);
      const other = await seedApp(t.store);
      const tenant = await signInTenantAdmin(t, app.id);
      const member = await t.signUp(uniqueEmail('tenant-detail'));
      await t.gatehouse.addMember(member.user.id, app.id);
      await t.gatehouse.addMember(member.user.id, other.id);
      const outsider = await t.signUp(uniqueEmail('tenant-detail-outsider'));
      await t.gatehouse.addMember(outsider.user.id, other.id);

      const seen = await api('GET', `/users/${member.user.id}`, tenant.accessToken);
      expect(seen.status).toBe(200);
      expect(seen.body.memberships.map((m: { appId: string }) => m.appId)).toEqual([app.id]);
      // Their sessions are at the default app, not this one; events name other apps.
      expect(seen.body.sessions).toEqual([]);
      expect(seen.body.recentEvents).toEqual([]);
      expect(JSON.stringify(seen.body)).not.toContain(other.id);

      for (const id of [outsider.user.id, UNKNOWN, admin.userId]) {
        const reply = await api('GET', `/users/${id}`, tenant.accessToken);
        expect([reply.status, reply.body.error.code]).toEqual([404, 'NOT_FOUND']);
      }
    });
  });

  describe('POST /admin/users', () => {
    it('creates a user with a password that meets sign-up’s rules; they sign in with it; audited', async () => {
      const email = uniqueEmail('created');
      const reply = await as('POST', '/users', {
        email: `  ${email.toUpperCase()} `,
        name: 'Grace Hopper',
        displayName: 'Grace',
        emailVerified: true,
        password: 'a long enough created password',
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        user: { email, name: 'Grace Hopper', displayName: 'Grace', emailVerified: true, status: 'active' },
        memberships: [],
        setPasswordLinkSent: false,
      });
      expect((await signIn(email, 'a long enough created password')).status).toBe(200);
      const record = await expectAudited(t, reply.body.user.id, 'user.created', admin.userId, [
        'a long enough created password',
      ]);
      expect(record.data).toMatchObject({ method: 'operator', password: true });
    });

    it('refuses a weak or breached-list password with WEAK_PASSWORD, storing nothing', async () => {
      for (const password of ['short', 'password123']) {
        const email = uniqueEmail('weak');
        const reply = await as('POST', '/users', { email, password });
        expect([reply.status, reply.body.error.code]).toEqual([400, 'WEAK_PASSWORD']);
        expect((await as('GET', `/users?q=${encodeURIComponent(email)}`)).body.users).toEqual([]);
      }
    });

    it('without a password mails a set-password link that works once and expires', async () => {
      const email = uniqueEmail('link');
      const reply = await as('POST', '/users', { email });
      expect(reply.status).toBe(201);
      expect(reply.body.setPasswordLinkSent).toBe(true);
      expect((await as('GET', `/users/${reply.body.user.id}`)).body.password).toEqual({
        set: false,
        setAt: null,
      });
      const { token, mail } = await mailedLink(smtp, email, 'reset-password');
      expect(mail.subject).toBe('Your account is ready: choose a password');
      const set = await t.request('POST', '/auth/reset-password', { body: { token, password: PASSWORD } });
      expect(set.status).toBe(200);
      expect((await signIn(email)).status).toBe(200);
      const again = await t.request('POST', '/auth/reset-password', {
        body: { token, password: 'another good password' },
      });
      expect([again.status, again.body.error.code]).toEqual([400, 'LINK_USED']);

      const late = uniqueEmail('late-link');
      const slow = uniqueEmail('slow-link');
      await as('POST', '/users', { email: late });
      await as('POST', '/users', { email: slow });
      const expired = (await mailedLink(smtp, late, 'reset-password')).token;
      // Three days, not a reset link's hour: still good after two days, dead after three.
      t.clock.advance(2 * 24 * 3600 * 1000);
      const stillGood = await t.request('POST', '/auth/reset-password', {
        body: { token: (await mailedLink(smtp, slow, 'reset-password')).token, password: PASSWORD },
      });
      expect(stillGood.status).toBe(200);
      t.clock.advance(24 * 3600 * 1000 + 1000);
      const tooLate = await t.request('POST', '/auth/reset-password', {
        body: { token: expired, password: PASSWORD },
      });
      expect([tooLate.status, tooLate.body.error.code]).toEqual([400, 'LINK_EXPIRED']);
    });

    it('creates a username account, and memberships with their roles and plans', async () => {
      const app = await seedApp(t.store);
      const username = `ops_${Date.now().toString(36)}`;
      const reply = await as('POST', '/users', {
        username: username.toUpperCase(),
        password: 'a long enough created password',
        memberships: [{ appId: app.id, role: 'admin' }],
      });
      expect(reply.status).toBe(201);
      expect(reply.body.user).toMatchObject({ username, email: null });
      expect(reply.body.memberships).toEqual([
        expect.objectContaining({ appId: app.id, roles: ['admin'], plan: app.defaultPlan }),
      ]);
      const signedIn = await t.request('POST', '/auth/sign-in/username', {
        body: { username, password: 'a long enough created password' },
      });
      expect(signedIn.status).toBe(200);
      const joined = (await auditOf(t, reply.body.user.id, 'membership.created')).find(
        (r) => r.data.appId === app.id,
      );
      expect(joined).toMatchObject({ actorId: admin.userId, targetId: reply.body.user.id });
      expect(joined!.data.via).toBe('admin_api');
    });

    it('refuses bad input with 4xx and a stable code, storing nothing', async () => {
      const app = await seedApp(t.store);
      const email = uniqueEmail('refused');
      const cases: Array<[unknown, number, string]> = [
        [{}, 400, 'VALIDATION_ERROR'],
        [{ email: 'not an address' }, 400, 'VALIDATION_ERROR'],
        [{ email, role: 'admin' }, 400, 'VALIDATION_ERROR'],
        [{ username: 'lonely_one' }, 400, 'VALIDATION_ERROR'],
        [{ email, username: 'admin', password: PASSWORD }, 409, 'USERNAME_TAKEN'],
        [
          { email, memberships: [{ appId: 'app_00000000000070008000000000000001' }] },
          400,
          'VALIDATION_ERROR',
        ],
        [{ email, memberships: [{ appId: app.id }, { appId: app.id }] }, 400, 'VALIDATION_ERROR'],
        [{ email, memberships: [{ appId: newId('app', Date.now(), systemRandom) }] }, 404, 'APP_NOT_FOUND'],
        [{ email, memberships: [{ appId: app.id, role: 'nobody' }] }, 404, 'ROLE_NOT_FOUND'],
        [{ email, memberships: [{ appId: app.id, plan: 'platinum' }] }, 404, 'PLAN_NOT_FOUND'],
        [{ email, memberships: [{ appId: app.id, plan: 'pro' }] }, 422, 'EMAIL_REQUIRED_FOR_PAID'],
      ];
      for (const [body, status, code] of cases) {
        const reply = await as('POST', '/users', body);
        expect([JSON.stringify(body), reply.status, reply.body.error?.code]).toEqual([
          JSON.stringify(body),
          status,
          code,
        ]);
      }
      expect((await as('GET', `/users?q=${encodeURIComponent(email)}`)).body.users).toEqual([]);
      expect(mailsTo(smtp, email)).toEqual([]);
    });

    it('a taken address is 409 USER_EXISTS; of concurrent creates with one address exactly one is 201', async () => {
      const taken = (await t.signUp(uniqueEmail('taken'))).user.email;
      const dup = await as('POST', '/users', { email: taken });
      expect([dup.status, dup.body.error.code]).toEqual([409, 'USER_EXISTS']);

      const email = uniqueEmail('race');
      const replies = await Promise.all(
        Array.from({ length: 6 }, () =>
          as('POST', '/users', { email, password: 'a long enough race password' }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'USER_EXISTS')).toBe(
        true,
      );
      expect((await as('GET', `/users?q=${encodeURIComponent(email)}`)).body.users).toHaveLength(1);
    });
  });

  describe('PATCH /admin/users/:id', () => {
    it('changes profile fields and the verified flag; audited with the fields, never their values', async () => {
      const { user } = await t.signUp(uniqueEmail('patch'));
      const reply = await as('PATCH', `/users/${user.id}`, {
        name: 'New Name',
        displayName: 'Newbie',
        locale: 'de-DE',
        metadata: { plan: 'x' },
        emailVerified: true,
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        id: user.id,
        name: 'New Name',
        displayName: 'Newbie',
        locale: 'de-DE',
        metadata: { plan: 'x' },
        emailVerified: true,
      });
      const record = await expectAudited(t, user.id, 'user.updated', admin.userId, ['New Name', 'Newbie']);
      expect(record.data.fields).toBe('displayName,emailVerified,locale,metadata,name');
    });

    it('moves the address as verified: sessions end, the old address gets the notice with an undo link', async () => {
      const old = uniqueEmail('move-old');
      const next = uniqueEmail('move-new');
      const up = await t.signUp(old);
      const reply = await as('PATCH', `/users/${up.user.id}`, { email: next, displayName: 'Moved' });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ email: next, emailVerified: true, displayName: 'Moved' });
      expect(await sessionStatus(up.accessToken)).toBe(401);
      expect((await signIn(old)).status).toBe(401);
      expect((await signIn(next)).status).toBe(200);

      const notice = await mailedLink(smtp, old, 'cancel-email-change');
      expect(notice.mail.text).toContain(next);
      const record = await expectAudited(t, up.user.id, 'email.changed', admin.userId, [notice.token]);
      expect(record.data).toMatchObject({ from: old, to: next, verified: true, by: 'operator' });

      // The owner takes it back with the old address's link.
      const undo = await t.request('POST', '/auth/cancel-email-change', { body: { token: notice.token } });
      expect(undo.body).toMatchObject({ reverted: true, email: old });
      expect((await signIn(old)).status).toBe(200);
    });

    it('with reverify the new address is unverified and gets a verification link', async () => {
      const old = uniqueEmail('reverify-old');
      const next = uniqueEmail('reverify-new');
      const { user } = await t.signUp(old);
      await as('PATCH', `/users/${user.id}`, { emailVerified: true });
      const reply = await as('PATCH', `/users/${user.id}`, { email: next, reverify: true });
      expect(reply.body).toMatchObject({ email: next, emailVerified: false });
      const { token } = await mailedLink(smtp, next, 'verify-email');
      expect((await t.request('POST', '/auth/verify-email', { body: { token } })).status).toBe(200);
      expect((await as('GET', `/users/${user.id}`)).body.user.emailVerified).toBe(true);
      await waitForMail(smtp, old, /cancel-email-change/);
      const record = await expectAudited(t, user.id, 'email.changed', admin.userId, [token]);
      expect(record.data).toMatchObject({ verified: false });
    });

    it('with reverify the new address never reads as verified, not even while the change is applied', async () => {
      for (let round = 0; round < 3; round += 1) {
        const { user } = await t.signUp(uniqueEmail(`reverify-read-${round}`));
        await as('PATCH', `/users/${user.id}`, { emailVerified: true });
        const next = uniqueEmail(`reverify-read-new-${round}`);
        let done = false;
        const change = as('PATCH', `/users/${user.id}`, { email: next, reverify: true }).finally(() => {
          done = true;
        });
        const verifiedReads: string[] = [];
        while (!done) {
          const now = await t.store.users.findById(user.id);
          if (now?.email === next && now.emailVerified) verifiedReads.push(next);
        }
        expect((await change).status).toBe(200);
        expect([round, verifiedReads]).toEqual([round, []]);
        expect(await t.store.users.findById(user.id)).toMatchObject({ email: next, emailVerified: false });
      }
    });

    it('voids a pending self-service address change and the links mailed to the old address', async () => {
      const old = uniqueEmail('pending-old');
      const wanted = uniqueEmail('pending-wanted');
      const up = await t.signUp(old);
      expect((await change(up.accessToken, wanted)).status).toBe(202);
      const pending = await mailedLink(smtp, wanted, 'confirm-email-change');
      expect((await as('PATCH', `/users/${up.user.id}`, { email: uniqueEmail('pending-set') })).status).toBe(
        200,
      );
      const dead = await confirm(pending.token);
      expect(dead.status).toBe(400);
      expect((await signIn(wanted)).status).toBe(401);
    });

    it('a taken address is 409 USER_EXISTS and nothing changes; concurrent moves to one address: one wins', async () => {
      const taken = uniqueEmail('patch-taken');
      await t.signUp(taken);
      const { user } = await t.signUp(uniqueEmail('patch-taker'));
      const before = (await as('GET', `/users/${user.id}`)).body.user;
      const refused = await as('PATCH', `/users/${user.id}`, { email: taken, displayName: 'Not applied' });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'USER_EXISTS']);
      expect((await as('GET', `/users/${user.id}`)).body.user).toEqual(before);

      const target = uniqueEmail('contested');
      const a = await t.signUp(uniqueEmail('contender-a'));
      const b = await t.signUp(uniqueEmail('contender-b'));
      const replies = await Promise.all([
        as('PATCH', `/users/${a.user.id}`, { email: target }),
        as('PATCH', `/users/${b.user.id}`, { email: target }),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('USER_EXISTS');
      expect((await as('GET', `/users?q=${encodeURIComponent(target)}`)).body.users).toHaveLength(1);
    });

    it('refuses bad input with 400 before changing anything', async () => {
      const email = uniqueEmail('patch-bad');
      const { user } = await t.signUp(email);
      const before = (await as('GET', `/users/${user.id}`)).body.user;
      for (const body of [
        { email: uniqueEmail('x'), emailVerified: true },
        { reverify: true },
        { email: 'nope' },
        { email: uniqueEmail('y'), dateOfBirth: '2999-01-01' },
        { status: 'revoked' },
        { role: 'admin' },
        { emailVerified: 'yes' },
      ]) {
        const reply = await as('PATCH', `/users/${user.id}`, body);
        expect([JSON.stringify(body), reply.status, reply.body.error.code]).toEqual([
          JSON.stringify(body),
          400,
          'VALIDATION_ERROR',
        ]);
      }
      expect((await as('GET', `/users/${user.id}`)).body.user).toEqual(before);
    });

    it('is 404 for an unknown user, 409 USER_REVOKED for a revoked one, 409 USER_NOT_ACTIVE for a suspended one’s address', async () => {
      const unknown = await as('PATCH', `/users/${UNKNOWN}`, { name: 'x' });
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);

      const revoked = (await t.signUp(uniqueEmail('patch-revoked'))).user;
      await as('POST', `/users/${revoked.id}/revoke`);
      const r = await as('PATCH', `/users/${revoked.id}`, { name: 'x' });
      expect([r.status, r.body.error.code]).toEqual([409, 'USER_REVOKED']);

      const suspended = (await t.signUp(uniqueEmail('patch-suspended'))).user;
      await as('POST', `/users/${suspended.id}/suspend`);
      const s = await as('PATCH', `/users/${suspended.id}`, { email: uniqueEmail('z') });
      expect([s.status, s.body.error.code]).toEqual([409, 'USER_NOT_ACTIVE']);
      // Renaming a suspended user is fine (Flametrench: suspended users may be renamed).
      const renamed = await as('PATCH', `/users/${suspended.id}`, {
        displayName: 'Renamed',
        email: suspended.email,
      });
      expect(renamed.body).toMatchObject({ displayName: 'Renamed', status: 'suspended' });
    });
  });
});
