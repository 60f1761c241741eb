/**
 * CounterStore on Redis (ioredis, an optional peer dependency loaded only when `redisUrl` is
 * set). Each operation is one Lua script, so it is atomic across every process using the same
 * Redis. Keys carry the table prefix and expire on their own.
 */
import type { Redis } from 'ioredis';
import { GatehouseError } from '../../core/errors.js';
import type { CounterStore } from '../ports/counter-store.js';
import { slidingWindow } from '../sliding-window.js';

// KEYS[1] this window, KEYS[2] the previous one; ARGV[1] window ms. Returns {current, previous}.
const HIT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1] * 2) end
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
return {current, previous}`;

// KEYS[1] the lockout hash; ARGV: now, threshold, then lock lengths for lock counts 0..n.
// Returns {allowed (1/0), retryAfterMs}.
const ATTEMPT = `
local now = tonumber(ARGV[1])
local threshold = tonumber(ARGV[2])
local lockedUntil = tonumber(redis.call('HGET', KEYS[1], 'locked_until') or '0')
if lockedUntil > now then
  return {0, lockedUntil - now}
end
if lockedUntil > 0 then
  redis.call('HSET', KEYS[1], 'attempts', 0, 'locked_until', 0)
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('PEXPIRE', KEYS[1], 86400000)
if attempts <= threshold then return {1, 0} end
local locks = tonumber(redis.call('HGET', KEYS[1], 'lock_count') or '0')
local index = math.min(locks + 3, #ARGV)
local lockMs = tonumber(ARGV[index])
redis.call('HSET', KEYS[1], 'attempts', 0, 'lock_count', locks + 1, 'locked_until', now + lockMs)
redis.call('PEXPIRE', KEYS[1], lockMs + 86400000)
return {0, lockMs}`;

const RELEASE = `
if tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0') > 0 then
  redis.call('HINCRBY', KEYS[1], 'attempts', -1)
end
return 1`;

/** Lock lengths passed to the script: enough doublings to reach any cap. */
const LOCK_STEPS = 16;

/** What a refused request is told to wait: a little more than ioredis's longest reconnect delay (2 s). */
const RETRY_AFTER_SECONDS = 5;

export async function redisCounterStore(
  url: string,
  prefix: string,
): Promise<CounterStore & { close(): Promise<void> }> {
  let RedisClass: typeof import('ioredis').Redis;
  try {
    ({ Redis: RedisClass } = await import('ioredis'));
  } catch (error) {
    throw new GatehouseError(
      'UNAVAILABLE',
      'redisUrl is set but ioredis is not installed: npm install ioredis',
      {},
      {
        cause: error,
      },
    );
  }
  const redis: Redis = new RedisClass(url, {
    maxRetriesPerRequest: 1,
    // While Redis is away a command fails at once (503) instead of waiting in a queue for the
    // next reconnect attempt: sign-ins must not pile up behind an outage.
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  // Errors reach callers through their commands; an unhandled 'error' event would crash the process.
  redis.on('error', () => {});
  // Redis down at start must not fail the whole instance: ioredis goes on reconnecting, counted
  // requests fail closed (below) until it answers, and everything else works meanwhile.
  // `gatehouse doctor` is where a wrong `redisUrl` is reported.
  await redis.connect().catch(() => {});
  const key = (k: string) => `${prefix}${k}`;
  // Fail closed: a limiter that stops counting while Redis is away would open a window for
  // password guessing, so a counted request is refused (503 with Retry-After) rather than let
  // through uncounted. The client retries after the short wait ioredis needs to reconnect.
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new GatehouseError(
        'UNAVAILABLE',
        'The rate-limit store cannot be reached',
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
        { cause: error },
      );
    }
  };

  return {
    hit: (k, max, windowMs, now) =>
      run(async () => {
        const windowStart = Math.floor(now / windowMs) * windowMs;
        const [current, previous] = (await redis.eval(
          HIT,
          2,
          key(`rl:${k}:${windowStart}`),
          key(`rl:${k}:${windowStart - windowMs}`),
          windowMs,
        )) as [number, number];
        return slidingWindow(previous, current, max, windowStart, windowMs, now);
      }),
    attempt: (k, policy, now) =>
      run(async () => {
        const steps = Array.from({ length: LOCK_STEPS }, (_, n) => policy.lockMs(n));
        const [allowed, retryAfterMs] = (await redis.eval(
          ATTEMPT,
          1,
          key(`lo:${k}`),
          now,
          policy.threshold,
          ...steps,
        )) as [number, number];
        return { allowed: allowed === 1, retryAfterMs };
      }),
    release: (k) =>
      run(async () => {
        await redis.eval(RELEASE, 1, key(`lo:${k}`));
      }),
    clear: (k) =>
      run(async () => {
        await redis.del(key(`lo:${k}`));
      }),
    // Keys expire by themselves.
    prune: async () => 0,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
