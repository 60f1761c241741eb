/**
 * SECURITY.md's timing method: two classes of request interleaved in random order (≥200 each),
 * warm-up samples dropped, medians compared. Equal when the medians differ by less than
 * max(5 ms, 5%) and a Mann-Whitney U test gives p > 0.01. A test of equality, not of speed.
 */

export interface TimingComparison {
  readonly medianA: number;
  readonly medianB: number;
  readonly difference: number;
  readonly allowed: number;
  readonly p: number;
  readonly equal: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Two-sided Mann-Whitney U test, normal approximation with tie correction. */
export function mannWhitneyP(a: readonly number[], b: readonly number[]): number {
  const all = [...a.map((v) => ({ v, g: 0 })), ...b.map((v) => ({ v, g: 1 }))].sort((x, y) => x.v - y.v);
  const ranks = new Array<number>(all.length);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[k] = rank;
    const t = j - i + 1;
    tieTerm += t ** 3 - t;
    i = j + 1;
  }
  const n1 = a.length;
  const n2 = b.length;
  let r1 = 0;
  all.forEach((x, i) => {
    if (x.g === 0) r1 += ranks[i]!;
  });
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (sigma === 0) return 1;
  const z = (Math.abs(u - (n1 * n2) / 2) - 0.5) / sigma;
  return 2 * (1 - normalCdf(z));
}

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 for erf.
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return 0.5 * (1 + Math.sign(x) * y);
}

/**
 * Runs `samples` requests of each class in random interleaved order (plus `warmUp` of each,
 * dropped) and compares their durations.
 */
export async function compareTimings(
  classA: () => Promise<unknown>,
  classB: () => Promise<unknown>,
  { samples = 200, warmUp = 20 } = {},
): Promise<TimingComparison> {
  const order = [...Array(samples + warmUp).fill(0), ...Array(samples + warmUp).fill(1)] as number[];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const times: [number[], number[]] = [[], []];
  const seen = [0, 0];
  for (const g of order) {
    const started = performance.now();
    await (g === 0 ? classA() : classB());
    const elapsed = performance.now() - started;
    if (seen[g]!++ >= warmUp) times[g as 0 | 1].push(elapsed);
  }
  const medianA = median(times[0]);
  const medianB = median(times[1]);
  const difference = Math.abs(medianA - medianB);
  const allowed = Math.max(5, 0.05 * Math.max(medianA, medianB));
  const p = mannWhitneyP(times[0], times[1]);
  return { medianA, medianB, difference, allowed, p, equal: difference < allowed && p > 0.01 };
}

/** The method says: repeat once if the result is flaky. */
export async function timingsEqual(
  classA: () => Promise<unknown>,
  classB: () => Promise<unknown>,
  options?: { samples?: number; warmUp?: number },
): Promise<TimingComparison> {
  const first = await compareTimings(classA, classB, options);
  return first.equal ? first : compareTimings(classA, classB, options);
}
