/**
 * The console's audit log page on SQLite and PostgreSQL: newest first with the filters kept in
 * the paging links; the filters as a GET form (several types, outcome, days); an action taken in
 * the console shows there with the operator as its linked actor and `via` console; the download
 * links are the admin API's export and work with the console's cookie alone; bad filters are a
 * 400 with the field named; `support` reads it, a tenant admin and a non-operator may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInTenantAdmin } from '../../admin/apps-setup.js';
import { seedApp } from '../../support/apps.js';
import { openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, SAME_ORIGIN, signInBrowser } from '../pages.js';
import { act, operatorBrowser, someUser } from './console.js';

const unescapeHref = (href: string) => href.replaceAll('&amp;', '&');

/** The event types of the table's rows, in order. */
function rowTypes(body: string): string[] {
  return [...body.matchAll(/<th scope="row"><code>([^<]+)<\/code><\/th>/g)].map((m) => m[1]!);
}

function link(body: string, text: string): string | undefined {
  const found = [...body.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].find((m) => m[2] === text);
  return found ? unescapeHref(found[1]!) : undefined;
}

describe.each(storeKinds)('the console audit log page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('lists a user’s events newest first, a page at a time, the filters kept in the links', async () => {
    const user = await someUser(t);
    // A few more events about this user.
    for (let i = 0; i < 3; i++)
      await t.gatehouse.setUserStatus(user.id, i % 2 === 0 ? 'suspended' : 'active');
    const expected = (await t.gatehouse.listAuditEvents({ userId: user.id, limit: 500 })).items;
    expect(expected.length).toBeGreaterThanOrEqual(4);
    await operatorBrowser(t);
    const seen: string[] = [];
    let path: string | undefined = `/console/audit?user=${user.id}&limit=2`;
    for (let pages = 0; path !== undefined; pages++) {
      expect(pages).toBeLessThan(20);
      const body = expectSafePage(await open(t, path), 200);
      seen.push(...rowTypes(body));
      path = link(body, 'Older events');
      if (path) {
        const next = new URL(path, 'https://x');
        expect(next.searchParams.get('user')).toBe(user.id);
        expect(next.searchParams.get('limit')).toBe('2');
        expect(next.searchParams.get('cursor')).toBeTruthy();
      }
    }
    expect(seen).toEqual(expected.map((e) => e.type));
    const times = expected.map((e) => e.at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by several types, outcome and days; the form shows what was chosen', async () => {
    const user = await someUser(t);
    await t.gatehouse.setUserStatus(user.id, 'suspended');
    await operatorBrowser(t);
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const query = new URLSearchParams({ user: user.id, outcome: 'success', from: today, to: today });
    query.append('type', 'user.created');
    query.append('type', 'user.suspended');
    const body = expectSafePage(await open(t, `/console/audit?${query}`), 200);
    expect(rowTypes(body).sort()).toEqual(['user.created', 'user.suspended']);
    expect(body).toContain('<option value="user.created" selected>');
    expect(body).toContain('<option value="user.suspended" selected>');
    expect(body).toContain(
      `<input id="filter-from" name="from" type="date" autocomplete="off" value="${today}"`,
    );
    // Days before today hold none of them; a failure filter holds none either.
    const yesterday = new Date(t.clock.now() - 86_400_000).toISOString().slice(0, 10);
    query.set('from', yesterday);
    query.set('to', yesterday);
    expect(rowTypes(expectSafePage(await open(t, `/console/audit?${query}`), 200))).toEqual([]);
    query.set('to', today);
    query.set('outcome', 'failure');
    const none = expectSafePage(await open(t, `/console/audit?${query}`), 200);
    expect(rowTypes(none)).toEqual([]);
    expect(none).toContain('No event matches these filters.');
  });

  it('shows a console action with the operator as linked actor, via console, and no secret', async () => {
    const user = await someUser(t);
    const operator = await operatorBrowser(t);
    expect((await act(t, user.id, { action: 'send-password-reset' })).status).toBe(303);
    const body = expectSafePage(
      await open(t, `/console/audit?actor=${operator.userId}&target=${user.id}`),
      200,
    );
    expect(rowTypes(body).length).toBeGreaterThanOrEqual(1);
    expect(body).toContain(`<a href="/console/users/${operator.userId}"><code>${operator.userId}</code></a>`);
    expect(body).toContain('<td class="gh-audit-short">console</td>');
    expect(body).not.toContain(operator.accessToken);
    expect(body).not.toMatch(/token = |password = |secret = /i);
  });

  it('the download links are the API’s export with the same filters, and work with the cookie alone', async () => {
    const user = await someUser(t);
    const operator = await operatorBrowser(t);
    const body = expectSafePage(await open(t, `/console/audit?user=${user.id}&type=user.created`), 200);
    const csv = link(body, 'Download CSV')!;
    const jsonl = link(body, 'Download JSON lines')!;
    expect(csv).toBe(`/auth/admin/audit/export?format=csv&user=${user.id}&type=user.created`);
    expect(jsonl).toBe(`/auth/admin/audit/export?format=jsonl&user=${user.id}&type=user.created`);
    // As the browser follows the link: its cookies, no bearer.
    const got = await open(t, csv, SAME_ORIGIN);
    expect(got.status, String(got.body)).toBe(200);
    expect(got.headers.get('content-type')).toContain('text/csv');
    const lines = String(got.body).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(user.id);
    expect(lines[1]).toContain('user.created');
    const lined = await open(t, jsonl, SAME_ORIGIN);
    expect(lined.status).toBe(200);
    const exported = await t.gatehouse.listAuditEvents({ type: 'audit.exported', actorId: operator.userId });
    expect(exported.items.length).toBe(2);
    // Without the cookie the export is refused.
    clearBrowser(t);
    expect((await open(t, csv, SAME_ORIGIN)).status).toBe(401);
  });

  it('a bad filter is a 400 naming the field; a bad cursor says to start again', async () => {
    await operatorBrowser(t);
    const bad = expectSafePage(
      await open(t, '/console/audit?type=user.nope&from=2024-02-30&outcome=maybe'),
      400,
    );
    expect(bad).toContain('href="#filter-type"');
    expect(bad).toContain('href="#filter-from"');
    expect(bad).toContain('href="#filter-outcome"');
    expect(bad).toContain('aria-invalid="true"');
    expect(bad).not.toContain('Download CSV');
    const order = expectSafePage(await open(t, '/console/audit?from=2024-06-02&to=2024-06-01'), 400);
    expect(order).toContain('The first day must not be after the last.');
    const cursor = expectSafePage(await open(t, '/console/audit?cursor=nonsense'), 400);
    expect(cursor).toContain('That page of the log no longer exists.');
  });

  it('is German for a German browser', async () => {
    await operatorBrowser(t);
    const body = expectSafePage(
      await open(t, '/console/audit', { 'accept-language': 'de-DE,de;q=0.9' }),
      200,
    );
    expect(body).toContain('<html lang="de">');
    expect(body).toContain('<h1>Protokoll</h1>');
    expect(body).toContain('Als CSV herunterladen');
  });

  it('AZ-04: support reads it; a tenant admin and a non-operator are refused', async () => {
    await operatorBrowser(t, 'support');
    expectSafePage(await open(t, '/console/audit'), 200);
    const app = await seedApp(t.store);
    const admin = await signInTenantAdmin(t, app.id);
    clearBrowser(t);
    signInBrowser(t, { accessToken: admin.accessToken });
    const tenant = await open(t, '/console/audit');
    expectSafePage(tenant, 403);
    expect(String(tenant.body)).not.toContain('<table');
    const user = await someUser(t);
    clearBrowser(t);
    signInBrowser(t, { accessToken: user.accessToken });
    const refused = expectSafePage(await open(t, '/console/audit'), 403);
    expect(heading({ status: 403, headers: new Headers(), body: refused })).not.toBe('Audit log');
    expect(refused).not.toContain('<table');
  });
});
