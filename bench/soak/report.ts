/** The soak's printed tables: per database, the metrics with their verdict, then the requests. */
import type { MetricFigures } from './analyse.js';
import type { SkippedDatabase } from './databases.js';
import type { SoakFigures } from './soak-database.js';

const fixed = (n: number | undefined, digits = 1) =>
  n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '),
  );
}

function metricRow(name: string, m: MetricFigures): string[] {
  const digits = m.unit === '' ? 0 : m.unit === 'cores' ? 2 : 1;
  return [
    `${name}${m.unit ? ` (${m.unit})` : ''}`,
    fixed(m.start, digits),
    fixed(m.end, digits),
    fixed(m.max, digits),
    `${m.slope >= 0 ? '+' : ''}${fixed(m.slope, 2)}`,
    `${m.floorSlope >= 0 ? '+' : ''}${fixed(m.floorSlope, 2)}`,
    fixed(m.idle, digits),
    m.limit ?? '',
    m.ok === undefined ? '' : m.ok ? 'ok' : 'OVER',
  ];
}

export function soakLines(figures: SoakFigures, minutes: number, warmUpSeconds: number): string[] {
  const { analysis: a, load } = figures;
  const lines: string[] = [];
  const verdict = a.verdict.stable ? 'STABLE' : `NOT STABLE (${a.verdict.reasons.join('; ')})`;
  lines.push(
    `Soak — ${figures.database}: ${fixed(minutes, minutes < 1 ? 2 : 0)} min of mixed load, warm-up ${warmUpSeconds} s, then ${a.samples} samples over ${fixed(a.windowSeconds / 60, 1)} min: ${verdict}${a.verdict.short ? ' [short run: indicative only]' : ''}`,
  );
  lines.push(
    ...table([
      ['metric (after warm-up)', 'start', 'end', 'max', 'slope/min', 'floor/min', 'idle', 'limit', ''],
      ...Object.entries(a.metrics).map(([name, m]) => metricRow(name, m)),
    ]).map((l) => `  ${l}`),
  );
  const eld = a.eventLoopDelay;
  lines.push(
    `  event-loop delay per 5-s interval: p50 median ${fixed(eld.p50MedianMs, 2)} ms, p99 median ${fixed(eld.p99MedianMs, 2)} ms, p99 worst ${fixed(eld.p99WorstMs, 2)} ms, max ${fixed(eld.maxMs, 1)} ms`,
  );
  const resources = (r: Record<string, number>) =>
    Object.entries(r)
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([type, n]) => `${type} ${n}`)
      .join(', ') || '—';
  lines.push(`  active resources, most at once: ${resources(a.resourcesMax)}`);
  lines.push(`  active resources, idle after:   ${resources(a.resourcesIdle)}`);
  lines.push(`  db connections = ${figures.counted}`);
  const { cpu } = figures;
  lines.push(
    `  CPU during the load (cores): server ${fixed(cpu.serverCores, 2)}, postgres ${fixed(cpu.databaseCores, 2)}, driver ${fixed(cpu.driverCores, 2)}, everything else ${fixed(cpu.otherCores, 2)}; machine ${fixed(cpu.machineBusy * 100, 0)}% busy`,
  );
  lines.push(
    ...table([
      ['request', 'sent', 'per s', 'p50 ms', 'p99 ms', 'max ms', 'answers'],
      ...Object.entries(load.steps).map(([step, s]) => [
        step,
        String(s.sent),
        fixed(s.sent / load.seconds, s.sent / load.seconds >= 10 ? 0 : 2),
        fixed(s.p50Ms, 1),
        fixed(s.p99Ms, 1),
        fixed(s.maxMs, 0),
        Object.entries(s.statuses)
          .map(([status, n]) => `${status}×${n}`)
          .join(' '),
      ]),
    ]).map((l) => `  ${l}`),
  );
  const skipped = Object.entries(load.skipped);
  lines.push(
    `  flow starts skipped (no free user or session): ${skipped.length === 0 ? 'none' : skipped.map(([f, n]) => `${f} ${n}`).join(', ')}; mails received ${load.mailsReceived}; seeding ${fixed(load.seedSeconds, 1)} s; driver CPU ${fixed(load.loaderCores, 2)} cores`,
  );
  return lines;
}

export function skippedLine(skipped: SkippedDatabase): string {
  return `Soak — ${skipped.name}: skipped (${skipped.skipped})`;
}
