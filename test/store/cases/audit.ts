/** Contract: AuditStore — append-only, newest first, cursor pages that neither skip nor repeat. */
import { expect, it } from 'vitest';
import type { EventType } from '../../../src/core/events.js';
import { newId, type UserId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { AuditRecord } from '../../../src/store/ports/audit-store.js';
import { T0 } from '../../support/entities.js';
import type { ContractContext } from './context.js';

let clock = T0;
function aRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  clock += 1;
  return {
    id: newId('evt', clock, systemRandom),
    type: 'user.signed_in',
    at: clock,
    outcome: 'success',
    userId: null,
    sessionId: null,
    ip: '203.0.113.7',
    userAgent: 'test',
    data: { method: 'password', attempts: 1, verified: false, note: null },
    ...overrides,
  };
}

export function auditCases({ store }: ContractContext): void {
  it('round-trips a record, data included', async () => {
    const userId = newId('usr', T0, systemRandom);
    const record = aRecord({ userId, sessionId: newId('ses', T0, systemRandom) });
    await store().audit.append(record);
    expect(await store().audit.list({ userId, limit: 10 })).toEqual([record]);
  });

  it('pages newest first by cursor without skipping or repeating, under concurrent appends', async () => {
    const userId = newId('usr', T0, systemRandom) as UserId;
    const records = Array.from({ length: 25 }, () => aRecord({ userId }));
    await Promise.all(records.map((r) => store().audit.append(r)));
    const seen: string[] = [];
    let before: AuditRecord['id'] | undefined;
    for (;;) {
      const page = await store().audit.list({ userId, limit: 10, ...(before ? { before } : {}) });
      seen.push(...page.map((r) => r.id));
      if (page.length < 10) break;
      before = page[page.length - 1]!.id;
    }
    expect(seen).toEqual(records.map((r) => r.id).reverse());
  });

  it('filters by user and by type', async () => {
    const alice = newId('usr', T0, systemRandom);
    const bob = newId('usr', T0, systemRandom);
    const types: EventType[] = ['user.created', 'user.signed_in', 'user.sign_in_failed'];
    for (const type of types) {
      await store().audit.append(aRecord({ userId: alice, type }));
      await store().audit.append(aRecord({ userId: bob, type }));
    }
    const failures = await store().audit.list({ userId: alice, type: 'user.sign_in_failed', limit: 10 });
    expect(failures.map((r) => [r.userId, r.type])).toEqual([[alice, 'user.sign_in_failed']]);
    expect(await store().audit.list({ type: 'user.created', limit: 10 })).toHaveLength(2);
  });
}
