/** Redis, when `redisUrl` keeps the rate-limit and lockout counters there: connect and PING. */
import type { ResolvedSettings } from '../../core/config.js';
import { type CheckResult, fail, pass, reason } from './check.js';
import { shownUrl } from './shown.js';

const TIMEOUT_MS = 5_000;

export async function checkRedis(settings: ResolvedSettings): Promise<CheckResult> {
  if (!settings.redisUrl) return pass('redis', 'not configured: counters are kept in the database');
  const shown = shownUrl(settings.redisUrl);
  let Redis: typeof import('ioredis').Redis;
  try {
    ({ Redis } = await import('ioredis'));
  } catch {
    return fail('redis', 'redis_url is set but the ioredis package is not installed', 'npm install ioredis');
  }
  // One attempt, no retries and no queue: doctor wants the answer, not a reconnecting client.
  const client = new Redis(settings.redisUrl, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The client reports why it failed here; the rejected call only says the connection closed.
  let failure: unknown;
  client.on('error', (error) => {
    failure ??= error;
  });
  try {
    await client.connect();
    const answer = await client.ping();
    return pass('redis', `${shown} answers ${answer}`);
  } catch (error) {
    return fail(
      'redis',
      `cannot reach ${shown}: ${reason(failure ?? error)}`,
      'Start Redis or correct redis_url (GATEHOUSE_REDIS_URL); unset it to keep the counters in the database. Until it answers, the counted routes (sign-in, sign-up, mailed links) answer 503',
    );
  } finally {
    client.disconnect();
  }
}
