/**
 * The console's apps pages in Chromium against a real Gatehouse HTTP server: the apps list, the
 * new-app form and its errors, the created app's secret, one app's settings and a refused change
 * (a bad redirect URL), a tenant admin's refused change, the rotate confirmation and the new
 * secret, and an app beyond reach — each with zero serious or critical axe violations in both
 * themes and no CSP violation (`auditPage`). Creating an app and replacing its secret also work
 * with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAppsStrings } from '../../src/ui/locales/console-apps/index.js';
import { signInTenantAdmin } from '../admin/apps-setup.js';
import { seedApp } from '../support/apps.js';
import { expectPage, openPagesBrowser, type PagesBrowser, press } from '../support/page-audit.js';

const s = consoleAppsStrings.en;

describe('the console’s apps pages in Chromium', { timeout: 300_000 }, () => {
  let pages: PagesBrowser;
  beforeAll(async () => {
    pages = await openPagesBrowser();
  });
  afterAll(() => pages?.close());

  it('the list, creating an app and its errors, the secret, the settings and their errors, rotating', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Shop', corsOrigins: ['https://shop.example'] });
    const { page } = await pages.operatorPage();
    await expectPage(page, 'console.apps', await pages.visit(page, '/console/apps'), s.list.title);

    await expectPage(page, 'console.apps-new', await pages.visit(page, '/console/apps/new'), s.create.title);
    await page.getByLabel(s.fields.redirectUrlsLabel).fill('not a url');
    await expectPage(
      page,
      'console.apps-new.errors',
      await press(page, s.create.submit),
      s.create.title,
      400,
    );
    await page.getByLabel(s.fields.nameLabel, { exact: true }).fill('Blog');
    await page.getByLabel(s.fields.redirectUrlsLabel).fill('https://blog.example/back');
    await expectPage(page, 'console.apps-new.secret', await press(page, s.create.submit), s.created.title);
    expect(await page.locator('code#app-secret').textContent()).toMatch(/\S{20,}/);
    // With JavaScript on and a clipboard, the copy button shows.
    await expect.poll(() => page.getByRole('button', { name: s.secret.copy.copy }).isVisible()).toBe(true);

    const settings = `/console/apps/${app.id}`;
    await expectPage(page, 'console.app', await pages.visit(page, settings), 'Shop');
    await page.getByLabel(s.fields.redirectUrlsLabel).fill('https://shop.example/back#part');
    await expectPage(page, 'console.app.errors', await press(page, s.settings.submit), 'Shop', 400);
    await page.getByLabel(s.fields.redirectUrlsLabel).fill('https://shop.example/back');
    await expectPage(page, 'console.app.saved', await press(page, s.settings.submit), 'Shop');
    expect(page.url()).toBe(`${pages.url}${settings}?done=saved`);

    await expectPage(
      page,
      'console.app-rotate',
      await pages.visit(page, `${settings}/rotate`),
      s.rotate.title('Shop'),
    );
    await expectPage(
      page,
      'console.app-rotate.secret',
      await press(page, s.rotate.confirm),
      s.rotate.doneTitle,
    );
    await expectPage(
      page,
      'console.app.missing',
      await pages.visit(page, '/console/apps/app_nope'),
      s.notFound.title,
      404,
    );
  });

  it('a tenant admin: their app read-only where every app trusts it, and a refused change', async () => {
    const t = pages.gatehouse;
    const app = await seedApp(t.store, { name: 'Tenant shop' });
    const admin = await signInTenantAdmin(t, app.id);
    const page = await pages.pageWithToken(admin.accessToken);
    await expectPage(page, 'console.apps.tenant', await pages.visit(page, '/console/apps'), s.list.title);
    await expectPage(
      page,
      'console.app.tenant',
      await pages.visit(page, `/console/apps/${app.id}`),
      'Tenant shop',
    );
    // A form changed by hand to send a field the tenant admin may not change.
    await page.evaluate(() => {
      const form = document.querySelector('main form[method="post"]')!;
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'corsOrigins';
      field.value = 'https://evil.example';
      form.append(field);
    });
    await expectPage(
      page,
      'console.app.tenant-refused',
      await press(page, s.settings.submit),
      'Tenant shop',
      403,
    );
  });

  it('creating an app and replacing its secret work with JavaScript off', async () => {
    const { page } = await pages.operatorPage({ javaScript: false });
    await pages.visit(page, '/console/apps/new');
    await page.getByLabel(s.fields.nameLabel, { exact: true }).fill('Plain app');
    expect(await press(page, s.create.submit)).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(s.created.title);
    const first = (await page.locator('code#app-secret').textContent())!;
    expect(first.length).toBeGreaterThan(20);
    await page.getByRole('link', { name: s.secret.openApp }).click();
    await page.waitForURL(/\/console\/apps\/app_/);
    expect(await page.locator('h1').textContent()).toBe('Plain app');
    expect(await page.content()).not.toContain(first);
    await page.getByRole('link', { name: s.settings.rotate }).click();
    await page.waitForURL(/\/rotate$/);
    expect(await press(page, s.rotate.confirm)).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(s.rotate.doneTitle);
    const second = (await page.locator('code#app-secret').textContent())!;
    expect(second).not.toBe(first);
    expect(second.length).toBeGreaterThan(20);
  });
});
