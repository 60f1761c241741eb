/**
 * `/console/stats`: the installation at a glance — users by status, the last 30 UTC days of
 * sign-ups, sign-ins and failed sign-ins as server-rendered SVG charts (each with its numbers
 * in a table for screen readers), second-factor adoption as bars, and a table per app. One
 * `getStats` call, the same aggregate queries as `GET /auth/admin/stats`; console operators only
 * (`stats:read`).
 */
import type { PageRead, PageReply, PageRoute } from '../../../http/route.js';
import { barChart, CHART_CSS, daySeries, lineChart } from '../../console/charts.js';
import { CONSOLE_CSS, dateTime } from '../../console/console-page.js';
import { consoleNav } from '../../console/nav.js';
import { html } from '../../html.js';
import { consoleStatsStringsFor } from '../../locales/console-stats.js';
import { page } from '../../view.js';

async function show(view: PageRead): Promise<PageReply> {
  const s = consoleStatsStringsFor(view);
  const stats = await view.ops.getStats();
  const number = new Intl.NumberFormat(view.locale);
  const n = (value: number) => number.format(value);
  const { users, factors } = stats;
  const figures: Array<[string, number]> = [
    [s.users.total, users.total],
    [s.users.active, users.active],
    [s.users.suspended, users.suspended],
    [s.users.revoked, users.revoked],
    [s.users.deleted, users.deleted],
    [s.users.unverified, users.unverified],
    [s.users.activeSessions, stats.activeSessions],
  ];
  const activity = lineChart({
    id: 'chart-activity',
    locale: view.locale,
    title: s.activity.chartTitle,
    description: s.activity.chartDescription(n(stats.last30Days.signUps), n(stats.last30Days.signIns)),
    series: daySeries(stats.days, { signUps: s.activity.signUps, signIns: s.activity.signIns }, view.locale),
    labelHeading: s.activity.day,
  });
  const failures = lineChart({
    id: 'chart-failures',
    locale: view.locale,
    title: s.activity.failuresTitle,
    description: s.activity.failuresDescription(n(stats.last30Days.failedSignIns)),
    series: daySeries(stats.days, { failedSignIns: s.activity.failedSignIns }, view.locale),
    labelHeading: s.activity.day,
  });
  const adoption = barChart({
    id: 'chart-factors',
    locale: view.locale,
    title: s.factors.chartTitle,
    description: s.factors.chartDescription(n(factors.any), n(users.total)),
    bars: [
      { label: s.factors.any, value: factors.any, total: users.total },
      { label: s.factors.totp, value: factors.totp, total: users.total },
      { label: s.factors.passkey, value: factors.passkey, total: users.total },
      { label: s.factors.phone, value: factors.phone, total: users.total },
      { label: s.factors.recoveryCodes, value: factors.recoveryCodes, total: users.total },
    ],
  });
  const content = html`<h1>${s.title}</h1>
<p>${s.intro(dateTime(view, stats.at))}</p>
<section class="gh-section" aria-labelledby="stats-users">
<h2 id="stats-users">${s.users.heading}</h2>
<dl class="gh-facts">${figures.map(([label, value]) => html`<dt>${label}</dt><dd>${n(value)}</dd>`)}</dl>
</section>
<section class="gh-section" aria-labelledby="stats-activity">
<h2 id="stats-activity">${s.activity.heading}</h2>
<figure class="gh-figure">${activity}</figure>
<figure class="gh-figure">${failures}</figure>
</section>
<section class="gh-section" aria-labelledby="stats-factors">
<h2 id="stats-factors">${s.factors.heading}</h2>
<figure class="gh-figure">${adoption}</figure>
</section>
<section class="gh-section" aria-labelledby="stats-apps">
<h2 id="stats-apps">${s.apps.heading}</h2>
${
  stats.apps.length === 0
    ? html`<p>${s.apps.none}</p>`
    : html`<div class="gh-table-wrap"><table>
<caption class="gh-visually-hidden">${s.apps.caption}</caption>
<thead><tr><th scope="col">${s.apps.name}</th><th scope="col">${s.apps.status}</th><th scope="col">${s.apps.members}</th><th scope="col">${s.apps.activeSessions}</th><th scope="col">${s.apps.signIns}</th></tr></thead>
<tbody>${stats.apps.map(
        (app) =>
          html`<tr><th scope="row">${app.name}</th><td>${s.apps.statuses[app.status]}</td><td>${n(app.members)}</td><td>${n(app.activeSessions)}</td><td>${n(app.signIns)}</td></tr>`,
      )}</tbody>
</table></div>`
}
</section>`;
  return page(view, 200, s.title, content, {
    wide: true,
    nav: consoleNav(view),
    css: `${CONSOLE_CSS}${CHART_CSS}\n.gh-figure { margin: 0 0 1.5rem; }`,
  });
}

export const consoleStatsPage: PageRoute = {
  path: '/console/stats',
  access: 'operator',
  admin: { permission: 'stats:read' },
  show,
};
