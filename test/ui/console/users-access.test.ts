/**
 * Who gets into the console's users area, on SQLite and PostgreSQL: someone signed out is sent to
 * sign in (by way of the session resume); a signed-in user who is not an operator gets the
 * console's 403 page, an operator signed in without a second factor the one that says to add and
 * use one, a browser impersonating a user the one that ends it. A `support` operator sees no
 * action their role lacks and is refused (403) when posting one; a tenant admin sees only their
 * app's members, and another app's user is a 404 (AZ-04). Every form needs its CSRF token and a
 * same-origin post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { signInTenantAdmin } from '../../admin/apps-setup.js';
import { seedApp } from '../../support/apps.js';
import {
  openGatehouse,
  PASSWORD,
  signedIn,
  type TestGatehouse,
  uniqueEmail,
} from '../../support/gatehouse.js';
import { CONSOLE } from '../../support/operators.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, SAME_ORIGIN, signInBrowser, submit } from '../pages.js';
import { act, offers, operatorBrowser, someUser, userPage } from './console.js';

describe.each(storeKinds)('the console users area: who gets in (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const status = async (id: string) => (await t.gatehouse.getUserDetail(id)).user.status;

  it('/console opens the users; signed out, the console sends the browser to sign in and back', async () => {
    clearBrowser(t);
    const root = await open(t, '/console');
    expect([root.status, root.headers.get('location')]).toEqual([303, '/console/users']);
    const users = await open(t, '/console/users?q=ada');
    expect(users.status).toBe(303);
    expect(users.headers.get('location')).toBe(
      `/auth/refresh/resume?returnTo=${encodeURIComponent('/console/users?q=ada')}`,
    );
  });

  it('AZ-05: a signed-in user who is not an operator gets the console’s 403 page, and no data', async () => {
    const user = await someUser(t);
    const other = await someUser(t);
    clearBrowser(t);
    signInBrowser(t, { accessToken: user.accessToken });
    for (const path of ['/console/users', `/console/users/${other.id}`, '/console/users/new']) {
      const reply = await open(t, path);
      const body = expectSafePage(reply, 403);
      expect(heading(reply)).toBe('The console is for operators');
      expect(body).toContain('<a href="/account">Go to your account</a>');
      // Not a console session: signing in at the console comes back to this page (no sign-out needed).
      expect(body).toContain(`<a href="/sign-in?returnTo=${encodeURIComponent(path)}">`);
      expect(body).not.toContain(other.email);
    }
    const posted = await submit(t, `/console/users/${other.id}/confirm?action=suspend`, {
      action: 'suspend',
      confirm: 'yes',
    });
    expect(heading(posted)).toBe('The console is for operators');
    expectSafePage(posted, 403);
    expect(await status(other.id)).toBe('active');
  });

  it('an operator signed in without a second factor is told to add one and sign in again (403)', async () => {
    const email = uniqueEmail('aal1-operator');
    const up = await t.signUp(email);
    await t.gatehouse.addMember(up.user.id, CONSOLE_APP_ID, { role: 'admin' });
    const session = signedIn(await t.gatehouse.signIn({ email, password: PASSWORD }, CONSOLE));
    expect(session.session.aal).toBe('aal1');
    clearBrowser(t);
    signInBrowser(t, { accessToken: session.accessToken });
    const reply = await open(t, '/console/users');
    const body = expectSafePage(reply, 403);
    expect(heading(reply)).toBe('The console needs a second factor');
    expect(body).toContain('<a href="/account/security">Set up a second factor</a>');
    expect(body).toContain('Sign out and sign in again');
  });

  it('support reads everything and sends links, but sees no other action, and posting one is 403', async () => {
    const user = await someUser(t);
    await operatorBrowser(t, 'support');
    const body = await userPage(t, user.id);
    for (const action of [
      'suspend',
      'revoke',
      'delete',
      'edit',
      'set-email',
      'end-session',
      'reset-mfa',
      'set-membership',
      'impersonate',
    ]) {
      expect(offers(body, action), action).toBe(false);
    }
    expect(offers(body, 'send-password-reset')).toBe(true);
    expect(body).not.toContain('Create a user');
    expect(await open(t, '/console/users')).toMatchObject({ status: 200 });

    const confirmPage = await open(t, `/console/users/${user.id}/confirm?action=suspend`);
    expect(heading(confirmPage)).toBe('Your role does not allow this');
    expectSafePage(confirmPage, 403);
    await open(t, `/console/users/${user.id}`);
    for (const [path, fields] of [
      [`/console/users/${user.id}/confirm?action=suspend`, { action: 'suspend', confirm: 'yes' }],
      [`/console/users/${user.id}`, { action: 'reactivate' }],
      [`/console/users/${user.id}`, { action: 'edit', name: 'Mallory' }],
    ] as const) {
      const refused = await submit(t, path, fields);
      expect(heading(refused)).toBe('Your role does not allow this');
      expectSafePage(refused, 403);
    }
    expect(await status(user.id)).toBe('active');
    expect((await t.gatehouse.getUserDetail(user.id)).user.name).toBeNull();
    expectSafePage(await open(t, '/console/users/new'), 403);

    const sent = await act(t, user.id, { action: 'send-password-reset' });
    expect(sent.status).toBe(303);
  });

  it('AZ-04: a tenant admin sees their app’s members only; another app’s user is 404, another app is refused', async () => {
    const app = await seedApp(t.store);
    const otherApp = await seedApp(t.store);
    const member = await someUser(t);
    await t.gatehouse.addMember(member.id, app.id);
    const outsider = await someUser(t);
    await t.gatehouse.addMember(outsider.id, otherApp.id);
    const admin = await signInTenantAdmin(t, app.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });

    const list = expectSafePage(await open(t, '/console/users'), 200);
    expect(list).toContain(member.email);
    expect(list).not.toContain(outsider.email);
    // The console's navigation offers what their role opens: users and apps, not the audit log or stats.
    expect(list).toContain('<a href="/console/users" aria-current="page">Users</a>');
    expect(list).not.toContain('/console/audit');
    expect(list).not.toContain('/console/stats');

    const away = await open(t, `/console/users/${outsider.id}`);
    expect(heading(away)).toBe('No such user');
    expectSafePage(away, 404);
    const named = await open(t, `/console/users?app=${otherApp.id}`);
    expect(expectSafePage(named, 400)).toContain('There is no such app.');
    expect(String(named.body)).not.toContain(outsider.email);

    const own = await userPage(t, member.id);
    expect(own).not.toContain('Recent events');
    expect(offers(own, 'suspend')).toBe(false);
    expect(offers(own, 'set-membership')).toBe(true);
    // Acting on the outsider anyway: 404 as if they did not exist, and nothing ends.
    const outsiderSession = await t.request('GET', '/auth/session', { token: outsider.accessToken });
    expect(outsiderSession.status).toBe(200);
    await open(t, `/console/users/${member.id}`);
    const ended = await submit(t, `/console/users/${outsider.id}/confirm?action=end-sessions`, {
      action: 'end-sessions',
      confirm: 'yes',
    });
    expectSafePage(ended, 404);
    expect((await t.request('GET', '/auth/session', { token: outsider.accessToken })).status).toBe(200);
  });

  it('CSRF-01: a post without the form’s token, or from another site, is refused and changes nothing', async () => {
    const user = await someUser(t);
    await operatorBrowser(t);
    await open(t, `/console/users/${user.id}`);
    const path = `/console/users/${user.id}/confirm?action=suspend`;
    const noToken = await submit(t, path, { action: 'suspend', confirm: 'yes', csrf: '' });
    expectSafePage(noToken, 403);
    const crossSite = await submit(
      t,
      path,
      { action: 'suspend', confirm: 'yes' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expectSafePage(crossSite, 403);
    expect(await status(user.id)).toBe('active');
    const ok = await submit(t, path, { action: 'suspend', confirm: 'yes' }, SAME_ORIGIN);
    expect(ok.status).toBe(303);
    expect(await status(user.id)).toBe('suspended');
  });
});
