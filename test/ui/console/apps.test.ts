/**
 * The console's apps pages (`/console/apps`, `…/new`, `…/:id`, `…/:id/rotate`), on SQLite and
 * PostgreSQL: the list (a console admin sees every app, a tenant admin only theirs, `support`
 * reads without forms), creating an app (its secret shown once, never again), changing its
 * settings (saved and read back through the operations; a bad redirect URL refused next to its
 * field), a tenant admin's change to a field every app trusts refused in words (not a 500),
 * replacing the secret through its no-JavaScript confirmation step, a user who is not an
 * operator turned away, a post without the form's token refused (CSRF-01), and the audit record
 * with the operator as actor (`via: console`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../../src/core/apps.js';
import type { AppId } from '../../../src/core/ids.js';
import { CONSOLE_APP_ID } from '../../../src/core/operators.js';
import { hashToken } from '../../../src/crypto/opaque-token.js';
import { signInTenantAdmin } from '../../admin/apps-setup.js';
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

/** The secret the page shows in its `gh-secret` block. */
function shownSecret(body: string): string | undefined {
  return /<code id="app-secret" class="gh-secret">([^<]+)<\/code>/.exec(body)?.[1];
}

/** The message next to the field `id`. */
function fieldError(body: string, id: string): string | undefined {
  return new RegExp(`<span class="gh-field-error" id="${id}-error">([^<]*)</span>`).exec(body)?.[1];
}

