/** The CounterStore contract on a real redis-server, and what the instance does with one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterStore } from '../../src/store/ports/counter-store.js';
import { redisCounterStore } from '../../src/store/redis/redis-counter-store.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { counterCases } from './cases/counters.js';

describe('redis counter store', () => {
  let redis: RedisServer;
  let store: CounterStore & { close(): Promise<void> };
  beforeAll(async () => {
    redis = await startRedis();
    store = await redisCounterStore(redis.url, `gh_${Date.now()}_`);
  });
  afterAll(async () => {
    await store?.close();
    await redis?.stop();
  });

  counterCases(() => store);

  it('reports an unreachable Redis as UNAVAILABLE', async () => {
    const down = await startRedis();
    const doomed = await redisCounterStore(down.url, 'gh_');
    await down.stop();
    await expect(doomed.hit('k', 1, 1000, Date.now())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await doomed.close();
  });
});
