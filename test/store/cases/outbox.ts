/** Contract: OutboxStore — due work is leased once, retried later, never lost, never sent twice. */
import { expect, it } from 'vitest';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { OutboxMessage } from '../../../src/store/ports/outbox-store.js';
import { MINUTE, T0 } from '../../support/entities.js';
import type { ContractContext } from './context.js';

function aMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: newId('obx', T0, systemRandom),
    kind: 'mail',
    payload: JSON.stringify({ to: 'a@example.com' }),
    createdAt: T0,
    availableAt: T0,
    attempts: 0,
    ...overrides,
  };
}

export function outboxCases({ store }: ContractContext): void {
  it('leases due messages once, counting the attempt; a lease hides a message until it lapses', async () => {
    const due = aMessage();
    const later = aMessage({ availableAt: T0 + 10 * MINUTE });
    await store().outbox.enqueue(due);
    await store().outbox.enqueue(later);
    const claimed = await store().outbox.claim(T0, 10, MINUTE);
    expect(claimed).toEqual([{ ...due, attempts: 1 }]);
    expect(await store().outbox.claim(T0 + 1000, 10, MINUTE)).toEqual([]);
    // The sender died mid-send: after the lease lapses, the message is claimable again.
    expect((await store().outbox.claim(T0 + MINUTE, 10, MINUTE)).map((m) => [m.id, m.attempts])).toEqual([
      [due.id, 2],
    ]);
  });

  it('completes, retries at the given time, and gives up for good', async () => {
    const [sent, retried, dead] = [aMessage(), aMessage(), aMessage()];
    for (const m of [sent, retried, dead]) await store().outbox.enqueue(m);
    expect(await store().outbox.claim(T0, 10, MINUTE)).toHaveLength(3);
    await store().outbox.complete(sent.id, T0);
    await store().outbox.fail(retried.id, T0 + 5 * MINUTE, 'ECONNREFUSED '.repeat(100));
    await store().outbox.fail(dead.id, null, 'rejected');
    expect(await store().outbox.claim(T0 + 2 * MINUTE, 10, MINUTE)).toEqual([]);
    const again = await store().outbox.claim(T0 + 5 * MINUTE, 10, MINUTE);
    expect(again.map((m) => m.id)).toEqual([retried.id]);
    expect(again[0]!.attempts).toBe(2);
    await store().outbox.complete(retried.id, T0 + 5 * MINUTE);
    expect(await store().outbox.claim(T0 + 60 * MINUTE, 10, MINUTE)).toEqual([]);
  });

  it('concurrent claimers take disjoint sets and together take everything due', async () => {
    const messages = Array.from({ length: 40 }, () => aMessage());
    for (const m of messages) await store().outbox.enqueue(m);
    const batches = await Promise.all(Array.from({ length: 8 }, () => store().outbox.claim(T0, 7, MINUTE)));
    const ids = batches.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rest = await store().outbox.claim(T0, 100, MINUTE);
    expect(new Set([...ids, ...rest.map((m) => m.id)])).toEqual(new Set(messages.map((m) => m.id)));
    expect(ids.length + rest.length).toBe(40);
  });
}
