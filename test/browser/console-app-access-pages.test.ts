/**
 * The console's pages about access to one app in Chromium: its roles (the list, a form's errors,
 * one role, the delete confirmation, a built-in role's refusal), its members (a page, a made-up
 * cursor) and its invitations (the list, a form's errors, the withdraw confirmation), and an app
 * beyond reach — each with zero serious or critical axe violations in both themes and no CSP
 * violation (`auditPage`). Inviting and withdrawing an invitation, and adding and deleting a
 * role, also work with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedApp } from '../support/apps.js';
import { uniqueEmail } from '../support/gatehouse.js';
import { expectPage, openPagesBrowser, type PagesBrowser, press } from '../support/page-audit.js';
import { mailedLink } from '../support/smtp.js';

describe('the console’s roles, members and invitations pages in Chromium', { timeout: 300_000 }, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  it('roles: the list, a form’s errors, one role, the delete confirmation and a built-in role’s refusal', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Shop' });
    await t.gatehouse.createRole(app.id, {
      name: 'billing',
      permissions: ['invoices:*'],
      description: 'Pays bills',
    });
    const { page } = await pages.operatorPage();
    const roles = `/console/apps/${app.id}/roles`;
    await expectPage(page, 'console.app-roles', await pages.visit(page, roles), 'Roles of Shop');

    await page.getByLabel('Name', { exact: true }).fill('Bad Name');
    await page.getByLabel('Permissions (optional)').fill('not a permission');
    await expectPage(page, 'console.app-roles.errors', await press(page, 'Add role'), 'Roles of Shop', 400);

    await expectPage(
      page,
      'console.app-role',
      await pages.visit(page, `${roles}/billing`),
      'Role billing of Shop',
    );
    await expectPage(
      page,
      'console.app-role.confirm-delete',
      await press(page, 'Delete role'),
      'Delete the role billing?',
    );
    await expectPage(
      page,
      'console.app-role.refused',
      await pages.visit(page, `${roles}/guest?confirm=delete`),
      'Role guest of Shop',
      409,
    );
    await expectPage(
      page,
      'console.app-role.missing',
      await pages.visit(page, `${roles}/nope`),
      'No such role',
      404,
    );
    await expectPage(
      page,
      'console.app.missing',
      await pages.visit(page, '/console/apps/app_nope/roles'),
      'No such app',
      404,
    );
  });

  it('roles: adding and deleting a role work with JavaScript off', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Plain' });
    const { page } = await pages.operatorPage({ javaScript: false });
    const roles = `/console/apps/${app.id}/roles`;
    await pages.visit(page, roles);
    await page.getByLabel('Name', { exact: true }).fill('editor');
    await page.getByLabel('Permissions (optional)').fill('posts:read\nposts:write');
    await expectPage(page, 'console.app-roles.added', await press(page, 'Add role'), 'Roles of Plain', 200, {
      audit: false,
    });
    expect(await page.getByRole('status').textContent()).toContain('The role editor was added.');
    await pages.visit(page, `${roles}/editor`);
    await press(page, 'Delete role');
    await expectPage(page, 'x', await press(page, 'Delete the role'), 'Roles of Plain', 200, {
      audit: false,
    });
    expect((await t.gatehouse.listRoles(app.id)).some((r) => r.name === 'editor')).toBe(false);
  });

  it('members: a page of members and a made-up cursor', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Club' });
    for (const email of [uniqueEmail('m'), uniqueEmail('m'), uniqueEmail('m')]) {
      const up = await t.signUp(email);
      await t.gatehouse.addMember(up.user.id, app.id);
    }
    const { page } = await pages.operatorPage();
    const members = `/console/apps/${app.id}/members`;
    await expectPage(
      page,
      'console.app-members',
      await pages.visit(page, `${members}?limit=2`),
      'Members of Club',
    );
    await expectPage(
      page,
      'console.app-members.bad-cursor',
      await pages.visit(page, `${members}?cursor=nonsense`),
      'Members of Club',
      400,
    );
  });

  it('invitations: the list, a form’s errors and the withdraw confirmation', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Guild' });
    const invitation = await t.gatehouse.createInvitation({ appId: app.id, email: uniqueEmail('guest') });
    const { page } = await pages.operatorPage();
    const invitations = `/console/apps/${app.id}/invitations`;
    await expectPage(
      page,
      'console.app-invitations',
      await pages.visit(page, invitations),
      'Invitations to Guild',
    );
    await page.getByLabel('Email address').fill('not-an-address');
    await expectPage(
      page,
      'console.app-invitations.errors',
      await press(page, 'Send invitation'),
      'Invitations to Guild',
      400,
    );
    await expectPage(
      page,
      'console.app-invitations.confirm',
      await pages.visit(page, `${invitations}?revoke=${invitation.id}`),
      `Withdraw the invitation for ${invitation.email}?`,
    );
  });

  it('invitations: inviting and withdrawing work with JavaScript off; the mail goes out', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Quiet' });
    const { page } = await pages.operatorPage({ javaScript: false });
    const invitations = `/console/apps/${app.id}/invitations`;
    const email = uniqueEmail('nojs');
    await pages.visit(page, invitations);
    await page.getByLabel('Email address').fill(email);
    await expectPage(page, 'x', await press(page, 'Send invitation'), 'Invitations to Quiet', 200, {
      audit: false,
    });
    expect(await page.getByRole('status').textContent()).toContain(`An invitation was sent to ${email}.`);
    const { token } = await mailedLink(pages.server.mails, email, 'accept-invitation');
    expect(await page.content()).not.toContain(token);

    await expectPage(
      page,
      'x',
      await press(page, /^Withdraw/),
      `Withdraw the invitation for ${email}?`,
      200,
      { audit: false },
    );
    await expectPage(page, 'x', await press(page, 'Withdraw the invitation'), 'Invitations to Quiet', 200, {
      audit: false,
    });
    expect(await page.getByRole('status').textContent()).toContain('The invitation was withdrawn');
    expect(await t.gatehouse.listInvitations(app.id)).toEqual([]);
  });
});
