/**
 * The console's SVG charts, read back through a small strict XML parser: structure, scales,
 * escaping, the hidden data table, unique ids, no inline style, degenerate data, and the
 * contrast of the chart colours against the theme in both schemes.
 */
import { describe, expect, it } from 'vitest';
import type { StatsDay } from '../../src/services/admin/stats.js';
import { barChart, CHART_CSS, daySeries, type LineSeries, lineChart } from '../../src/ui/console/charts.js';
import { render, type SafeHtml } from '../../src/ui/html.js';
import { STRUCTURE_CSS } from '../../src/ui/structure.js';
import { THEME_CSS } from '../../src/ui/theme.js';

interface Element {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Array<Element | string>;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name]!);

/**
 * Parses the markup as XML: every tag closed or self-closed, every attribute quoted, no bare
 * `<` or `>` in text. Throws on anything else, so a malformed chart fails the test.
 */
function parse(markup: string): Element {
  const root: Element = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  const token = /<\/([a-z][\w-]*)>|<([a-z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>|([^<>]+)/iy;
  const attribute = /([\w:-]+)="([^"]*)"/g;
  let at = 0;
  while (at < markup.length) {
    token.lastIndex = at;
    const m = token.exec(markup);
    if (!m) throw new Error(`not well-formed at ${at}: ${markup.slice(at, at + 60)}`);
    at = token.lastIndex;
    const [, close, open, attrText, selfClose, text] = m;
    const parent = stack.at(-1)!;
    if (text !== undefined) parent.children.push(decode(text));
    else if (close !== undefined) {
      if (parent.name !== close) throw new Error(`</${close}> closes <${parent.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const [, name, value] of (attrText ?? '').matchAll(attribute)) {
        if (name! in attrs) throw new Error(`duplicate attribute ${name}`);
        attrs[name!] = decode(value!);
      }
      const element: Element = { name: open!, attrs, children: [] };
      parent.children.push(element);
      if (!selfClose) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  return root;
}

function all(node: Element, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    if (test(child)) found.push(child);
    found.push(...all(child, test));
  }
  return found;
}
const byName = (node: Element, name: string) => all(node, (e) => e.name === name);
const byClass = (node: Element, cls: string) =>
  all(node, (e) => (e.attrs.class ?? '').split(' ').includes(cls));
const textOf = (node: Element): string =>
  node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
/** The data cells of a chart's table, the header row left out. */
const cells = (table: Element) => byName(byName(table, 'tbody')[0]!, 'td');
const elements = (node: Element) => node.children.filter((c): c is Element => typeof c !== 'string');
const pointsOf = (polyline: Element) =>
  polyline.attrs
    .points!.split(' ')
    .filter(Boolean)
    .map((pair) => pair.split(',').map(Number) as [number, number]);

/** The chart as its two parts, after checking the invariants every chart keeps. */
function read(chart: SafeHtml) {
  const markup = render(chart);
  expect(markup).not.toMatch(/\sstyle\s*=|<style/i);
  expect(markup).not.toMatch(/NaN|Infinity|undefined|\[object/);
  const root = parse(markup);
  const [svg, table] = elements(root);
  expect(elements(root)).toHaveLength(2);
  expect(svg!.name).toBe('svg');
  expect(table!.name).toBe('table');
  expect(table!.attrs.class).toBe('gh-visually-hidden');
  const ids = all(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id!);
  expect(new Set(ids).size).toBe(ids.length);
  for (const e of all(root, () => true)) for (const [, v] of Object.entries(e.attrs)) expect(v).not.toBe('');
  return { markup, root, svg: svg!, table: table! };
}

function days(count: number, value: (i: number) => Omit<StatsDay, 'date'>): StatsDay[] {
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.UTC(2024, 5, 1 + i)).toISOString().slice(0, 10),
    ...value(i),
  }));
}

const NAMES = { signUps: 'Sign-ups', signIns: 'Sign-ins', failedSignIns: 'Failed sign-ins' };
const THIRTY = days(30, (i) => ({ signUps: i % 4, signIns: 20 + i * 3, failedSignIns: i === 17 ? 9 : 0 }));

function daily(series: readonly LineSeries[], extra: Partial<Parameters<typeof lineChart>[0]> = {}) {
  return lineChart({
    id: 'daily',
    locale: 'en',
    title: 'Last 30 days',
    description: 'Sign-ups, sign-ins and failed sign-ins per UTC day',
    series,
    ...extra,
  });
}

/** The y ticks as numbers (English formatting), with their gridline's y. */
function ticks(svg: Element) {
  return byClass(svg, 'gh-chart-tick').map((t) => Number(textOf(t).replace(/,/g, '')));
}

describe('lineChart', () => {
  it('is an svg named by its own title and desc, scaled by a viewBox, then a table', () => {
    const { svg, table } = read(daily(daySeries(THIRTY, NAMES, 'en')));
    expect(svg.attrs).toMatchObject({
      class: 'gh-chart',
      role: 'img',
      width: '100%',
      'aria-labelledby': 'daily-title daily-desc',
    });
    expect(svg.attrs.viewBox).toMatch(/^0 0 \d+(\.\d)? \d+(\.\d)?$/);
    expect(svg.attrs.height).toBeUndefined();
    const [title, desc] = elements(svg);
    expect(title).toMatchObject({ name: 'title', attrs: { id: 'daily-title' } });
    expect(textOf(title!)).toBe('Last 30 days');
    expect(desc).toMatchObject({ name: 'desc', attrs: { id: 'daily-desc' } });
    expect(textOf(desc!)).toBe('Sign-ups, sign-ins and failed sign-ins per UTC day');
    expect(textOf(byName(table, 'caption')[0]!)).toBe('Last 30 days');
  });

  it('draws one polyline per series with a point for every day, each series its own dash and marker', () => {
    const { svg } = read(daily(daySeries(THIRTY, NAMES, 'en')));
    const polylines = byName(svg, 'polyline');
    expect(polylines).toHaveLength(3);
    for (const line of polylines) expect(pointsOf(line)).toHaveLength(30);
    const groups = [1, 2, 3].map((k) => byClass(svg, `gh-series-${k}`));
    // The plot's group and the legend's group for each series.
    for (const g of groups) expect(g).toHaveLength(2);
    expect(groups.flatMap((g) => byName(g[0]!, 'polyline'))).toEqual(polylines);
    const dashes = polylines.map((p) => p.attrs['stroke-dasharray'] ?? 'solid');
    expect(new Set(dashes).size).toBe(3);
    const shapes = groups.map((g) => {
      const markers = byClass(g[0]!, 'gh-chart-marker');
      expect(markers).toHaveLength(30);
      return `${markers[0]!.name}:${markers[0]!.attrs.points?.split(' ').length ?? 0}`;
    });
    expect(new Set(shapes).size).toBe(3);
    // The legend repeats each series' dash and marker beside its name.
    groups.forEach((g, k) => {
      const legend = g[1]!;
      expect(byName(legend, 'line')[0]!.attrs['stroke-dasharray']).toBe(
        polylines[k]!.attrs['stroke-dasharray'],
      );
      expect(byClass(legend, 'gh-chart-marker')[0]!.name).toBe(byClass(g[0]!, 'gh-chart-marker')[0]!.name);
      expect(textOf(byClass(legend, 'gh-chart-label')[0]!)).toBe(Object.values(NAMES)[k]);
    });
  });

  it('has round y ticks from 0 that cover the largest value, and higher values drawn higher', () => {
    const { svg } = read(daily(daySeries(THIRTY, NAMES, 'en')));
    const values = ticks(svg);
    const max = 20 + 29 * 3;
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBeGreaterThanOrEqual(max);
    const step = values[1]! - values[0]!;
    expect(values.at(-2)).toBeLessThan(max);
    values.forEach((v, i) => {
      expect(v).toBe(i * step);
    });
    expect(step / 10 ** Math.floor(Math.log10(step))).toBeOneOf([1, 2, 5]);
    expect(values.length).toBeGreaterThanOrEqual(3);
    expect(values.length).toBeLessThanOrEqual(7);

    const grid = byName(byClass(svg, 'gh-chart-grid')[0]!, 'line').map((l) => Number(l.attrs.y1));
    const [signIns] = byName(byClass(svg, 'gh-series-2')[0]!, 'polyline').map(pointsOf);
    const ys = signIns!.map(([, y]) => y);
    // Sign-ins grow every day: each point is above the one before, the last one within the plot.
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]!);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(Math.min(...grid));
    expect(Math.max(...grid) - ys[0]!).toBeCloseTo(
      ((Math.max(...grid) - Math.min(...grid)) * 20) / values.at(-1)!,
      0,
    );
  });

  it('labels the first and last day and a few between, left to right', () => {
    const { svg } = read(daily(daySeries(THIRTY, NAMES, 'en')));
    const axis = byClass(svg, 'gh-chart-axis')[0]!;
    const labels = byName(axis, 'text').filter((t) => t.attrs.class === undefined);
    expect(labels.length).toBeGreaterThanOrEqual(2);
    expect(labels.length).toBeLessThanOrEqual(5);
    expect(textOf(labels[0]!)).toBe('Jun 1');
    expect(textOf(labels.at(-1)!)).toBe('Jun 30');
    const xs = labels.map((l) => Number(l.attrs.x));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('puts every value in the hidden table, a row per day and a column per series', () => {
    const { table } = read(daily(daySeries(THIRTY, NAMES, 'en'), { labelHeading: 'Day' }));
    const head = byName(byName(table, 'thead')[0]!, 'th').map(textOf);
    expect(head).toEqual(['Day', 'Sign-ups', 'Sign-ins', 'Failed sign-ins']);
    const rows = byName(byName(table, 'tbody')[0]!, 'tr');
    expect(rows).toHaveLength(30);
    rows.forEach((row, i) => {
      const day = THIRTY[i]!;
      expect(byName(row, 'th')[0]!.attrs.scope).toBe('row');
      expect(textOf(byName(row, 'th')[0]!)).toBe(`Jun ${i + 1}`);
      expect(byName(row, 'td').map(textOf)).toEqual(
        [day.signUps, day.signIns, day.failedSignIns].map(String),
      );
    });
  });

  it('escapes every caller word: a <script> in a series name, a title or a label stays text', () => {
    const evil = '<script>alert("x")</script>';
    const chart = lineChart({
      id: 'evil',
      locale: 'en',
      title: `${evil} & title`,
      description: `"${evil}'`,
      labelHeading: evil,
      series: [
        {
          name: evil,
          points: [
            { label: evil, value: 1 },
            { label: 'b', value: 2 },
          ],
        },
      ],
    });
    const { markup, svg, table } = read(chart);
    expect(markup).not.toContain('<script');
    expect(markup).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(textOf(byName(svg, 'title')[0]!)).toBe(`${evil} & title`);
    expect(textOf(byClass(svg, 'gh-chart-label')[0]!)).toBe(evil);
    expect(byName(table, 'th').map(textOf)).toEqual([evil, evil, evil, 'b']);
    const bars = read(
      barChart({ id: 'b', locale: 'en', title: evil, description: evil, bars: [{ label: evil, value: 1 }] }),
    );
    expect(bars.markup).not.toContain('<script');
    expect(textOf(byClass(bars.svg, 'gh-chart-label')[0]!)).toBe(evil);
  });

  it('renders all-zero data with ticks 0 and 1 and every line on the baseline', () => {
    const { svg, table } = read(
      daily(
        daySeries(
          days(30, () => ({ signUps: 0, signIns: 0, failedSignIns: 0 })),
          NAMES,
          'en',
        ),
      ),
    );
    expect(ticks(svg)).toEqual([0, 1]);
    const baseline = Number(byName(byClass(svg, 'gh-chart-axis')[0]!, 'line')[0]!.attrs.y1);
    for (const line of byName(svg, 'polyline')) {
      expect(pointsOf(line)).toHaveLength(30);
      for (const [, y] of pointsOf(line)) expect(y).toBe(baseline);
    }
    expect(cells(table).map(textOf)).toEqual(Array(90).fill('0'));
  });

  it('renders a single point, in the middle, with its one label', () => {
    const { svg, table } = read(
      daily(
        daySeries(
          days(1, () => ({ signUps: 3, signIns: 0, failedSignIns: 1 })),
          NAMES,
          'en',
        ),
      ),
    );
    const lines = byName(svg, 'polyline');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(pointsOf(line)).toHaveLength(1);
    const [x] = pointsOf(lines[0]!)[0]!;
    const [, , width] = svg.attrs.viewBox!.split(' ').map(Number);
    expect(x).toBeGreaterThan(width! / 3);
    expect(x).toBeLessThan((width! * 2) / 3);
    expect(ticks(svg)).toEqual([0, 1, 2, 3]);
    const xLabels = byName(byClass(svg, 'gh-chart-axis')[0]!, 'text').filter(
      (t) => t.attrs.class === undefined,
    );
    expect(xLabels.map(textOf)).toEqual(['Jun 1']);
    expect(cells(table).map(textOf)).toEqual(['3', '0', '1']);
  });

  it('renders no series, or a series without points, without a broken number', () => {
    expect(ticks(read(daily([])).svg)).toEqual([0, 1]);
    const { svg, table } = read(daily([{ name: 'Empty', points: [] }]));
    expect(byName(svg, 'polyline')).toHaveLength(0);
    expect(textOf(byClass(svg, 'gh-chart-label')[0]!)).toBe('Empty');
    expect(cells(table)).toHaveLength(0);
  });

  it('writes numbers for the locale and with the value format, in ticks and table alike', () => {
    const big = daily([{ name: 'Anmeldungen', points: [{ label: '1. Juni', value: 12345 }] }], {
      locale: 'de',
    });
    const { svg, table } = read(big);
    expect(byClass(svg, 'gh-chart-tick').map(textOf)).toContain('10.000');
    expect(cells(table).map(textOf)).toEqual(['12.345']);
    expect(daySeries(THIRTY, { signIns: 'Anmeldungen' }, 'de')[0]!.points[0]!.label).toBe('1. Juni');

    const shares = read(
      daily(
        [
          {
            name: 'Share',
            points: [
              { label: 'a', value: 0.25 },
              { label: 'b', value: 0.5 },
            ],
          },
        ],
        {
          valueFormat: { style: 'percent' },
        },
      ),
    );
    expect(byClass(shares.svg, 'gh-chart-tick').map(textOf)).toEqual([
      '0%',
      '10%',
      '20%',
      '30%',
      '40%',
      '50%',
    ]);
    expect(cells(shares.table).map(textOf)).toEqual(['25%', '50%']);
  });

  it('daySeries makes a series for each name given, in a fixed order, from getStats days', () => {
    const series = daySeries(THIRTY, { failedSignIns: 'Failed', signUps: 'Up' }, 'en');
    expect(series.map((s) => s.name)).toEqual(['Up', 'Failed']);
    expect(series[1]!.points.map((p) => p.value)).toEqual(THIRTY.map((d) => d.failedSignIns));
    expect(series[0]!.points.at(-1)!.label).toBe('Jun 30');
  });

  it('refuses an id that cannot be an id, more than four series and a value that is not finite', () => {
    const point = [{ label: 'a', value: 1 }];
    expect(() => daily([], { id: 'two words' })).toThrow(TypeError);
    expect(() => daily([], { id: '"x' })).toThrow(TypeError);
    expect(() => daily([1, 2, 3, 4, 5].map((k) => ({ name: `s${k}`, points: point })))).toThrow(RangeError);
    expect(() => daily([{ name: 's', points: [{ label: 'a', value: Number.NaN }] }])).toThrow(RangeError);
    expect(() =>
      barChart({
        id: 'b',
        locale: 'en',
        title: 't',
        description: 'd',
        bars: [{ label: 'a', value: Infinity }],
      }),
    ).toThrow(RangeError);
  });

  it('keeps ids unique when two charts share a page', () => {
    const page = `<div>${render(daily(daySeries(THIRTY, NAMES, 'en'), { id: 'a' }))}${render(
      barChart({ id: 'b', locale: 'en', title: 't', description: 'd', bars: [{ label: 'x', value: 1 }] }),
    )}</div>`;
    const root = parse(page);
    const ids = all(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id!);
    expect(ids).toEqual(['a', 'a-title', 'a-desc', 'b', 'b-title', 'b-desc']);
    for (const svg of byName(root, 'svg')) {
      for (const ref of svg.attrs['aria-labelledby']!.split(' ')) {
        expect(all(svg, (e) => e.attrs.id === ref)).toHaveLength(1);
      }
    }
  });
});

