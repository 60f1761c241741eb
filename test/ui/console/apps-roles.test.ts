/**
 * The console's roles pages of one app (`/console/apps/:id/roles`, `…/roles/:name`), on SQLite
 * and PostgreSQL: the table, adding a role (errors next to the fields), changing one, deleting a
 * custom role through its no-JavaScript confirmation step, and the refusals a role in use or a
 * built-in role gets (409, in words); `support` reads but gets no form and a 403 when posting; a
 * tenant admin changes their own app's roles and gets a 404 for any other app (AZ-04); a post
 * without the form's token is refused (CSRF-01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { signInCustomOperator, signInTenantAdmin } from '../../admin/apps-setup.js';
import { seedApp } from '../../support/apps.js';
import { openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser, submit } from '../pages.js';
import {
  expectConsoleEvent,
  operatorBrowser,
  problemMessage,
  redirected,
  someUser,
  statusMessage,
} from './console.js';

describe.each(storeKinds)('the console’s roles pages of an app (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const roles = (appId: string) => `/console/apps/${appId}/roles`;
  const rolesOf = async (appId: string) => t.gatehouse.listRoles(appId);

  it('lists the roles with their permissions, kind and the default, each linking to its page', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, {
      name: 'billing',
      permissions: ['invoices:*'],
      description: 'Pays <bills>',
    });
    await operatorBrowser(t);
    const reply = await open(t, roles(app.id));
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe(`Roles of ${app.name}`);
    expect(body).toContain(`<a href="/console/apps/${app.id}/roles" aria-current="page">Roles</a>`);
    for (const name of ['admin', 'member', 'guest', 'billing']) {
      expect(body).toContain(`<a href="/console/apps/${app.id}/roles/${name}">`);
    }
    expect(body).toContain('<code>invoices:*</code>');
    expect(body).toContain('Pays &lt;bills&gt;');
    expect(body).toMatch(/<code>member<\/code> <span class="gh-badge">default for new members<\/span>/);
    expect(body).toContain('Add a role');
  });

  it('adds a role from the form (Post/Redirect/Get), audited as the operator’s', async () => {
    const app = await seedApp(t.store);
    const operator = await operatorBrowser(t);
    await open(t, roles(app.id));
    const posted = await submit(t, roles(app.id), {
      name: 'editor',
      description: 'Edits posts',
      permissions: 'posts:read\r\nposts:write\r\n',
    });
    expect(posted.headers.get('location')).toBe(`${roles(app.id)}?done=created&role=editor`);
    const after = await redirected(t, posted);
    expect(statusMessage(expectSafePage(after, 200))).toBe('The role editor was added.');
    expect((await rolesOf(app.id)).find((r) => r.name === 'editor')).toMatchObject({
      description: 'Edits posts',
      permissions: ['posts:read', 'posts:write'],
      builtIn: false,
    });
    expect(await expectConsoleEvent(t, operator, 'role.created', app.id)).toMatchObject({ role: 'editor' });
  });

  it('shows what is wrong next to each field (400), and a taken name (409), keeping what was typed', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    await open(t, roles(app.id));
    const missing = await submit(t, roles(app.id), { name: '', permissions: '' });
    const missingBody = expectSafePage(missing, 400);
    expect(missingBody).toContain('<a href="#role-name">Enter a name for the role.</a>');
    expect(missingBody).toContain(
      '<span class="gh-field-error" id="role-name-error">Enter a name for the role.</span>',
    );

    const bad = await submit(t, roles(app.id), { name: 'Bad Name', permissions: 'posts:read' });
    expect(expectSafePage(bad, 400)).toContain('id="role-name-error">Use lower-case letters');
    const badPermission = await submit(t, roles(app.id), {
      name: 'writer',
      permissions: 'posts:read\nnot a permission',
    });
    const badBody = expectSafePage(badPermission, 400);
    expect(badBody).toContain('<a href="#role-permissions">Write each permission as resource:action');
    expect(badBody).toMatch(
      /<textarea id="role-permissions"[^>]*aria-describedby="role-permissions-hint role-permissions-error" aria-invalid="true">posts:read\nnot a permission<\/textarea>/,
    );
    expect(badBody).toContain('value="writer"');

    const taken = await submit(t, roles(app.id), { name: 'member', permissions: '' });
    expect(expectSafePage(taken, 409)).toContain(
      'id="role-name-error">The app already has a role by that name.',
    );
    expect((await rolesOf(app.id)).map((r) => r.name).sort()).toEqual(['admin', 'guest', 'member']);
  });

  it('changes a role’s description and permissions; admin keeps * and shows no permissions field', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'billing', permissions: ['invoices:read'] });
    const operator = await operatorBrowser(t);
    const path = `${roles(app.id)}/billing`;
    const page = expectSafePage(await open(t, path), 200);
    expect(page).toContain('>invoices:read</textarea>');
    const saved = await submit(t, path, {
      action: 'save',
      description: 'Billing team',
      permissions: 'invoices:*\nrefunds:read',
    });
    expect(saved.headers.get('location')).toBe(`${path}?done=updated`);
    expect(statusMessage(expectSafePage(await redirected(t, saved), 200))).toBe(
      'The role billing was saved.',
    );
    expect((await rolesOf(app.id)).find((r) => r.name === 'billing')).toMatchObject({
      description: 'Billing team',
      permissions: ['invoices:*', 'refunds:read'],
    });
    await expectConsoleEvent(t, operator, 'role.updated', app.id);

    const invalid = await submit(t, path, { action: 'save', description: '', permissions: 'nope' });
    expect(expectSafePage(invalid, 400)).toContain('id="role-permissions-error">Write each permission');

    const admin = expectSafePage(await open(t, `${roles(app.id)}/admin`), 200);
    expect(admin).toContain('The admin role always holds every permission (*)');
    expect(admin).not.toContain('name="permissions"');
    expect(admin).toContain('Built-in roles cannot be deleted.');
    expect(admin).not.toContain('name="confirm"');
    const adminSaved = await submit(t, `${roles(app.id)}/admin`, {
      action: 'save',
      description: 'Runs it',
      permissions: 'x:y',
    });
    expect(adminSaved.status).toBe(303);
    expect((await rolesOf(app.id)).find((r) => r.name === 'admin')).toMatchObject({
      description: 'Runs it',
      permissions: ['*'],
    });
  });

  it('deletes a custom role only through its confirmation step, which works without JavaScript', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'temp' });
    const operator = await operatorBrowser(t);
    const path = `${roles(app.id)}/temp`;
    const page = expectSafePage(await open(t, path), 200);
    expect(page).toContain(`<form method="get" action="${path}">`);
    const confirmPage = await open(t, `${path}?confirm=delete`);
    expect(heading(confirmPage)).toBe('Delete the role temp?');
    expect(expectSafePage(confirmPage, 200)).toContain('name="confirm" value="yes"');
    expect((await rolesOf(app.id)).some((r) => r.name === 'temp')).toBe(true);

    const unconfirmed = await submit(t, path, { action: 'delete' });
    expect(problemMessage(expectSafePage(unconfirmed, 400))).toContain('Nothing was done');
    expect((await rolesOf(app.id)).some((r) => r.name === 'temp')).toBe(true);

    const deleted = await submit(t, path, { action: 'delete', confirm: 'yes' });
    expect(deleted.headers.get('location')).toBe(`${roles(app.id)}?done=deleted&role=temp`);
    expect(statusMessage(expectSafePage(await redirected(t, deleted), 200))).toBe(
      'The role temp was deleted.',
    );
    expect((await rolesOf(app.id)).some((r) => r.name === 'temp')).toBe(false);
    await expectConsoleEvent(t, operator, 'role.deleted', app.id);
    const gone = await open(t, path);
    expect(heading(gone)).toBe('No such role');
    expectSafePage(gone, 404);
  });

  it('refuses deleting a built-in role, the default role and a role members hold, with a clear 409 page', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'held' });
    const user = await someUser(t);
    await t.gatehouse.addMember(user.id, app.id, { role: 'held' });
    await operatorBrowser(t);
    await open(t, roles(app.id));
    const builtIn = await submit(t, `${roles(app.id)}/guest`, { action: 'delete', confirm: 'yes' });
    expect(problemMessage(expectSafePage(builtIn, 409))).toBe('Built-in roles cannot be deleted.');
    const builtInConfirm = await open(t, `${roles(app.id)}/guest?confirm=delete`);
    expect(problemMessage(expectSafePage(builtInConfirm, 409))).toBe('Built-in roles cannot be deleted.');
    const held = await submit(t, `${roles(app.id)}/held`, { action: 'delete', confirm: 'yes' });
    expect(problemMessage(expectSafePage(held, 409))).toContain('The role is still in use');
    expect((await rolesOf(app.id)).map((r) => r.name).sort()).toEqual(['admin', 'guest', 'held', 'member']);

    const defaulted = await seedApp(t.store, { defaultRole: 'staff' });
    await t.gatehouse.createRole(defaulted.id, { name: 'staff' });
    await open(t, roles(defaulted.id));
    const isDefault = await submit(t, `${roles(defaulted.id)}/staff`, { action: 'delete', confirm: 'yes' });
    expect(problemMessage(expectSafePage(isDefault, 409))).toContain('This is the app’s default role');
  });

  it('support reads the roles but gets no form, and posting is 403 (nothing changes)', async () => {
    const app = await seedApp(t.store);
    await t.gatehouse.createRole(app.id, { name: 'temp' });
    await operatorBrowser(t, 'support');
    const list = expectSafePage(await open(t, roles(app.id)), 200);
    expect(list).not.toContain('<form method="post"');
    expect(list).not.toContain('Add a role');
    const one = expectSafePage(await open(t, `${roles(app.id)}/temp`), 200);
    expect(one).not.toContain('<form method="post"');
    expect(one).not.toContain('confirm');
    for (const [path, fields] of [
      [roles(app.id), { name: 'sneaky' }],
      [`${roles(app.id)}/temp`, { action: 'delete', confirm: 'yes' }],
      [`${roles(app.id)}/temp`, { action: 'save', permissions: '*' }],
    ] as const) {
      const refused = await submit(t, path, fields);
      expect(heading(refused)).toBe('Your role does not allow this');
      expectSafePage(refused, 403);
    }
    expect((await rolesOf(app.id)).find((r) => r.name === 'temp')).toMatchObject({ permissions: [] });
    expect((await rolesOf(app.id)).some((r) => r.name === 'sneaky')).toBe(false);
  });

  it('AZ-04: a tenant admin changes their own app’s roles; another app, or the console app, is a 404', async () => {
    const app = await seedApp(t.store);
    const other = await seedApp(t.store);
    const admin = await signInTenantAdmin(t, app.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });
    await open(t, roles(app.id));
    const added = await submit(t, roles(app.id), { name: 'editor', permissions: 'posts:*' });
    expect(added.status).toBe(303);
    expect((await rolesOf(app.id)).some((r) => r.name === 'editor')).toBe(true);
    for (const appId of [other.id, CONSOLE_APP_ID, 'app_nope']) {
      const away = await open(t, roles(appId));
      expect(heading(away)).toBe('No such app');
      expect(expectSafePage(away, 404)).not.toContain('<td>');
      expectSafePage(await open(t, `${roles(appId)}/member`), 404);
      const posted = await submit(t, roles(appId), { name: 'sneaky' });
      expectSafePage(posted, 404);
    }
    expect((await rolesOf(other.id)).some((r) => r.name === 'sneaky')).toBe(false);
  });

  it('the console app’s roles: an operator holding * changes them; one holding apps:write alone only reads (403)', async () => {
    await operatorBrowser(t);
    const page = expectSafePage(await open(t, roles(CONSOLE_APP_ID)), 200);
    expect(page).toContain('<code>support</code>');
    expect(page).toContain('Add a role');

    const writer = await signInCustomOperator(t, 'app-writer', ['apps:read', 'apps:write']);
    clearBrowser(t);
    signInBrowser(t, { accessToken: writer.accessToken });
    const readOnly = expectSafePage(await open(t, roles(CONSOLE_APP_ID)), 200);
    expect(readOnly).toContain('<code>support</code>');
    expect(readOnly).not.toContain('Add a role');
    const refused = await submit(t, roles(CONSOLE_APP_ID), { name: 'raised', permissions: '*' });
    expect(heading(refused)).toBe('Your role does not allow this');
    expectSafePage(refused, 403);
    const raise = await submit(t, `${roles(CONSOLE_APP_ID)}/app-writer`, {
      action: 'save',
      permissions: '*',
    });
    expectSafePage(raise, 403);
    expect((await rolesOf(CONSOLE_APP_ID)).find((r) => r.name === 'app-writer')?.permissions).toEqual([
      'apps:read',
      'apps:write',
    ]);
  });

  it('CSRF-01: a post without the form’s token is refused (403 FORM_EXPIRED) and adds nothing', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    await open(t, roles(app.id));
    const refused = await submit(t, roles(app.id), { name: 'forged', csrf: '' });
    expectSafePage(refused, 403);
    expect(heading(refused)).toBe('This form has expired');
    const crossSite = await submit(t, roles(app.id), { name: 'forged' }, { 'sec-fetch-site': 'cross-site' });
    expectSafePage(crossSite, 403);
    expect((await rolesOf(app.id)).some((r) => r.name === 'forged')).toBe(false);
  });

  it('is written in German for a German operator', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    const reply = await open(t, roles(app.id), { 'accept-language': 'de' });
    expect(heading(reply)).toBe(`Rollen von ${app.name}`);
    expect(expectSafePage(reply, 200)).toContain('Rolle hinzufügen');
  });
});
