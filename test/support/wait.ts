/**
 * Waiting on a condition instead of sleeping: tests poll what they need to see, with a deadline,
 * so they are as fast as the system allows and never race it under load.
 */
import type { TestGatehouse } from './gatehouse.js';

/**
 * Resolves once `check` returns true; polls every 20 ms and fails after `timeoutMs`, naming `what`.
 *
 * @example
 * await waitUntil(async () => (await rows()).every((r) => r.state === 'sent'), 'every row sent');
 */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Resolves once every message `t` has stored for delivery is sent or given up, so every mail it
 * will send for what was done so far has reached the receiver (a send resolves only once the
 * receiver has stored the message). Mail that a request queues after answering (forgot-password
 * and resend-verification look the account up then) may be stored later than this sees.
 */
export async function outboxDelivered(t: Pick<TestGatehouse, 'db' | 'tablePrefix'>): Promise<void> {
  await waitUntil(
    async () => (await t.db.rows(`${t.tablePrefix}outbox`)).every((row) => row.state !== 'pending'),
    'every queued message to be delivered',
  );
}
