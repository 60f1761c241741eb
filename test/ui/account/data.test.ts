/**
 * `/account/apps`, `/account/data`, `/account/delete` and `/account/deleted` on SQLite and
 * PostgreSQL: the apps the user belongs to with roles and plan; the data export downloads as a
 * JSON attachment that holds the account and no secret (no password hash, no token); deleting
 * needs the ticked confirmation and the password — either missing or wrong, nothing happens —
 * and then ends every session, clears the browser's cookies and shows the goodbye page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountStrings } from '../../../src/ui/locales/account/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { expectSafePage, follow, heading, open, submit } from '../pages.js';
import { fieldError, otherDevice, sessionStatus, signedInUser } from './account.js';
import { passwordlessUser } from './passwordless-user.js';

const s = accountStrings.en;

describe.each(storeKinds)('the data, deletion and apps pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t?.close());

  it('apps: the apps the user belongs to, with roles and plan', async () => {
    const user = await signedInUser(t, 'apps-list');
    const { app } = await t.gatehouse.createApp({ name: 'Billing <Desk>' });
    await t.gatehouse.addMember(user.userId as never, app.id, { role: 'admin' });
    const body = expectSafePage(await open(t, '/account/apps'), 200);
    expect(body).toContain('<th scope="row">Billing &lt;Desk&gt;</th>');
    const row = /<th scope="row">Billing &lt;Desk&gt;<\/th>\s*<td>([^<]*)<\/td>\s*<td>([^<]*)<\/td>/.exec(
      body,
    );
    expect(row?.slice(1)).toEqual(['admin', 'free']);
    const mine = (await t.request('GET', '/auth/me/apps', { token: user.accessToken })).body.apps;
    expect(body.match(/<th scope="row">/g)).toHaveLength(mine.length);
  });

  it('export: a JSON download of the account, with no secret in it', async () => {
    const user = await signedInUser(t, 'data-export');
    await open(t, '/account/data');
    const reply = await submit(t, '/account/data', {});
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(
      /^attachment; filename="account-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const data = reply.body;
    expect(data.user).toMatchObject({ id: user.userId, email: user.email });
    expect(data.sessions.some((x: { id: string }) => x.id === user.sessionId)).toBe(true);
    const text = JSON.stringify(data);
    for (const secret of [user.accessToken, user.refreshToken, PASSWORD, '$argon2'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(hash|tokenHash|secret|passwordHash)"/);
    // The export is recorded, as through the API.
    const audit = await t.gatehouse.listAuditEvents({
      userId: user.userId as never,
      type: ['user.exported'],
    });
    expect(JSON.stringify(audit)).toContain('user.exported');
  });

  it('delete: the ticked confirmation and the password are both needed; without them nothing happens', async () => {
    const user = await signedInUser(t, 'delete-refused');
    const form = expectSafePage(await open(t, '/account/delete'), 200);
    expect(form).toContain(s.deleteAccount.soft(t.gatehouse.settings.deletedRetentionDays));
    expect(form).toMatch(/<input id="delete-confirm" name="confirm" type="checkbox" value="yes" required/);

    const unticked = await submit(t, '/account/delete', { password: PASSWORD });
    expectSafePage(unticked, 400);
    expect(fieldError(unticked, 'delete-confirm')).toBe(s.deleteAccount.confirmMissing);
    expect(fieldError(unticked, 'delete-password')).toBe('');

    const empty = await submit(t, '/account/delete', {});
    expectSafePage(empty, 400);
    expect(fieldError(empty, 'delete-password')).toBe(s.deleteAccount.passwordMissing);
    expect(fieldError(empty, 'delete-confirm')).toBe(s.deleteAccount.confirmMissing);

    const wrong = await submit(t, '/account/delete', { password: 'not my password', confirm: 'yes' });
    expectSafePage(wrong, 403);
    expect(fieldError(wrong, 'delete-password')).toBe(s.deleteAccount.passwordWrong);

    expect(await sessionStatus(t, user.accessToken)).toBe(200);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
  });

  it('delete: an account without a password is sent to set one (deleting needs it); one with a password is not', async () => {
    await passwordlessUser(t, 'delete-no-password');
    const without = expectSafePage(await open(t, '/account/delete'), 200);
    expect(without).toContain(
      `${s.deleteAccount.noPassword} <a href="/account/password">${s.email.setPassword}</a>`,
    );
    await signedInUser(t, 'delete-with-password');
    const withPassword = expectSafePage(await open(t, '/account/delete'), 200);
    expect(withPassword).not.toContain(s.deleteAccount.noPassword);
  });

  it('delete: confirmed, the account is gone, every session ends, the cookies are cleared, goodbye', async () => {
    const user = await signedInUser(t, 'delete-done');
    const phone = await otherDevice(t, user.email, 'Mozilla/5.0 (Android 14; Mobile) Firefox/128.0');
    await open(t, '/account/delete');
    const posted = await submit(t, '/account/delete', { password: PASSWORD, confirm: 'yes' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/account/deleted');
    const cleared = posted.headers.getSetCookie();
    expect(cleared.some((c) => /gh_access=;.*Max-Age=0/i.test(c))).toBe(true);
    expect(cleared.some((c) => /gh_refresh=;.*Max-Age=0/i.test(c))).toBe(true);

    const goodbye = await follow(t, '/account/delete', posted);
    const body = expectSafePage(goodbye, 200);
    expect(heading(goodbye)).toBe(s.deleted.title);
    expect(body).toContain(s.deleted.soft(t.gatehouse.settings.deletedRetentionDays));
    expect(body).not.toContain('<form class="gh-signout"');

    expect(await sessionStatus(t, user.accessToken)).toBe(401);
    expect(await sessionStatus(t, phone)).toBe(401);
    const signIn = await t.request('POST', '/auth/sign-in/email', {
      body: { email: user.email, password: PASSWORD },
    });
    expect(signIn.status).toBe(401);
    // The account pages now send the browser to sign in.
    expect((await open(t, '/account')).status).toBe(303);
  });
});
