/**
 * The console's stats page on SQLite and PostgreSQL: the users by status, the 30-day charts as
 * SVG with their numbers in a table, factor adoption as bars and the per-app table, all from the
 * installation's real figures; German through the operator's language; `support` may read it,
 * a tenant admin and a non-operator may not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse } from '../../support/gatehouse.js';
import { storeKinds } from '../../support/stores.js';
import { clearBrowser, expectSafePage, heading, open, signInBrowser } from '../pages.js';
import { operatorBrowser, someUser } from './console.js';

/** The hidden table's row for `label` in the chart `id`: its cells' text. */
function tableRow(body: string, id: string, label: string): string[] {
  const chart = body.slice(body.indexOf(`id="${id}"`));
  const table = chart.slice(chart.indexOf('<table'), chart.indexOf('</table>'));
  const row = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) => m[1]!)
    .find((r) => r.includes(`>${label}<`));
  return row ? [...row.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]!) : [];
}

describe.each(storeKinds)('the console stats page (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('shows users by status, the daily charts with their numbers, factor adoption and the apps', async () => {
    await someUser(t);
    const suspended = await someUser(t);
    await t.gatehouse.setUserStatus(suspended.id, 'suspended');
    await operatorBrowser(t);
    const body = expectSafePage(await open(t, '/console/stats'), 200);
    expect(heading({ status: 200, headers: new Headers(), body })).toBe('Stats');
    const stats = await t.gatehouse.getStats();
    const facts = Object.fromEntries(
      [...body.matchAll(/<dt>([^<]+)<\/dt><dd>([^<]+)<\/dd>/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(facts['All users']).toBe(String(stats.users.total));
    expect(facts.Suspended).toBe(String(stats.users.suspended));
    expect(stats.users.suspended).toBeGreaterThanOrEqual(1);
    // Two line charts and one bar chart, each an accessible SVG with a data table.
    for (const id of ['chart-activity', 'chart-failures', 'chart-factors']) {
      expect(body).toMatch(new RegExp(`<svg[^>]*id="${id}"[^>]*role="img"`));
      expect(body).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
    }
    expect(body.match(/<polyline/g)).toHaveLength(3);
    const today = stats.days.at(-1)!;
    const todayLabel = new Intl.DateTimeFormat('en', {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${today.date}T00:00:00Z`));
    expect(tableRow(body, 'chart-activity', todayLabel)).toEqual([
      todayLabel,
      String(today.signUps),
      String(today.signIns),
    ]);
    expect(today.signUps).toBeGreaterThanOrEqual(3);
    // The operator has an authenticator app: adoption is not zero.
    expect(stats.factors.totp).toBeGreaterThanOrEqual(1);
    expect(body).toContain('Any second factor');
    expect(body).toMatch(/<caption class="gh-visually-hidden">Members, live sessions/);
    expect(body).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('is German for an operator whose language is German', async () => {
    await operatorBrowser(t);
    const body = expectSafePage(
      await open(t, '/console/stats', { 'accept-language': 'de-DE,de;q=0.9' }),
      200,
    );
    expect(body).toContain('<html lang="de">');
    expect(body).toContain('<h1>Statistik</h1>');
    expect(body).toContain('Registrierungen und Anmeldungen pro Tag');
  });

  it('support reads it; a non-operator gets the console refusal and no figures', async () => {
    await operatorBrowser(t, 'support');
    expectSafePage(await open(t, '/console/stats'), 200);
    const user = await someUser(t);
    clearBrowser(t);
    signInBrowser(t, { accessToken: user.accessToken });
    const refused = expectSafePage(await open(t, '/console/stats'), 403);
    expect(refused).not.toContain('chart-activity');
  });
});
