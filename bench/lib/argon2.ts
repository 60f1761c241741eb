/**
 * The Argon2id ceiling: how many password hashes per second this machine can do at all, at
 * Gatehouse's parameters. Sign-in and sign-up cost one hash each, so they cannot beat it.
 */
import { availableParallelism } from 'node:os';
import * as argon2 from '@node-rs/argon2';

// Gatehouse's parameters (src/crypto/password-hasher.ts). Argon2id is 2 in the const enum.
const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 as argon2.Algorithm };
const PASSWORD = 'correct horse battery staple';
const PARALLEL_MS = 3_000;

export interface Argon2Figures {
  /** Median single-hash time over both rounds: what the ceiling is computed from. */
  readonly singleHashMs: number;
  /** Medians of the round before and the round after the server measurements, to show drift. */
  readonly singleHashMsBefore: number;
  readonly singleHashMsAfter: number;
  readonly samples: number;
  readonly cores: number;
  /** cores ÷ single-hash time. */
  readonly ceilingPerSecond: number;
  /**
   * Measured: one chain of back-to-back hashes per core for 3 s. Usually below the ceiling, as
   * concurrent hashes share memory bandwidth and caches (and, on a VM, maybe physical cores).
   */
  readonly parallelPerSecond: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Times `samples` sequential hashes, after 3 not timed. */
async function singleHashTimes(samples: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await argon2.hash(PASSWORD, PARAMS);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await argon2.hash(PASSWORD, PARAMS);
    times.push(performance.now() - t0);
  }
  return times;
}

async function parallelRate(cores: number): Promise<number> {
  let hashes = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: cores }, async () => {
      while (performance.now() - t0 < PARALLEL_MS) {
        await argon2.hash(PASSWORD, PARAMS);
        hashes++;
      }
    }),
  );
  return hashes / ((performance.now() - t0) / 1000);
}

/**
 * Measures before the servers run; the returned `finish` measures again afterwards, since a VM's
 * speed drifts, and computes the ceiling from both rounds.
 */
export async function startArgon2(samples = 20): Promise<{
  /** cores ÷ the first round's median: the ceiling known before the servers run (the flood's rate). */
  readonly ceilingBeforePerSecond: number;
  finish(): Promise<Argon2Figures>;
}> {
  const cores = availableParallelism();
  const before = await singleHashTimes(samples);
  const parallelPerSecond = await parallelRate(cores);
  return {
    ceilingBeforePerSecond: cores / (median(before) / 1000),
    async finish() {
      const after = await singleHashTimes(samples);
      const singleHashMs = median([...before, ...after]);
      return {
        singleHashMs,
        singleHashMsBefore: median(before),
        singleHashMsAfter: median(after),
        samples: before.length + after.length,
        cores,
        ceilingPerSecond: cores / (singleHashMs / 1000),
        parallelPerSecond,
      };
    },
  };
}
