/**
 * The admin console's charts: server-rendered SVG, so the stats page needs no script and no
 * chart library. `lineChart` draws series over time (sign-ups, sign-ins and failures per day),
 * `barChart` horizontal bars (factor adoption as a share of users).
 *
 * Each chart is an `<svg role="img">` named by its own `<title>` and `<desc>`, followed by a
 * visually hidden `<table>` with the same numbers for screen readers and for people who would
 * rather read figures. The markup carries no `style` (the page CSP allows no inline style):
 * geometry uses presentation attributes, colour comes from classes styled by `CHART_CSS` through
 * `currentColor`, so forced-colours mode and any theme apply. Series differ by dash pattern and
 * marker shape as well as colour. Every word shown comes from the caller; numbers and dates are
 * formatted for `locale`.
 *
 * @example
 * const stats = await gatehouse.getStats();
 * lineChart({
 *   id: 'daily', locale: 'en', title: 'Last 30 days', description: 'Sign-ups and sign-ins per UTC day',
 *   series: daySeries(stats.days, { signUps: 'Sign-ups', signIns: 'Sign-ins' }, 'en'),
 * });
 */
import type { Locale } from '../../core/locale.js';
import type { StatsDay } from '../../services/admin/stats.js';
import { html, type SafeHtml } from '../html.js';

export interface ChartPoint {
  readonly label: string;
  readonly value: number;
}

export interface LineSeries {
  readonly name: string;
  /** Oldest first; every series shares the x labels of the longest one. */
  readonly points: readonly ChartPoint[];
}

interface ChartBase {
  /** Prefix of the chart's element ids; unique on the page. */
  readonly id: string;
  readonly locale: Locale;
  readonly title: string;
  readonly description: string;
}

export interface LineChartOptions extends ChartBase {
  /** At most four (there are four distinct dash and marker styles). */
  readonly series: readonly LineSeries[];
  /** How values and y ticks are written; the default is a plain number. */
  readonly valueFormat?: Intl.NumberFormatOptions;
  /** Heading of the label column in the data table (for example "Day"). */
  readonly labelHeading?: string;
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** When given, the bar is the share `value / total` and the label shows the percentage too. */
  readonly total?: number;
}

export interface BarChartOptions extends ChartBase {
  readonly bars: readonly Bar[];
}

const WIDTH = 360;
const FONT = 13;
const PAD = 4;
const LEGEND_ROW = 18;
const SAMPLE = 24;
const PLOT_HEIGHT = 160;
const MAX_SERIES = 4;
const DASHES = [null, '6 4', '2 3', '9 3 2 3'] as const;
const ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * A time series chart with a legend, round y ticks from 0 and a few x labels.
 *
 * @example
 * lineChart({ id: 'failures', locale: 'de', title: 'Fehlversuche', description: '…',
 *   series: [{ name: 'Fehlgeschlagen', points: [{ label: '1. Juni', value: 3 }] }] });
 */
