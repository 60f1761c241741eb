/** The comparison's printed table and aims, in the style of the bench's own report (lib/report.ts). */
import type { RoundsResult, RowSummary } from './rounds.js';

export interface CompareMeta {
  readonly betterAuthVersion: string;
  readonly rounds: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly connections: { readonly hash: number; readonly get: number; readonly refresh: number };
  readonly totalSeconds: number;
  /** What each side ran with, in words (also printed under the title). */
  readonly setup: readonly string[];
}

/** From the full bench's run, when there was one: its flood, against its measured parallel hashing. */
export interface FloodFigures {
  readonly database: string;
  readonly goodputPerSecond: number;
  readonly probeP99Ms: number;
  readonly parallelPerSecond: number;
}

export interface CompareResults extends RoundsResult {
  readonly meta: CompareMeta;
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const pct1 = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)}%` : '—');
const rate = (n: number) => (n >= 100 ? int(n) : fixed(n, 1));
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n >= 10 ? 1 : 2)}×` : '—');
const verdict = (met: boolean) => (met ? 'met' : 'missed');

function table(rows: string[][], rightAligned: (column: number) => boolean): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const cells = (s: RowSummary) => [
  rate(s.perSecond),
  fixed(s.p50Ms, 2),
  fixed(s.p99Ms, 2),
  int(s.usPerRequest),
];

function row(label: string, g: RowSummary, b: RowSummary): string[] {
  return [
    label,
    ...cells(g),
    ...cells(b),
    times(g.perSecond / b.perSecond),
    times(b.usPerRequest / g.usPerRequest),
    `${int(g.failed)}/${int(b.failed)}`,
    fixed(Math.max(0, g.otherCoresMax, b.otherCoresMax), 2),
  ];
}

export function compareReport(r: CompareResults, flood: readonly FloodFigures[] | undefined): string[] {
  const { meta } = r;
  const g = r.gatehouse.median;
  const b = r.betterAuth.median;
  const c = meta.connections;
  const hashing = r.parallelHashing;
  const order = r.order
    .map((pair) => pair.map((name) => (name === 'Gatehouse' ? 'G' : 'B')).join(' '))
    .join(', ');
  const out: string[] = [
    '',
    `Gatehouse vs better-auth ${meta.betterAuthVersion} · ${meta.rounds} rounds alternating (${order}) · ` +
      `${meta.seconds} s per measurement · medians across rounds · ${fixed(meta.totalSeconds, 0)} s in all`,
    'Each: one node:http process (gatehouse serve; better-auth via toNodeHandler, base path /auth), its own',
    'SQLite file (WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON), Argon2id m=19456 t=2 p=1 via',
    '@node-rs/argon2, rate limits off, the same autocannon client in its own process. See bench/README.md.',
    `Measured parallel hashing (${hashing.cores} chains for 3 s at each round's start): ${fixed(hashing.median)} hashes/s ` +
      `(median of ${hashing.perRound.map((v) => fixed(v)).join(', ')})`,
    '',
  ];
  const header = [
    'Measurement',
    'G per s',
    'p50 ms',
    'p99 ms',
    'µs/req',
    'BA per s',
    'p50 ms',
    'p99 ms',
    'µs/req',
    'G÷BA /s',
    'BA÷G µs',
    'failed G/BA',
    'other',
  ];
  const rows: string[][] = [
    header,
    row(`POST /auth/sign-up/email (${c.hash} conns)`, g.signUp, b.signUp),
    row(`POST /auth/sign-in/email (${c.hash} conns)`, g.signIn, b.signIn),
    row(`session check, BA cookieCache off (${c.get} conns)`, g.session, b.session),
    row(`session check, BA cookieCache on (${c.get} conns)`, g.session, b.sessionCookieCache),
    row(`refresh: G chained · BA GET /auth/token (${c.refresh} conns)`, g.refresh, b.refresh),
  ];
  out.push(table(rows, (col) => col >= 1));
  out.push(
    'G = Gatehouse, BA = better-auth. Session check: G `GET /auth/session` with its bearer access token; BA',
    '`GET /auth/get-session` with its session cookie (a database read each time with cookieCache off, its',
    "default; with it on, the cookie's signed copy of the session for 5 min, no read). Refresh: BA has no",
    'refresh token for its own sessions; its jwt plugin trades the session cookie for a JWT (EdDSA), no rotation,',
    'no reuse detection — lighter than G, which spends the refresh token and issues a new pair (ES256 JWT).',
    'µs/req = server CPU per 2xx answer; other = the most CPU (cores) other processes used in any round.',
  );
  const noisy = Math.max(
    ...Object.values<RowSummary>(g).map((s) => s.otherCoresMax),
    ...Object.values<RowSummary>(b).map((s) => s.otherCoresMax),
  );
  if (noisy > 0.2)
    out.push(
      `WARNING: other processes used up to ${fixed(noisy, 2)} cores during the comparison; figures disturbed.`,
    );
  out.push('');

  const par = hashing.median;
  const aims: string[][] = [
    ['Aim (informational; never fails the run)', 'Gatehouse', 'better-auth'],
    [
      'session check ≥ 20× better-auth (cookieCache off)',
      `${times(g.session.perSecond / b.session.perSecond)} ${verdict(g.session.perSecond / b.session.perSecond >= 20)}`,
      '',
    ],
    [
      '  (for reference: vs better-auth with cookieCache on)',
      times(g.session.perSecond / b.sessionCookieCache.perSecond),
      '',
    ],
    [
      `sign-in ≥ 0.95 of measured parallel hashing (${fixed(par)}/s)`,
      `${pct1(g.signIn.perSecond / par)} ${verdict(g.signIn.perSecond / par >= 0.95)}`,
      `${pct1(b.signIn.perSecond / par)} (info)`,
    ],
    [
      'sign-up ≥ 0.95 of measured parallel hashing',
      `${pct1(g.signUp.perSecond / par)} ${verdict(g.signUp.perSecond / par >= 0.95)}`,
      `${pct1(b.signUp.perSecond / par)} (info)`,
    ],
  ];
  if (flood === undefined) {
    aims.push(['flood aims (goodput ≥ 0.9 of parallel hashing, p99 < 25 ms)', 'full bench only', '']);
  } else {
    for (const f of flood) {
      const share = f.goodputPerSecond / f.parallelPerSecond;
      aims.push(
        [
          `flood (${f.database}): sign-in goodput ≥ 0.9 of measured parallel hashing (${fixed(f.parallelPerSecond)}/s)`,
          `${pct1(share)} ${verdict(share >= 0.9)}`,
          '',
        ],
        [
          `flood (${f.database}): session p99 < 25 ms`,
          `${fixed(f.probeP99Ms, 1)} ms ${verdict(f.probeP99Ms < 25)}`,
          '',
        ],
      );
    }
  }
  out.push(table(aims, () => false));
  return out;
}
