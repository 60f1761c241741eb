/**
 * Invitations over HTTP, on SQLite and PostgreSQL, with the link really mailed over SMTP: a new
 * address gets a verified account and a session at the invite-only app (its token names that
 * app and the invited role); an existing verified account joins with no session and then signs
 * in as usual; an unverified squatter loses the address first; concurrent accepts spend the
 * invitation once; expired, revoked, used and unknown links get the mailed-link answers; a
 * non-member is refused at the invite-only app with no session row; the `/accept-invitation`
 * page shows a form without spending anything and accepts on submit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/crypto/opaque-token.js';
import type { AppView } from '../../src/services/apps/app-view.js';
import { openGatehouseWithSmtp, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { mailedLink, type SmtpReceiver } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';
import { expectSafePage, follow, heading, open, submit } from '../ui/pages.js';

const NEW_PASSWORD = 'a different horse battery staple';
const ACCEPT = '/auth/invitations/accept';

describe.each(everyStoreKind)('invitations (%s)', (kind) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let close: () => Promise<void>;
  let app: AppView;

  beforeAll(async () => {
    ({ t, smtp, close } = await openGatehouseWithSmtp(kind));
    ({ app } = await t.gatehouse.createApp({
      name: 'Team Space',
      signUp: 'invite_only',
      audience: `https://team.example/${kind}`,
    }));
    await t.gatehouse.createRole(app.id, { name: 'editor', permissions: ['docs:write'] });
  });
  afterAll(() => close());

  const as = (id: string) => ({ 'gatehouse-app': id });
  /** Invites `email` and returns the token from the mail that arrived over SMTP. */
  async function invite(email = uniqueEmail('invitee'), role = 'editor', appId = app.id) {
    const invitation = await t.gatehouse.createInvitation({ appId, email, role });
    const { token, url, mail } = await mailedLink(smtp, email, 'accept-invitation');
    return { email, invitation, token, url, mail };
  }
  const accept = (body: Record<string, unknown>) => t.request('POST', ACCEPT, { body });
  const sessionsOf = async (email: string) => {
    const user = await t.store.users.findByEmail(email);
    return user ? (await t.store.sessions.listForUser(user.id)).length : 0;
  };
  const signIn = (email: string, password = PASSWORD, appId = app.id) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password }, headers: as(appId) });

  it('mails a single-use link to the base URL, stored as its digest; a new address gets a verified account and a session at the app, with the invited role', async () => {
    const { email, invitation, token, url, mail } = await invite();
    expect(url.origin + url.pathname).toBe('https://app.example/accept-invitation');
    expect(mail.subject).toBe('You are invited to Team Space');
    expect(mail.text).toContain('join Team Space as editor');
    expect(mail.text).toContain('7 days');
    expect(mail.html).toContain(url.href.replace(/&/g, '&amp;'));
    expect(await t.store.invitations.findByToken(hashToken(token))).toMatchObject({ id: invitation.id });
    expect(JSON.stringify(await t.db.rows(`${t.tablePrefix}invitations`))).not.toContain(token);
    expect(await t.gatehouse.listInvitations(app.id)).toContainEqual(invitation);

    const reply = await accept({ token, password: NEW_PASSWORD, name: 'Ada' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.user).toMatchObject({ email, emailVerified: true, name: 'Ada' });
    const claims = await t.gatehouse.verifyAccessToken(reply.body.accessToken);
    expect(claims).toMatchObject({
      app: app.id,
      aud: `https://team.example/${kind}`,
      roles: ['editor'],
      perms: ['docs:write'],
      amr: ['email'],
    });
    const session = await t.request('GET', '/auth/session', {
      token: reply.body.accessToken,
      headers: as(app.id),
    });
    expect(session.status).toBe(200);
    expect((await t.gatehouse.listInvitations(app.id)).map((i) => i.id)).not.toContain(invitation.id);
    const accepted = await t.gatehouse.listAuditEvents({
      userId: reply.body.user.id,
      type: 'invitation.accepted',
    });
    expect(accepted.items[0]?.data).toEqual({
      appId: app.id,
      invitationId: invitation.id,
      role: 'editor',
      newAccount: true,
    });
    expect(
      (await t.gatehouse.listAuditEvents({ userId: reply.body.user.id, type: 'user.created' })).items[0]
        ?.data,
    ).toEqual({ method: 'invitation', emailVerified: true });
    // The password chosen on acceptance signs in at the invite-only app from now on.
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    const again = await accept({ token, password: NEW_PASSWORD });
    expect([again.status, again.body.error.code]).toEqual([400, 'LINK_USED']);
  });

  it('without a password: an account with none, signed in; a weak password is refused and leaves the link unspent', async () => {
    const { email, token } = await invite();
    const weak = await accept({ token, password: 'short' });
    expect([weak.status, weak.body.error.code]).toEqual([400, 'WEAK_PASSWORD']);
    expect(await t.store.users.findByEmail(email)).toBeNull();
    const reply = await accept({ token });
    expect(reply.status).toBe(201);
    expect(await t.store.credentials.findActivePassword(reply.body.user.id)).toBeNull();
  });

  it('an existing verified account joins with the role and gets no session; then signs in with its own password (the one sent along is ignored)', async () => {
    const email = uniqueEmail('existing');
    const { user } = await t.signUp(email);
    await t.gatehouse.updateUser(user.id, { emailVerified: true });
    const refused = await signIn(email);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    const { token } = await invite(email);
    const before = await sessionsOf(email);

    const reply = await accept({ token, password: NEW_PASSWORD });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ accepted: true, appId: app.id, role: 'editor' });
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(await sessionsOf(email)).toBe(before);
    expect((await t.store.memberships.find(app.id, user.id))?.roles).toEqual(['editor']);

    expect((await signIn(email, NEW_PASSWORD)).status).toBe(401);
    const signedIn = await signIn(email);
    expect(signedIn.status).toBe(200);
    expect(await t.gatehouse.verifyAccessToken(signedIn.body.accessToken)).toMatchObject({
      app: app.id,
      roles: ['editor'],
    });
  });

  it('an existing membership is kept as it is', async () => {
    const email = uniqueEmail('member-already');
    const { user } = await t.signUp(email);
    await t.gatehouse.updateUser(user.id, { emailVerified: true });
    await t.gatehouse.addMember(user.id, app.id, { role: 'admin' });
    const { token } = await invite(email);
    expect((await accept({ token })).body).toEqual({ accepted: true, appId: app.id, role: 'editor' });
    expect((await t.store.memberships.find(app.id, user.id))?.roles).toEqual(['admin']);
  });

  it('an unverified account holding the address is released first; the invitee gets a fresh account', async () => {
    const email = uniqueEmail('squatted');
    const squatter = await t.signUp(email);
    const { token } = await invite(email);
    const reply = await accept({ token, password: NEW_PASSWORD });
    expect(reply.status).toBe(201);
    expect(reply.body.user.id).not.toBe(squatter.user.id);
    expect((await t.store.users.findById(squatter.user.id))?.email).toBeNull();
    expect((await t.request('GET', '/auth/session', { token: squatter.accessToken })).status).toBe(401);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('accepted once when the link is used many times at once: one success, the rest LINK_USED, one account', async () => {
    for (const existing of [false, true]) {
      const email = uniqueEmail(existing ? 'race-existing' : 'race-new');
      if (existing) {
        const { user } = await t.signUp(email);
        await t.gatehouse.updateUser(user.id, { emailVerified: true });
      }
      const { token } = await invite(email);
      const replies = await Promise.all(
        Array.from({ length: 6 }, () => accept({ token, password: NEW_PASSWORD })),
      );
      const ok = replies.filter((r) => r.status === 200 || r.status === 201);
      expect(ok, JSON.stringify(replies.map((r) => r.body))).toHaveLength(1);
      for (const r of replies.filter((r) => !ok.includes(r))) {
        expect([r.status, r.body.error.code]).toEqual([400, 'LINK_USED']);
      }
      const user = await t.store.users.findByEmail(email);
      expect(user?.emailVerified).toBe(true);
      expect((await t.store.memberships.find(app.id, user!.id))?.roles).toEqual(['editor']);
    }
  });

  it('expired, revoked, unknown and malformed links get the mailed-link answers; a disabled app is APP_INACTIVE', async () => {
    const expired = await invite();
    t.clock.advance(7 * 24 * 3600 * 1000);
    const late = await accept({ token: expired.token });
    expect([late.status, late.body.error.code]).toEqual([400, 'LINK_EXPIRED']);
    expect(await t.store.users.findByEmail(expired.email)).toBeNull();

    const revoked = await invite();
    await t.gatehouse.revokeInvitation(app.id, revoked.invitation.id);
    const withdrawn = await accept({ token: revoked.token });
    expect([withdrawn.status, withdrawn.body.error.code]).toEqual([400, 'LINK_INVALID']);
    expect(await t.store.users.findByEmail(revoked.email)).toBeNull();
    await expect(t.gatehouse.revokeInvitation(app.id, revoked.invitation.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const unknown = await accept({ token: 'A'.repeat(43) });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'LINK_INVALID']);
    for (const body of [{}, { token: '' }, { token: 42 }, { token: 'x', role: 'admin' }]) {
      expect((await accept(body)).body.error.code, JSON.stringify(body)).toBe('VALIDATION_ERROR');
    }

    const { app: paused } = await t.gatehouse.createApp({ name: 'Paused', signUp: 'invite_only' });
    const later = await invite(uniqueEmail('paused'), 'member', paused.id);
    await t.gatehouse.updateApp(paused.id, { status: 'disabled' });
    const inactive = await accept({ token: later.token });
    expect([inactive.status, inactive.body.error.code]).toEqual([403, 'APP_INACTIVE']);
    await expect(
      t.gatehouse.createInvitation({ appId: paused.id, email: uniqueEmail('nope') }),
    ).rejects.toMatchObject({ code: 'APP_INACTIVE' });
  });

  it('createInvitation refuses an unknown role, a bad address, a bad expiry', async () => {
    const refusal = (input: Parameters<TestGatehouse['gatehouse']['createInvitation']>[0]) =>
      t.gatehouse.createInvitation(input).then(
        () => null,
        (e: { code: string }) => e.code,
      );
    expect(await refusal({ appId: app.id, email: uniqueEmail(), role: 'ghost' })).toBe('ROLE_NOT_FOUND');
    expect(await refusal({ appId: app.id, email: 'not an address' })).toBe('VALIDATION_ERROR');
    expect(await refusal({ appId: app.id, email: uniqueEmail(), expiresIn: 10 })).toBe('VALIDATION_ERROR');
    expect(await refusal({ appId: 'app_0190f2a81b3c7abc8123456789abcdef', email: uniqueEmail() })).toBe(
      'APP_NOT_FOUND',
    );
  });

  it('a non-member signing in to the invite-only app is 403 NOT_A_MEMBER, and no session row is made', async () => {
    const email = uniqueEmail('outsider');
    const { user } = await t.signUp(email);
    const before = await t.store.sessions.listForUser(user.id);
    const reply = await signIn(email);
    expect([reply.status, reply.body.error.code]).toEqual([403, 'NOT_A_MEMBER']);
    expect(await t.store.sessions.listForUser(user.id)).toEqual(before);
    expect(await t.store.memberships.find(app.id, user.id)).toBeNull();
    const signUp = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail('walk-in'), password: PASSWORD },
      headers: as(app.id),
    });
    expect([signUp.status, signUp.body.error.code]).toEqual([403, 'SIGN_UP_CLOSED']);
  });

  it('the page: GET shows a form and spends nothing; the post makes the account and signs the browser in', async () => {
    const { email, url, token } = await invite();
    expect(url.pathname).toBe('/accept-invitation');
    for (let i = 0; i < 2; i++) {
      const form = await open(t, url);
      const body = expectSafePage(form, 200, token);
      expect(heading(form)).toBe('Accept your invitation');
      expect(body).toContain('<form method="post" action="accept-invitation" novalidate>');
      expect(body).toContain('name="password" type="password"');
    }
    expect(await t.store.users.findByEmail(email)).toBeNull();

    const weak = await submit(t, '/accept-invitation', { token, password: 'short', name: 'Grace' });
    expectSafePage(weak, 400, token);
    expect(String(weak.body)).toContain('Use at least');
    expect(String(weak.body)).toContain('value="Grace"');

    const posted = await submit(t, '/accept-invitation', { token, password: NEW_PASSWORD, name: 'Grace' });
    expect(posted.headers.get('location')).toBe('accept-invitation?result=joined');
    const cookies = posted.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar, ...as(app.id) } });
    expect(session.status).toBe(200);
    const result = await follow(t, '/accept-invitation', posted, token);
    expectSafePage(result, 200);
    expect(heading(result)).toBe('Welcome');

    const used = await submit(t, '/accept-invitation', { token });
    expectSafePage(used, 400);
    expect(heading(used)).toBe('This link was already used');
  });

  it('the page: an existing account is told it has joined, with no session cookies', async () => {
    const email = uniqueEmail('page-existing');
    const { user } = await t.signUp(email);
    await t.gatehouse.updateUser(user.id, { emailVerified: true });
    const { token } = await invite(email);
    const posted = await submit(t, '/accept-invitation', { token, password: '' });
    expect(posted.status).toBe(303);
    expect(posted.headers.getSetCookie()).toEqual([]);
    const result = await follow(t, '/accept-invitation', posted, token);
    expect(heading(result)).toBe('You have joined');
    expect((await open(t, '/accept-invitation')).status).toBe(400);
  });
});