export function lineChart(options: LineChartOptions): SafeHtml {
  const { id, title, description, series } = options;
  checkId(id);
  if (series.length > MAX_SERIES) throw new RangeError(`lineChart draws at most ${MAX_SERIES} series`);
  for (const s of series) for (const p of s.points) checkValue(p.value);
  const format = new Intl.NumberFormat(options.locale, options.valueFormat);
  const count = Math.max(0, ...series.map((s) => s.points.length));
  const labels = Array.from(
    { length: count },
    (_, i) => series.find((s) => s.points[i])?.points[i]?.label ?? '',
  );

  const legend = legendLayout(series.map((s) => s.name));
  const ticks = niceTicks(series.flatMap((s) => s.points.map((p) => p.value)));
  const tickTexts = ticks.map((t) => format.format(t));
  const left = PAD + Math.max(...tickTexts.map(textWidth)) + 6;
  const right = WIDTH - PAD - 4;
  const top = legend.height + FONT;
  const bottom = top + PLOT_HEIGHT;
  const height = bottom + FONT + 10;
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const x = (i: number) => (count <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (count - 1));
  const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * PLOT_HEIGHT;

  const grid = ticks.map(
    (t) => html`<line x1="${n(left)}" x2="${n(right)}" y1="${n(y(t))}" y2="${n(y(t))}"/>`,
  );
  const yLabels = ticks.map(
    (t, i) =>
      html`<text class="gh-chart-tick" x="${n(left - 6)}" y="${n(y(t) + FONT / 3)}" text-anchor="end">${tickTexts[i]}</text>`,
  );
  // The first and last labels are anchored inward, so their neighbours need half a label more room.
  const widest = Math.max(0, ...labels.map(textWidth));
  const xLabels = sparseIndexes(count, Math.floor((right - left) / (widest * 1.5 + 12)) + 1).map((i) => {
    const anchor = count === 1 ? 'middle' : i === 0 ? 'start' : i === count - 1 ? 'end' : 'middle';
    return html`<text x="${n(x(i))}" y="${n(bottom + FONT + 6)}" text-anchor="${anchor}">${labels[i]}</text>`;
  });
  const lines = series.map((s, k) => {
    const points = s.points.map((p, i) => `${n(x(i))},${n(y(p.value))}`).join(' ');
    const markers = s.points.map(
      (p, i) =>
        html`<g><title>${s.name}, ${p.label}: ${format.format(p.value)}</title>${marker(k, x(i), y(p.value))}</g>`,
    );
    const line =
      s.points.length > 0 &&
      html`<polyline points="${points}" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"${dash(k)}/>`;
    return html`<g class="gh-series-${k + 1}">${line}${markers}</g>`;
  });
  const legendItems = legend.items.map(({ name, x: lx, y: ly }, k) => {
    const mid = ly + LEGEND_ROW / 2;
    return html`<g class="gh-series-${k + 1}"><line x1="${n(lx)}" x2="${n(lx + SAMPLE)}" y1="${n(mid)}" y2="${n(mid)}" stroke="currentColor" stroke-width="2"${dash(k)}/>${marker(k, lx + SAMPLE / 2, mid)}<text class="gh-chart-label" x="${n(lx + SAMPLE + 6)}" y="${n(mid + FONT / 3)}">${name}</text></g>`;
  });

  const svg = html`<svg ${svgAttributes(id, height)}><title id="${id}-title">${title}</title><desc id="${id}-desc">${description}</desc><g class="gh-chart-grid" stroke="currentColor" stroke-width="1" shape-rendering="crispEdges">${grid}</g><g class="gh-chart-axis"><line x1="${n(left)}" x2="${n(right)}" y1="${n(y(0))}" y2="${n(y(0))}" stroke="currentColor" stroke-width="1" shape-rendering="crispEdges"/>${yLabels}${xLabels}</g>${lines}<g>${legendItems}</g></svg>`;

  const corner =
    options.labelHeading === undefined ? html`<td></td>` : html`<th scope="col">${options.labelHeading}</th>`;
  const rows = labels.map(
    (label, i) =>
      html`<tr><th scope="row">${label}</th>${series.map((s) => {
        const point = s.points[i];
        return html`<td>${point ? format.format(point.value) : ''}</td>`;
      })}</tr>`,
  );
  const table = html`<table class="gh-visually-hidden"><caption>${title}</caption><thead><tr>${corner}${series.map((s) => html`<th scope="col">${s.name}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
  return html`${svg}${table}`;
}

/**
 * Horizontal bars, each with its label above and its value (and share) as text beside it.
 * When every bar has a `total` the scale is 0–100 %, otherwise the largest value rounded up.
 *
 * @example
 * barChart({ id: 'factors', locale: 'en', title: 'Second factors', description: 'Share of active users',
 *   bars: [{ label: 'Authenticator app', value: stats.factors.totp, total: stats.users.active }] });
 */
