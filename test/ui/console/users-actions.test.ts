/**
 * Every action of the console's user page, on SQLite and PostgreSQL, through `handler(Request)`
 * as a browser sends it: each changes what its admin route changes, answers with a 303 back to
 * the user and a status message, and is audited with the operator as the actor and `via:
 * console`. Destructive actions happen only from their confirmation page with its confirming
 * button: posting one from the user's page, or posting the confirmation without the button,
 * changes nothing. Refusals (`CANNOT_ACT_ON_SELF`, `USER_REVOKED`, `CANNOT_IMPERSONATE_OPERATOR`,
 * `EMAIL_ALREADY_VERIFIED`, a session already ended) are messages with their status, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { base32Decode } from '../../../src/crypto/base32.js';
import { totpAt } from '../../../src/crypto/totp.js';
import { seedApp } from '../../support/apps.js';
import { openGatehouse, PASSWORD, signedIn, type TestGatehouse } from '../../support/gatehouse.js';
import type { SignedInOperator } from '../../support/operators.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, heading, open, submit } from '../pages.js';
import {
  act,
  confirm,
  expectConsoleEvent,
  offers,
  operatorBrowser,
  problemMessage,
  redirected,
  someUser,
  statusMessage,
  userPage,
} from './console.js';

describe.each(storeKinds)('the console user page: every action (%s)', (kind) => {
  let t: TestGatehouse;
  let operator: SignedInOperator;
  beforeAll(async () => {
    t = await openGatehouse(kind);
    operator = await operatorBrowser(t);
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await t.gatehouse.getUserDetail(id)).user.status;
  const sessionLive = async (token: string) =>
    (await t.request('GET', '/auth/session', { token })).status === 200;

  it('shows the user: profile, status, factors, apps, sessions, tokens, recent events', async () => {
    const user = await someUser(t);
    const body = await userPage(t, user.id);
    expect(heading({ body } as never)).toBe(user.email);
    for (const section of [
      'Profile',
      'Account status',
      'Second factors',
      'Linked identities',
      'Apps',
      'Sessions',
    ]) {
      expect(body).toContain(`>${section}</h2>`);
    }
    expect(body).toContain('Personal access tokens</h2>');
    expect(body).toContain('Recent events</h2>');
    expect(body).toContain('<code>user.created</code>');
    // An admin sees every action the user's status allows.
    for (const action of [
      'suspend',
      'revoke',
      'delete',
      'edit',
      'set-email',
      'send-verification',
      'impersonate',
    ]) {
      expect(offers(body, action), action).toBe(true);
    }
    expect(offers(body, 'reactivate')).toBe(false);
  });

  it('suspend: only from its confirmation page, with its button; audited as the operator through the console', async () => {
    const user = await someUser(t);
    // Posted from the user's page, the action only leads to its confirmation page.
    const direct = await act(t, user.id, { action: 'suspend' });
    expect(direct.status).toBe(303);
    expect(direct.headers.get('location')).toBe(`/console/users/${user.id}/confirm?action=suspend`);
    const path = `/console/users/${user.id}/confirm?action=suspend`;
    const page = await open(t, path);
    expectSafePage(page, 200);
    expect(heading(page)).toBe(`Suspend ${user.email}?`);
    // The confirmation posted without its button does nothing.
    const unconfirmed = await submit(t, path, { action: 'suspend' });
    expect(problemMessage(expectSafePage(unconfirmed, 400))).toContain('Nothing was done');
    expect(await status(user.id)).toBe('active');
    expect(await sessionLive(user.accessToken)).toBe(true);

    const done = await submit(t, path, { action: 'suspend', confirm: 'yes' });
    expect(done.headers.get('location')).toBe(`/console/users/${user.id}?done=suspend`);
    const shown = expectSafePage(await redirected(t, done), 200);
    expect(statusMessage(shown)).toBe('The user is suspended, and every session ended.');
    expect(await status(user.id)).toBe('suspended');
    expect(await sessionLive(user.accessToken)).toBe(false);
    await expectConsoleEvent(t, operator, 'user.suspended', user.id);
    // Suspended: reactivate is offered (at once, no confirmation); suspend is not.
    expect(offers(shown, 'reactivate')).toBe(true);
    expect(offers(shown, 'suspend')).toBe(false);

    const back = await act(t, user.id, { action: 'reactivate' });
    expect(statusMessage(expectSafePage(await redirected(t, back), 200))).toBe('The user is active again.');
    expect(await status(user.id)).toBe('active');
    await expectConsoleEvent(t, operator, 'user.reactivated', user.id);
  });

  it('revoke, then reactivate is refused with USER_REVOKED (409, a message); delete and restore keep revoked', async () => {
    const user = await someUser(t);
    const revoked = await confirm(t, user.id, 'revoke');
    expect(statusMessage(expectSafePage(await redirected(t, revoked), 200))).toBe('The user is revoked.');
    await expectConsoleEvent(t, operator, 'user.revoked', user.id);

    const refused = await act(t, user.id, { action: 'reactivate' });
    expect(problemMessage(expectSafePage(refused, 409))).toBe(
      'Not done: the user is revoked, which is final.',
    );
    expect(await status(user.id)).toBe('revoked');

    const deleted = await confirm(t, user.id, 'delete');
    expect(statusMessage(expectSafePage(await redirected(t, deleted), 200))).toMatch(
      /^The user is deleted\. They can be restored until .+\.$/,
    );
    expect(await status(user.id)).toBe('deleted');
    await expectConsoleEvent(t, operator, 'user.deleted', user.id);
    const restored = await act(t, user.id, { action: 'restore' });
    expect(statusMessage(expectSafePage(await redirected(t, restored), 200))).toBe(
      'The user is restored. Their status: Revoked.',
    );
    await expectConsoleEvent(t, operator, 'user.restored', user.id);
  });

  it('delete, then purge: a user not deleted first cannot be purged; purged, the list says so', async () => {
    const user = await someUser(t);
    const early = await confirm(t, user.id, 'purge');
    expect(problemMessage(expectSafePage(early, 409))).toBe(
      'Not done: only a deleted user can be purged. Delete them first.',
    );
    await confirm(t, user.id, 'delete');
    const purged = await confirm(t, user.id, 'purge');
    expect(purged.headers.get('location')).toBe('/console/users?done=purged');
    expect(statusMessage(expectSafePage(await redirected(t, purged), 200))).toBe('The user was erased.');
    await expect(t.gatehouse.getUserDetail(user.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expectConsoleEvent(t, operator, 'user.purged', user.id);
    // Its page is now the console's 404.
    expect(heading({ body: await userPage(t, user.id, 404) } as never)).toBe('No such user');
  });

  it('edit: only what changed is saved and audited; nothing changed says so', async () => {
    const user = await someUser(t);
    const saved = await act(t, user.id, { action: 'edit', name: 'Ada Lovelace', displayName: 'Ada' });
    expect(statusMessage(expectSafePage(await redirected(t, saved), 200))).toBe('The profile was saved.');
    const detail = await t.gatehouse.getUserDetail(user.id);
    expect([detail.user.name, detail.user.displayName, detail.user.emailVerified]).toEqual([
      'Ada Lovelace',
      'Ada',
      false,
    ]);
    expect(await expectConsoleEvent(t, operator, 'user.updated', user.id)).toMatchObject({
      fields: 'displayName,name',
    });
    const again = await act(t, user.id, { action: 'edit', name: 'Ada Lovelace', displayName: 'Ada' });
    expect(statusMessage(expectSafePage(await redirected(t, again), 200))).toBe('Nothing changed.');
    await expectConsoleEvent(t, operator, 'user.updated', user.id);

    const long = await act(t, user.id, { action: 'edit', name: 'x'.repeat(1001), displayName: 'Ada' });
    const body = expectSafePage(long, 400);
    expect(body).toContain('<a href="#edit-name">A name can be at most 1000 characters.</a>');
    expect(body).toMatch(/<input id="edit-name" name="name"[^>]*aria-invalid="true"/);
  });

  it('set-email: moves the account (re-verify), ends its sessions; a bad or taken address comes back at its field', async () => {
    const user = await someUser(t);
    const other = await someUser(t);
    const taken = await act(t, user.id, { action: 'set-email', email: other.email });
    expect(expectSafePage(taken, 409)).toContain(
      '<a href="#new-email">Another account has this email address.</a>',
    );
    const bad = await act(t, user.id, { action: 'set-email', email: 'not an address' });
    expect(expectSafePage(bad, 400)).toContain('value="not an address"');

    const to = `moved-${user.email}`;
    const moved = await act(t, user.id, { action: 'set-email', email: to, reverify: 'true' });
    expect(statusMessage(expectSafePage(await redirected(t, moved), 200))).toBe(
      'The address was changed. The old address was told, and every session ended.',
    );
    const detail = await t.gatehouse.getUserDetail(user.id);
    expect([detail.user.email, detail.user.emailVerified]).toEqual([to, false]);
    expect(await sessionLive(user.accessToken)).toBe(false);
    expect(await expectConsoleEvent(t, operator, 'email.changed', user.id)).toMatchObject({
      from: user.email,
      to,
      verified: false,
    });
  });

  it('sessions: end one at once; one already ended is a message; end all through the confirmation', async () => {
    const user = await someUser(t);
    const second = signedIn(await t.gatehouse.signIn({ email: user.email, password: PASSWORD }));
    const [first] = (await t.gatehouse.getUserDetail(user.id)).sessions.filter(
      (s) => s.id === second.session.id,
    );
    const ended = await act(t, user.id, { action: 'end-session', session: first!.id });
    expect(statusMessage(expectSafePage(await redirected(t, ended), 200))).toBe('The session ended.');
    expect(await sessionLive(second.accessToken)).toBe(false);
    expect(await sessionLive(user.accessToken)).toBe(true);
    await expectConsoleEvent(t, operator, 'session.revoked', user.id);

    const gone = await act(t, user.id, { action: 'end-session', session: first!.id });
    expect(problemMessage(expectSafePage(gone, 404))).toBe('Nothing to do: it had already ended.');

    signedIn(await t.gatehouse.signIn({ email: user.email, password: PASSWORD }));
    const page = await open(t, `/console/users/${user.id}/confirm?action=end-sessions`);
    expect(expectSafePage(page, 200)).toContain('2 live sessions end at once');
    const all = await confirm(t, user.id, 'end-sessions');
    expect(statusMessage(expectSafePage(await redirected(t, all), 200))).toBe('2 sessions ended.');
    expect((await t.gatehouse.getUserDetail(user.id)).sessions).toEqual([]);
  });

  it('reset-mfa: every second factor goes, through the confirmation; audited', async () => {
    const user = await someUser(t);
    const enrolment = await t.gatehouse.enrollTotp(user.accessToken);
    const secret = base32Decode(enrolment.secret);
    await t.gatehouse.activateTotp(user.accessToken, totpAt(secret, Math.floor(t.clock.now() / 1000)));
    expect(offers(await userPage(t, user.id), 'reset-mfa')).toBe(true);
    const reset = await confirm(t, user.id, 'reset-mfa');
    expect(statusMessage(expectSafePage(await redirected(t, reset), 200))).toContain(
      'Every second factor was removed',
    );
    expect((await t.gatehouse.getUserDetail(user.id)).factors.totp.enabled).toBe(false);
    await expectConsoleEvent(t, operator, 'mfa.reset', user.id);
  });

  it('links: a verification link and a reset link are mailed; an address already verified is a 409 message', async () => {
    const user = await someUser(t);
    const verify = await act(t, user.id, { action: 'send-verification' });
    expect(statusMessage(expectSafePage(await redirected(t, verify), 200))).toBe(
      'A verification link was mailed.',
    );
    await expectConsoleEvent(t, operator, 'email.verification_sent', user.id);
    const reset = await act(t, user.id, { action: 'send-password-reset' });
    expect(statusMessage(expectSafePage(await redirected(t, reset), 200))).toBe(
      'A password-reset link was mailed.',
    );
    await expectConsoleEvent(t, operator, 'password.reset_requested', user.id);

    await t.gatehouse.editUser(user.id, { emailVerified: true });
    const refused = await act(t, user.id, { action: 'send-verification' });
    expect(problemMessage(expectSafePage(refused, 409))).toBe('Not sent: the address is already verified.');
  });

  it('memberships: join an app with a role, change roles, plan and permissions, remove through the confirmation', async () => {
    const app = await seedApp(t.store);
    const user = await someUser(t);
    const joined = await act(t, user.id, { action: 'set-membership', app: app.id, role: 'guest' });
    expect(statusMessage(expectSafePage(await redirected(t, joined), 200))).toBe('The user joined the app.');
    await expectConsoleEvent(t, operator, 'membership.created', user.id);

    const body = await userPage(t, user.id);
    expect(body).toContain(`<summary>Change access at ${app.name}</summary>`);
    const changed = await act(t, user.id, {
      action: 'set-membership',
      app: app.id,
      rolesShown: '1',
      roles: 'member',
      plan: 'free',
      permissions: 'invoices:read reports:*',
    });
    expect(statusMessage(expectSafePage(await redirected(t, changed), 200))).toBe('The access was saved.');
    const membership = (await t.gatehouse.getUserDetail(user.id)).memberships.find((m) => m.appId === app.id);
    expect([membership?.roles, membership?.permissions]).toEqual([
      ['member'],
      ['invoices:read', 'reports:*'],
    ]);
    await expectConsoleEvent(t, operator, 'membership.roles_changed', user.id);
    await expectConsoleEvent(t, operator, 'membership.permissions_changed', user.id);

    const badRole = await act(t, user.id, {
      action: 'set-membership',
      app: app.id,
      rolesShown: '1',
      roles: 'nosuch',
    });
    expect(problemMessage(expectSafePage(badRole, 404))).toBe('Not done: the app has no such role.');

    const removed = await confirm(t, user.id, 'remove-membership', { app: app.id });
    expect(statusMessage(expectSafePage(await redirected(t, removed), 200))).toBe(
      'The user was removed from the app.',
    );
    expect((await t.gatehouse.getUserDetail(user.id)).memberships.some((m) => m.appId === app.id)).toBe(
      false,
    );
    await expectConsoleEvent(t, operator, 'membership.removed', user.id);
  });

  it('tokens: revoke one at once, then every other through the confirmation', async () => {
    const user = await someUser(t);
    const pats = [];
    for (const name of ['ci', 'laptop', 'backup']) {
      pats.push(await t.gatehouse.createPat(user.accessToken, { name, scopes: ['profile:read'] }));
    }
    const one = (await t.gatehouse.getUserDetail(user.id)).tokens.find((p) => p.name === 'ci')!;
    const revoked = await act(t, user.id, { action: 'revoke-token', token: one.id });
    expect(statusMessage(expectSafePage(await redirected(t, revoked), 200))).toBe('The token was revoked.');
    expect((await t.gatehouse.getUserDetail(user.id)).tokens.map((p) => p.name).sort()).toEqual([
      'backup',
      'laptop',
    ]);
    const all = await confirm(t, user.id, 'revoke-tokens');
    expect(statusMessage(expectSafePage(await redirected(t, all), 200))).toBe('2 tokens revoked.');
    expect((await t.gatehouse.getUserDetail(user.id)).tokens).toEqual([]);
    const { items } = await t.gatehouse.listAuditEvents({ type: 'pat.revoked', targetId: user.id });
    expect(items.map((e) => [e.actorId, e.data.via])).toEqual([
      [operator.userId, 'console'],
      [operator.userId, 'console'],
    ]);
  });

  it('CANNOT_ACT_ON_SELF and CANNOT_IMPERSONATE_OPERATOR are messages, and nothing changes', async () => {
    const self = await confirm(t, operator.userId, 'suspend');
    expect(problemMessage(expectSafePage(self, 409))).toBe(
      'Not done: operators cannot do this to their own account.',
    );
    expect(await status(operator.userId)).toBe('active');

    const colleague = await operatorBrowser(t);
    const other = await operatorBrowser(t);
    const refused = await confirm(t, colleague.userId, 'impersonate', { reason: 'checking' });
    expect(problemMessage(expectSafePage(refused, 403))).toBe('Not done: operators cannot be impersonated.');
    const { items } = await t.gatehouse.listAuditEvents({
      type: 'impersonation.started',
      actorId: other.userId,
    });
    expect(items).toEqual([]);
    // The other tests go on as the first operator.
    operator = await operatorBrowser(t);
  });

  it('an unknown action, on the user page or the confirmation page, is a 400 page and changes nothing', async () => {
    const user = await someUser(t);
    const unknown = await act(t, user.id, { action: 'explode' });
    expect(problemMessage(expectSafePage(unknown, 400))).toBe('That action is not known. Choose it again.');
    const page = await open(t, `/console/users/${user.id}/confirm?action=reactivate`);
    expect(heading(page)).toBe('Unknown action');
    expectSafePage(page, 400);
    expect(await status(user.id)).toBe('active');
  });
});

describe.each(storeKinds)('the console user page: the last admin (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('LAST_ADMIN: neither a suspension nor a removal from the console takes out its only admin', async () => {
    const admin = await operatorBrowser(t);
    const removal = await confirm(t, admin.userId, 'remove-membership', { app: CONSOLE_APP_ID });
    expect(problemMessage(expectSafePage(removal, 409))).toBe(
      'Not done: this would leave the console without an active admin. Make another operator admin first.',
    );
    await t.gatehouse.createRole(CONSOLE_APP_ID, {
      name: 'suspender',
      permissions: ['users:read', 'users:write'],
    });
    await operatorBrowser(t, 'suspender');
    const suspension = await confirm(t, admin.userId, 'suspend');
    expect(problemMessage(expectSafePage(suspension, 409))).toContain('without an active admin');
    const detail = await t.gatehouse.getUserDetail(admin.userId);
    expect([detail.user.status, detail.memberships.find((m) => m.appId === CONSOLE_APP_ID)?.roles]).toEqual([
      'active',
      ['admin'],
    ]);
  });
});
