/**
 * The console's members page of one app (`/console/apps/:id/members`), on SQLite and PostgreSQL:
 * the table with roles, plan and own permissions, cursor paging, each member linking to their
 * console page where their access is changed — and the last-admin guard's refusal shown there as
 * a clear 409 message; support reads it; a tenant admin reads their own app's members and gets a
 * 404 for any other app (AZ-04).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { signInTenantAdmin } from '../../admin/apps-setup.js';
import { seedApp } from '../../support/apps.js';
import { openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import { operatorBrowser, problemMessage, someUser } from './console.js';

describe.each(storeKinds)('the console’s members page of an app (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const members = (appId: string) => `/console/apps/${appId}/members`;

  it('lists the members with roles, plan and permissions, each linking to their console page', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'billing' });
    const ada = await someUser(t);
    await t.gatehouse.addMember(ada.id, app.id, { role: 'billing' });
    await t.gatehouse.setMemberPermissions(ada.id, app.id, ['reports:read']);
    await operatorBrowser(t);
    const reply = await open(t, members(app.id));
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe(`Members of ${app.name}`);
    expect(body).toContain(`<a href="/console/apps/${app.id}/members" aria-current="page">Members</a>`);
    // By address, with the id under it.
    expect(body).toContain(
      `<a href="/console/users/${ada.id}">${ada.email}</a><br><code class="gh-hint">${ada.id}</code>`,
    );
    expect(body).toContain(`<a href="/console/users/${ada.id}#apps">Manage`);
    expect(body).toContain('<td>billing</td>');
    expect(body).toContain('<td>free</td>');
    expect(body).toContain('<code>reports:read</code>');
    expect(body).toContain(`<a href="/console/users?app=${app.id}">`);
    expect(body).not.toContain('<form method="post"');

    const empty = await seedApp(t.store);
    expect(expectSafePage(await open(t, members(empty.id)), 200)).toContain('This app has no members yet.');
  });

  it('pages through the members by cursor, in user id order, and a made-up cursor gives the first page (400)', async () => {
    const app = await seedApp(t.store);
    const users = [await someUser(t), await someUser(t), await someUser(t)];
    for (const user of users) await t.gatehouse.addMember(user.id, app.id);
    const ids = users.map((u) => u.id).sort();
    await operatorBrowser(t);
    const first = expectSafePage(await open(t, `${members(app.id)}?limit=2`), 200);
    expect(first).toContain(ids[0]);
    expect(first).toContain(ids[1]);
    expect(first).not.toContain(ids[2]);
    const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBe(`${members(app.id)}?limit=2&cursor=${ids[1]}`);
    const second = expectSafePage(await open(t, next!), 200);
    expect(second).toContain(ids[2]);
    expect(second).not.toContain(ids[0]);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain(`<a href="${members(app.id)}?limit=2">First page</a>`);

    const bad = await open(t, `${members(app.id)}?cursor=nonsense`);
    const badBody = expectSafePage(bad, 400);
    expect(problemMessage(badBody)).toContain('That page link is not valid');
    expect(badBody).toContain(ids[0]);
  });

  it('LAST_ADMIN: from the console app’s members to the only admin’s page, demoting them is refused in words', async () => {
    const fresh = await openGatehouse(kind);
    try {
      const admin = await operatorBrowser(fresh);
      const list = expectSafePage(await open(fresh, members(CONSOLE_APP_ID)), 200);
      expect(list).toContain(`<a href="/console/users/${admin.userId}#apps">`);
      await open(fresh, `/console/users/${admin.userId}`);
      const demoted = await submit(fresh, `/console/users/${admin.userId}`, {
        action: 'set-membership',
        app: CONSOLE_APP_ID,
        rolesShown: '1',
        roles: 'support',
        plan: 'free',
      });
      expect(problemMessage(expectSafePage(demoted, 409))).toContain('without an active admin');
      const detail = await fresh.gatehouse.getUserDetail(admin.userId);
      expect(detail.memberships.find((m) => m.appId === CONSOLE_APP_ID)?.roles).toEqual(['admin']);
    } finally {
      await fresh.close();
    }
  });

  it('support reads the members; a tenant admin reads their own app’s and gets a 404 for another (AZ-04)', async () => {
    const app = await seedApp(t.store);
    const other = await seedApp(t.store);
    const member = await someUser(t);
    await t.gatehouse.addMember(member.id, app.id);
    const outsider = await someUser(t);
    await t.gatehouse.addMember(outsider.id, other.id);

    await operatorBrowser(t, 'support');
    expect(expectSafePage(await open(t, members(other.id)), 200)).toContain(outsider.id);

    const admin = await signInTenantAdmin(t, app.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });
    expect(expectSafePage(await open(t, members(app.id)), 200)).toContain(member.id);
    for (const appId of [other.id, CONSOLE_APP_ID]) {
      const away = await open(t, members(appId));
      expect(heading(away)).toBe('No such app');
      expect(expectSafePage(away, 404)).not.toContain(outsider.id);
    }
  });

  it('is written in German for a German operator', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    const reply = await open(t, members(app.id), { 'accept-language': 'de' });
    expect(heading(reply)).toBe(`Mitglieder von ${app.name}`);
    expect(expectSafePage(reply, 200)).toContain('Diese App hat noch keine Mitglieder.');
  });
});