export function barChart(options: BarChartOptions): SafeHtml {
  const { id, title, description, bars } = options;
  checkId(id);
  for (const bar of bars) {
    checkValue(bar.value);
    if (bar.total !== undefined) checkValue(bar.total);
  }
  const format = new Intl.NumberFormat(options.locale);
  const percent = new Intl.NumberFormat(options.locale, { style: 'percent', maximumFractionDigits: 1 });
  const shares = bars.every((b) => b.total !== undefined);
  const scaleMax = niceTicks(bars.map((b) => b.value)).at(-1)!;
  const row = FONT + 30;
  const height = PAD * 2 + bars.length * row;
  const barWidth = WIDTH - PAD * 2;

  const texts = bars.map((b) => {
    const share = b.total !== undefined && b.total > 0 ? b.value / b.total : null;
    return share === null ? format.format(b.value) : `${format.format(b.value)} (${percent.format(share)})`;
  });
  const rows = bars.map((b, i) => {
    const fraction = shares ? (b.total! > 0 ? b.value / b.total! : 0) : b.value / scaleMax;
    const width = barWidth * Math.min(1, Math.max(0, fraction));
    const top = PAD + i * row;
    const barTop = top + FONT + 6;
    return html`<g><text class="gh-chart-label" x="${PAD}" y="${n(top + FONT)}">${b.label}</text><text class="gh-chart-label" x="${WIDTH - PAD}" y="${n(top + FONT)}" text-anchor="end">${texts[i]}</text><rect class="gh-chart-track" x="${PAD}" y="${n(barTop)}" width="${barWidth}" height="14" stroke-width="1"/><rect class="gh-chart-bar" x="${PAD}" y="${n(barTop)}" width="${n(width)}" height="14" fill="currentColor"/></g>`;
  });
  const svg = html`<svg ${svgAttributes(id, height)}><title id="${id}-title">${title}</title><desc id="${id}-desc">${description}</desc>${rows}</svg>`;
  const tableRows = bars.map((b, i) => html`<tr><th scope="row">${b.label}</th><td>${texts[i]}</td></tr>`);
  const table = html`<table class="gh-visually-hidden"><caption>${title}</caption><tbody>${tableRows}</tbody></table>`;
  return html`${svg}${table}`;
}

/**
 * The stats page's daily figures (`getStats().days`) as line series, in a fixed order, one for
 * each name given; x labels are the UTC dates written short for `locale`.
 *
 * @example
 * daySeries(stats.days, { failedSignIns: 'Failed sign-ins' }, 'en'); // [{ name: 'Failed sign-ins', points: [{ label: 'Jun 1', value: 2 }, …] }]
 */
export function daySeries(
  days: readonly StatsDay[],
  names: { readonly signUps?: string; readonly signIns?: string; readonly failedSignIns?: string },
  locale: Locale,
): LineSeries[] {
  const date = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const labels = days.map((d) => date.format(new Date(`${d.date}T00:00:00Z`)));
  const keys = ['signUps', 'signIns', 'failedSignIns'] as const;
  return keys.flatMap((key) => {
    const name = names[key];
    if (name === undefined) return [];
    return [{ name, points: days.map((d, i) => ({ label: labels[i]!, value: d[key] })) }];
  });
}

/**
 * Ticks at a round step (1, 2 or 5 times a power of ten; whole numbers for whole data) from 0,
 * or below it for negative data, up to the first at or above the largest value. No data, or
 * only zeros, gives 0 and 1.
 */