describe('barChart', () => {
  const factors = () =>
    barChart({
      id: 'factors',
      locale: 'en',
      title: 'Second factors',
      description: 'Active users with each factor',
      bars: [
        { label: 'Authenticator app', value: 12, total: 30 },
        { label: 'Passkeys', value: 30, total: 30 },
        { label: 'Phone', value: 0, total: 30 },
        { label: 'Recovery codes', value: 1234, total: 0 },
      ],
    });

  it('draws a bar per item, as long as its share, with the value and percentage as text', () => {
    const { svg } = read(factors());
    expect(svg.attrs).toMatchObject({ role: 'img', 'aria-labelledby': 'factors-title factors-desc' });
    const tracks = byClass(svg, 'gh-chart-track');
    const bars = byClass(svg, 'gh-chart-bar');
    expect(bars).toHaveLength(4);
    const full = Number(tracks[0]!.attrs.width);
    const widths = bars.map((b) => Number(b.attrs.width));
    [full * 0.4, full, 0, 0].forEach((w, i) => {
      expect(widths[i]).toBeCloseTo(w, 1);
    });
    const labels = byClass(svg, 'gh-chart-label').map(textOf);
    expect(labels).toEqual([
      'Authenticator app',
      '12 (40%)',
      'Passkeys',
      '30 (100%)',
      'Phone',
      '0 (0%)',
      'Recovery codes',
      '1,234',
    ]);
  });

  it('puts every label and value in the hidden table', () => {
    const { table } = read(factors());
    const rows = byName(table, 'tr').map((row) => [
      textOf(byName(row, 'th')[0]!),
      textOf(byName(row, 'td')[0]!),
    ]);
    expect(rows).toEqual([
      ['Authenticator app', '12 (40%)'],
      ['Passkeys', '30 (100%)'],
      ['Phone', '0 (0%)'],
      ['Recovery codes', '1,234'],
    ]);
  });

  it('without totals, scales to the largest value rounded up; all zero or none draws empty bars', () => {
    const { svg } = read(
      barChart({
        id: 'apps',
        locale: 'de',
        title: 't',
        description: 'd',
        bars: [
          { label: 'a', value: 1700 },
          { label: 'b', value: 500 },
        ],
      }),
    );
    const full = Number(byClass(svg, 'gh-chart-track')[0]!.attrs.width);
    const widths = byClass(svg, 'gh-chart-bar').map((b) => Number(b.attrs.width));
    [full * 0.85, full * 0.25].forEach((w, i) => {
      expect(widths[i]).toBeCloseTo(w, 1);
    });
    expect(byClass(svg, 'gh-chart-label').map(textOf)).toEqual(['a', '1.700', 'b', '500']);

    const zero = read(
      barChart({ id: 'z', locale: 'en', title: 't', description: 'd', bars: [{ label: 'a', value: 0 }] }),
    );
    expect(byClass(zero.svg, 'gh-chart-bar')[0]!.attrs.width).toBe('0');
    read(barChart({ id: 'none', locale: 'en', title: 't', description: 'd', bars: [] }));
  });

  it('keeps a value above its total inside the track', () => {
    const { svg } = read(
      barChart({
        id: 'o',
        locale: 'en',
        title: 't',
        description: 'd',
        bars: [{ label: 'a', value: 3, total: 2 }],
      }),
    );
    expect(byClass(svg, 'gh-chart-bar')[0]!.attrs.width).toBe(byClass(svg, 'gh-chart-track')[0]!.attrs.width);
    expect(textOf(byClass(svg, 'gh-chart-label')[1]!)).toBe('3 (150%)');
  });
});