describe.each(storeKinds)('the console’s apps pages (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const settings = (id: string) => `/console/apps/${id}`;

  it('lists every app for a console admin, each linking to its settings, with the link to make one', async () => {
    const app = await seedApp(t.store, { name: 'Billing <one>' });
    await operatorBrowser(t);
    const reply = await open(t, '/console/apps');
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe('Apps');
    expect(body).toContain('<a href="/console/apps" aria-current="page">Apps</a>');
    expect(body).toContain(`<a href="/console/apps/${app.id}">Billing &lt;one&gt;</a>`);
    expect(body).toContain(`<a href="/console/apps/${DEFAULT_APP_ID}">`);
    expect(body).toContain(`<a href="/console/apps/${CONSOLE_APP_ID}">`);
    expect(body).toContain(`<code>${app.id}</code>`);
    expect(body).toContain('<a href="/console/apps/new">New app</a>');
  });

  it('AZ-04: a tenant admin sees their own app only, cannot create one, and another app is 404', async () => {
    const own = await seedApp(t.store);
    const other = await seedApp(t.store);
    const admin = await signInTenantAdmin(t, own.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });
    const body = expectSafePage(await open(t, '/console/apps'), 200);
    expect(body).toContain(`<a href="/console/apps/${own.id}">`);
    expect(body).not.toContain(other.id);
    expect(body).not.toContain(DEFAULT_APP_ID);
    expect(body).not.toContain('/console/apps/new');
    expectSafePage(await open(t, '/console/apps/new'), 403);
    const away = await open(t, settings(other.id));
    expectSafePage(away, 404);
    expect(heading(away)).toBe('No such app');
    expect(String(away.body)).not.toContain(other.name);
    expectSafePage(await open(t, `${settings(own.id)}/rotate`), 403);
  });

  it('support reads the apps and their settings but gets no form, and a post is refused', async () => {
    const app = await seedApp(t.store, { redirectUrls: ['https://one.example/back'] });
    await operatorBrowser(t, 'support');
    const list = expectSafePage(await open(t, '/console/apps'), 200);
    expect(list).toContain(`<a href="/console/apps/${app.id}">`);
    expect(list).not.toContain('/console/apps/new');
    const body = expectSafePage(await open(t, settings(app.id)), 200);
    expect(body).toContain('<code>https://one.example/back</code>');
    expect(body).not.toContain('<form method="post" action="/console/apps/');
    expect(body).not.toContain('/rotate');
    expect(body).toContain('may read this app’s settings but not change them');
    const posted = await submit(t, settings(app.id), { name: 'Renamed' });
    expectSafePage(posted, 403);
    expect((await t.gatehouse.getApp(app.id)).name).toBe(app.name);
  });

  it('creates an app and shows its secret once: never in the redirect, never on the next visit', async () => {
    const operator = await operatorBrowser(t);
    expectSafePage(await open(t, '/console/apps/new'), 200);
    const reply = await submit(t, '/console/apps/new', {
      name: 'Shop',
      signUp: 'invite_only',
      defaultRole: 'guest',
      defaultPlan: 'pro',
      signInMethods: 'password\npasskey',
      redirectUrls: 'https://shop.example/back\n\nhttps://shop.example/other',
      corsOrigins: 'https://shop.example',
      audience: '',
    });
    const body = expectSafePage(reply, 200);
    expect(heading(reply)).toBe('App created');
    const secret = shownSecret(body)!;
    expect(secret).toBeTruthy();
    expect(body).toContain('data-copy="#app-secret"');
    const id = /<a href="\/console\/apps\/(app_[^"]+)">/.exec(body)![1]! as AppId;
    const app = await t.gatehouse.getApp(id);
    expect(app).toMatchObject({
      name: 'Shop',
      signUp: 'invite_only',
      defaultRole: 'guest',
      defaultPlan: 'pro',
      signInMethods: ['password', 'passkey'],
      redirectUrls: ['https://shop.example/back', 'https://shop.example/other'],
      corsOrigins: ['https://shop.example'],
      audience: id,
      hasSecret: true,
    });
    expect((await t.store.apps.find(id))!.secretHash).toBe(hashToken(secret));
    const again = expectSafePage(await open(t, settings(id)), 200);
    expect(again).not.toContain(secret);
    expect(shownSecret(again)).toBeUndefined();
    expect(expectSafePage(await open(t, '/console/apps'), 200)).not.toContain(secret);
    const data = await expectConsoleEvent(t, operator, 'app.created', id);
    expect(JSON.stringify(data)).not.toContain(secret);
  });

  it('a nameless or ill-formed new app comes back with the message next to the field', async () => {
    await operatorBrowser(t);
    const before = (await t.gatehouse.listApps()).length;
    const nameless = await submit(t, '/console/apps/new', { name: ' ', signUp: 'open' });
    expect(fieldError(expectSafePage(nameless, 400), 'app-name')).toBe(
      'Enter a name of at most 100 characters.',
    );
    const badOrigin = await submit(t, '/console/apps/new', {
      name: 'Origins',
      corsOrigins: 'https://ok.example\nhttps://bad.example/path',
    });
    const body = expectSafePage(badOrigin, 400);
    expect(fieldError(body, 'app-cors-origins')).toBe(
      'Line 2 is not an origin: scheme, host and port only, e.g. https://app.example.',
    );
    expect(body).toContain('<a href="#app-cors-origins">');
    expect(body).toContain('https://bad.example/path</textarea>');
    expect((await t.gatehouse.listApps()).length).toBe(before);
  });

  it('saves the settings, reads them back through the operations, and says so after a 303', async () => {
    const app = await seedApp(t.store);
    const operator = await operatorBrowser(t);
    const page = expectSafePage(await open(t, settings(app.id)), 200);
    expect(page).toContain(`<a href="/console/apps/${app.id}" aria-current="page">Settings</a>`);
    expect(page).toContain(`<a href="/console/apps/${app.id}/roles">Roles</a>`);
    expect(page).toContain('free\npro paid\nenterprise paid</textarea>');
    const reply = await submit(t, settings(app.id), {
      name: 'Renamed app',
      status: 'active',
      signUp: 'invite_only',
      defaultRole: 'guest',
      defaultPlan: 'starter',
      plans: 'starter\nteam paid',
      signInMethods: '',
      redirectUrls: 'https://renamed.example/back',
      corsOrigins: 'https://renamed.example',
      audience: 'https://api.renamed.example',
    });
    const shown = await redirected(t, reply);
    expect(reply.headers.get('location')).toBe(`${settings(app.id)}?done=saved`);
    expect(statusMessage(expectSafePage(shown, 200))).toBe('The settings are saved.');
    expect(await t.gatehouse.getApp(app.id)).toMatchObject({
      name: 'Renamed app',
      signUp: 'invite_only',
      defaultRole: 'guest',
      defaultPlan: 'starter',
      plans: [
        { name: 'starter', paid: false },
        { name: 'team', paid: true },
      ],
      signInMethods: null,
      redirectUrls: ['https://renamed.example/back'],
      corsOrigins: ['https://renamed.example'],
      audience: 'https://api.renamed.example',
    });
    const data = await expectConsoleEvent(t, operator, 'app.updated', app.id);
    expect(String(data.fields).split(',')).toEqual(
      expect.arrayContaining(['name', 'plans', 'redirectUrls', 'corsOrigins', 'audience']),
    );
  });

  it('a bad redirect URL is refused next to its field with 400, and nothing is saved', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    await open(t, settings(app.id));
    const reply = await submit(t, settings(app.id), {
      name: 'Changed too',
      redirectUrls: 'https://good.example/back\nhttps://bad.example/back#fragment',
    });
    const body = expectSafePage(reply, 400);
    expect(fieldError(body, 'app-redirect-urls')).toBe(
      'Line 2 is not a redirect URL: a full http or https URL without a #fragment.',
    );
    expect(body).toContain('<a href="#app-redirect-urls">');
    expect(body).toMatch(/id="app-redirect-urls"[^>]*aria-invalid="true"/);
    expect(await t.gatehouse.getApp(app.id)).toMatchObject({ name: app.name, redirectUrls: [] });
    const plans = await submit(t, settings(app.id), { plans: 'free\npro gold' });
    expect(fieldError(expectSafePage(plans, 400), 'app-plans')).toMatch(/^Line 2 is not a plan/);
    const other = await seedApp(t.store);
    const taken = await submit(t, settings(app.id), { audience: other.audience! });
    expect(fieldError(expectSafePage(taken, 409), 'app-audience')).toBe(
      'Another app’s access tokens already carry this audience. Choose another.',
    );
  });

  it('the default app cannot be disabled, and the console app stays invitation-only: said next to the field', async () => {
    await operatorBrowser(t);
    await open(t, settings(DEFAULT_APP_ID));
    const off = await submit(t, settings(DEFAULT_APP_ID), { status: 'disabled' });
    const offBody = expectSafePage(off, 400);
    expect(problemMessage(offBody)).toMatch(/^The default app cannot be disabled/);
    expect(offBody).not.toContain('href="#app-status"');
    await open(t, settings(CONSOLE_APP_ID));
    const open_ = await submit(t, settings(CONSOLE_APP_ID), { signUp: 'open' });
    expect(fieldError(expectSafePage(open_, 400), 'app-sign-up')).toMatch(
      /^The console app stays invitation-only/,
    );
    expect((await t.gatehouse.getApp(CONSOLE_APP_ID)).signUp).toBe('invite_only');
  });

  it('a tenant admin changes their app, sees the fields every app trusts as text, and a post changing one is refused in words', async () => {
    const app = await seedApp(t.store, { corsOrigins: ['https://tenant.example'] });
    const admin = await signInTenantAdmin(t, app.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });
    const page = expectSafePage(await open(t, settings(app.id)), 200);
    expect(page).toContain('<code>https://tenant.example</code>');
    expect(page).not.toContain('name="corsOrigins"');
    expect(page).not.toContain('name="audience"');
    expect(page).not.toContain('/rotate');
    const saved = await submit(t, settings(app.id), { name: 'Tenant renamed', signUp: 'invite_only' });
    expect(saved.status).toBe(303);
    expect(await t.gatehouse.getApp(app.id)).toMatchObject({ name: 'Tenant renamed', signUp: 'invite_only' });

    await open(t, settings(app.id));
    const refused = await submit(t, settings(app.id), {
      name: 'Sneaky',
      corsOrigins: 'https://tenant.example\nhttps://evil.example',
    });
    const body = expectSafePage(refused, 403);
    expect(problemMessage(body)).toBe(
      'This change is not yours to make Redirect URLs, CORS origins and the audience may be changed by console operators only. Nothing was saved.',
    );
    expect(await t.gatehouse.getApp(app.id)).toMatchObject({
      name: 'Tenant renamed',
      corsOrigins: ['https://tenant.example'],
    });
    const rotate = await submit(t, `${settings(app.id)}/rotate`, { confirm: 'yes' });
    expectSafePage(rotate, 403);
  });

  it('replaces the secret only through its confirmation step; the new one is shown once and the old one no longer matches', async () => {
    const app = await seedApp(t.store);
    const operator = await operatorBrowser(t);
    const page = expectSafePage(await open(t, settings(app.id)), 200);
    expect(page).toContain(`<a href="/console/apps/${app.id}/rotate">Give the app a new secret</a>`);
    const confirmPage = await open(t, `${settings(app.id)}/rotate`);
    expect(heading(confirmPage)).toBe(`Give ${app.name} a new secret?`);
    expectSafePage(confirmPage, 200);
    // Opening the confirmation page changed nothing; a post without the button does nothing either.
    expect((await t.store.apps.find(app.id))!.secretHash).toBeNull();
    const unconfirmed = await submit(t, `${settings(app.id)}/rotate`, {});
    expect(problemMessage(expectSafePage(unconfirmed, 400))).toMatch(/^Nothing was changed/);
    expect((await t.store.apps.find(app.id))!.secretHash).toBeNull();

    const first = await submit(t, `${settings(app.id)}/rotate`, { confirm: 'yes' });
    const firstSecret = shownSecret(expectSafePage(first, 200))!;
    expect(heading(first)).toBe('New secret');
    expect((await t.store.apps.find(app.id))!.secretHash).toBe(hashToken(firstSecret));
    await open(t, `${settings(app.id)}/rotate`);
    const second = await submit(t, `${settings(app.id)}/rotate`, { confirm: 'yes' });
    const secondSecret = shownSecret(expectSafePage(second, 200))!;
    expect(secondSecret).not.toBe(firstSecret);
    const stored = (await t.store.apps.find(app.id))!.secretHash;
    expect(stored).toBe(hashToken(secondSecret));
    expect(stored).not.toBe(hashToken(firstSecret));
    expect(expectSafePage(await open(t, settings(app.id)), 200)).not.toContain(secondSecret);
    const { items } = await t.gatehouse.listAuditEvents({
      type: 'app.updated',
      targetId: app.id,
      actorId: operator.userId,
    });
    expect(items.map((e) => [e.data.fields, e.data.via])).toEqual([
      ['secret', 'console'],
      ['secret', 'console'],
    ]);
  });

  it('AZ-05: a signed-in user who is not an operator gets the console’s 403 page, and no app', async () => {
    const app = await seedApp(t.store, { name: 'Hidden project' });
    const user = await someUser(t);
    clearBrowser(t);
    signInBrowser(t, { accessToken: user.accessToken });
    for (const path of [
      '/console/apps',
      '/console/apps/new',
      settings(app.id),
      `${settings(app.id)}/rotate`,
    ]) {
      const reply = await open(t, path);
      const body = expectSafePage(reply, 403);
      expect(heading(reply)).toBe('The console is for operators');
      expect(body).not.toContain('Hidden project');
    }
    const posted = await submit(t, settings(app.id), { name: 'Taken over' });
    expectSafePage(posted, 403);
    expect((await t.gatehouse.getApp(app.id)).name).toBe(app.name);
  });

  it('CSRF-01: a post without the form’s token is refused with FORM_EXPIRED and changes nothing', async () => {
    const app = await seedApp(t.store);
    await operatorBrowser(t);
    await open(t, settings(app.id));
    const before = (await t.gatehouse.listApps()).length;
    for (const [path, fields] of [
      [settings(app.id), { name: 'No token' }],
      [`${settings(app.id)}/rotate`, { confirm: 'yes' }],
      ['/console/apps/new', { name: 'No token' }],
    ] as const) {
      const reply = await submit(t, path, { ...fields, csrf: '' });
      const body = expectSafePage(reply, 403);
      expect(heading(reply)).toBe('This form has expired');
      expect(body).not.toContain('class="gh-secret"');
    }
    expect((await t.gatehouse.getApp(app.id)).name).toBe(app.name);
    expect((await t.store.apps.find(app.id))!.secretHash).toBeNull();
    expect((await t.gatehouse.listApps()).length).toBe(before);
  });
});