export function niceTicks(values: readonly number[]): number[] {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  if (min === max) return [0, 1];
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  let step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
  if (values.every(Number.isInteger)) step = Math.max(1, step);
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/**
 * Rules for the chart classes, from the theme's custom properties. The series colours are
 * custom properties a theme may set; the defaults keep 3:1 against the surface and the page
 * in both schemes. `:where` keeps them below any theme's own `:root`. The data table's
 * `gh-visually-hidden` is the page structure's (`structure.ts`).
 */
export const CHART_CSS = `
:where(:root) {
  --gh-series-1: #1d4ed8;
  --gh-series-2: #b45309;
  --gh-series-3: #047857;
  --gh-series-4: #a21caf;
}
@media (prefers-color-scheme: dark) {
  :where(:root) {
    --gh-series-1: #7aa2ff;
    --gh-series-2: #fbbf24;
    --gh-series-3: #34d399;
    --gh-series-4: #f0abfc;
  }
}
.gh-chart { display: block; width: 100%; height: auto; max-width: 36rem; color: var(--gh-text); font-variant-numeric: tabular-nums; }
.gh-chart-axis { color: var(--gh-muted); }
.gh-chart-grid { color: var(--gh-border); }
.gh-chart-label { color: var(--gh-text); }
.gh-series-1, .gh-chart-bar { color: var(--gh-series-1, #1d4ed8); }
.gh-series-2 { color: var(--gh-series-2, #b45309); }
.gh-series-3 { color: var(--gh-series-3, #047857); }
.gh-series-4 { color: var(--gh-series-4, #a21caf); }
.gh-chart-marker { stroke: var(--gh-surface); stroke-width: 1; }
.gh-chart-track { fill: var(--gh-page); stroke: var(--gh-border); }
`;

function svgAttributes(id: string, height: number): SafeHtml {
  return html`class="gh-chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${n(height)}" width="100%" font-size="${FONT}" fill="currentColor" xmlns="http://www.w3.org/2000/svg"`;
}

function checkId(id: string): void {
  if (!ID.test(id)) throw new TypeError('chart id must be a letter followed by letters, digits, - or _');
}

function checkValue(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError('chart values must be finite numbers');
}

/** The indexes that get an x label: first, last and up to three evenly between, as many as fit. */
function sparseIndexes(count: number, fit: number): number[] {
  if (count === 0) return [];
  const shown = Math.max(1, Math.min(count, 5, fit));
  if (shown === 1) return [0];
  return [...new Set(Array.from({ length: shown }, (_, i) => Math.round((i * (count - 1)) / (shown - 1))))];
}

/** Legend entries left to right, wrapping to a new row when the next would pass the edge. */
function legendLayout(names: readonly string[]) {
  const items: Array<{ name: string; x: number; y: number }> = [];
  let x = PAD;
  let y = PAD;
  for (const name of names) {
    const width = SAMPLE + 6 + textWidth(name);
    if (x > PAD && x + width > WIDTH - PAD) {
      x = PAD;
      y += LEGEND_ROW;
    }
    items.push({ name, x, y });
    x += width + 14;
  }
  return { items, height: names.length === 0 ? PAD : y + LEGEND_ROW };
}

/** Circle, square, triangle, diamond: a shape per series, so colour is never the only cue. */
function marker(series: number, cx: number, cy: number): SafeHtml {
  const at = (dx: number, dy: number) => `${n(cx + dx)},${n(cy + dy)}`;
  switch (series) {
    case 0:
      return html`<circle class="gh-chart-marker" cx="${n(cx)}" cy="${n(cy)}" r="3.5"/>`;
    case 1:
      return html`<rect class="gh-chart-marker" x="${n(cx - 3)}" y="${n(cy - 3)}" width="6" height="6"/>`;
    case 2:
      return html`<polygon class="gh-chart-marker" points="${at(0, -4.5)} ${at(4, 3)} ${at(-4, 3)}"/>`;
    default:
      return html`<polygon class="gh-chart-marker" points="${at(0, -4.5)} ${at(4.5, 0)} ${at(0, 4.5)} ${at(-4.5, 0)}"/>`;
  }
}

function dash(series: number): SafeHtml {
  const pattern = DASHES[series];
  return pattern ? html` stroke-dasharray="${pattern}"` : html``;
}

/** A rough width for text at the chart's font size; no measuring on the server. */
function textWidth(text: string): number {
  return text.length * FONT * 0.6;
}

/** A coordinate with at most one decimal, so the markup stays short. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}