describe('CHART_CSS', () => {
  const hex = /#[0-9a-f]{6}\b/i;
  /** Custom properties set in a block of CSS, light (before the dark media query) or dark. */
  function properties(css: string, scheme: 'light' | 'dark'): Record<string, string> {
    const [light, dark] = css.split('@media (prefers-color-scheme: dark)');
    const block = scheme === 'light' ? light! : dark!;
    return Object.fromEntries(
      [...block.matchAll(/(--gh-[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]),
    );
  }
  function luminance(color: string): number {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(color.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  }
  function contrast(a: string, b: string): number {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  }

  it('styles every class the charts use, with no rule a CSP nonce would not cover', () => {
    for (const cls of [
      'gh-chart',
      'gh-chart-axis',
      'gh-chart-grid',
      'gh-chart-label',
      'gh-chart-bar',
      'gh-chart-track',
      'gh-chart-marker',
      'gh-series-1',
      'gh-series-2',
      'gh-series-3',
      'gh-series-4',
    ]) {
      expect(CHART_CSS).toMatch(new RegExp(`\\.${cls}\\b[^{]*\\{`));
    }
    // The data table hides with the pages' own rule.
    expect(STRUCTURE_CSS).toMatch(/\.gh-visually-hidden \{[^}]*position: absolute/);
    expect(CHART_CSS).not.toMatch(/url\(|@import/);
  });

  it.each(['light', 'dark'] as const)(
    'gives each series 3:1 against the surface and the page (%s)',
    (scheme) => {
      const theme = properties(THEME_CSS, scheme);
      const series = properties(CHART_CSS, scheme);
      for (const k of [1, 2, 3, 4]) {
        const color = series[`--gh-series-${k}`];
        expect(color, `--gh-series-${k}`).toMatch(hex);
        for (const ground of ['--gh-surface', '--gh-page']) {
          expect(contrast(color!, theme[ground]!), `series ${k} on ${ground}`).toBeGreaterThanOrEqual(3);
        }
      }
      // Axis text and lines are the theme's muted colour: also readable on both grounds.
      for (const ground of ['--gh-surface', '--gh-page']) {
        expect(contrast(theme['--gh-muted']!, theme[ground]!)).toBeGreaterThanOrEqual(4.5);
      }
    },
  );

  it('falls back to the light series colours when a theme drops the properties', () => {
    const light = properties(CHART_CSS, 'light');
    for (const k of [1, 2, 3, 4]) {
      expect(CHART_CSS).toContain(`.gh-series-${k}`);
      expect(CHART_CSS).toMatch(new RegExp(`var\\(--gh-series-${k}, ${light[`--gh-series-${k}`]}\\)`));
    }
  });
});
