/**
 * Contract: AuditStore — append-only, cursor pages (newest or oldest first) that neither skip nor
 * repeat, and the operator's filters.
 */
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
    actorId: null,
    targetId: null,
    ip: '203.0.113.7',
    userAgent: 'test',
    data: { method: 'password', attempts: 1, verified: false, note: null },
    ...overrides,
  };
}

export function auditCases(context: ContractContext): void {
  const { store } = context;
  it('round-trips a record, data included', async () => {
    const userId = newId('usr', T0, systemRandom);
    const record = aRecord({
      userId,
      sessionId: newId('ses', T0, systemRandom),
      actorId: newId('usr', T0, systemRandom),
      targetId: userId,
    });
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

  auditFilterCases(context);
}

/** The operator's filters: actor, target, several types, outcome, a time range, both orders. */
function auditFilterCases({ store }: ContractContext): void {
  async function seed(): Promise<{ records: AuditRecord[]; operator: string; app: string; start: number }> {
    const operator = newId('usr', T0, systemRandom);
    const app = newId('app', T0, systemRandom);
    const start = clock + 1;
    const records = [
      aRecord({ type: 'user.signed_in' }),
      aRecord({ type: 'user.sign_in_failed', outcome: 'failure' }),
      aRecord({ type: 'app.updated', actorId: operator, targetId: app }),
      aRecord({ type: 'user.suspended', actorId: 'cli' }),
      aRecord({ type: 'user.signed_in', outcome: 'success' }),
      aRecord({ type: 'app.created', actorId: operator, targetId: app }),
      aRecord({ type: 'mfa.failed', outcome: 'failure' }),
    ];
    for (const r of records) await store().audit.append(r);
    return { records, operator, app, start };
  }
  const ids = (records: AuditRecord[]) => records.map((r) => r.id);

  it('filters by actor, by target, by several types and by outcome, newest first', async () => {
    const { records, operator, app } = await seed();
    const [signIn, failed, updated, suspended, signIn2, created, mfa] = records as [
      AuditRecord,
      AuditRecord,
      AuditRecord,
      AuditRecord,
      AuditRecord,
      AuditRecord,
      AuditRecord,
    ];
    expect(ids(await store().audit.list({ actorId: operator, limit: 10 }))).toEqual([created.id, updated.id]);
    expect(ids(await store().audit.list({ actorId: 'cli', limit: 10 }))).toEqual([suspended.id]);
    expect(ids(await store().audit.list({ targetId: app, type: 'app.created', limit: 10 }))).toEqual([
      created.id,
    ]);
    expect(
      ids(await store().audit.list({ type: ['user.signed_in', 'user.sign_in_failed'], limit: 10 })),
    ).toEqual([signIn2.id, failed.id, signIn.id]);
    expect(ids(await store().audit.list({ outcome: 'failure', limit: 10 }))).toEqual([mfa.id, failed.id]);
    expect(await store().audit.list({ type: [], limit: 10 })).toEqual([]);
  });

  it('keeps records with `at` in [from, to), and pages oldest first by `after`', async () => {
    const { records, start } = await seed();
    // Records are one millisecond apart from `start`: [start + 2, start + 5) is the 3rd to 5th.
    const window = await store().audit.list({ from: start + 2, to: start + 5, limit: 10 });
    expect(ids(window)).toEqual(ids(records.slice(2, 5)).reverse());
    const oldest: string[] = [];
    let after: AuditRecord['id'] | undefined;
    for (;;) {
      const page = await store().audit.list({ order: 'oldest', limit: 3, ...(after ? { after } : {}) });
      oldest.push(...ids(page));
      if (page.length < 3) break;
      after = page[page.length - 1]!.id;
    }
    expect(oldest).toEqual(ids(records));
    // The two cursors together bound a slice; each filter narrows the same way in either order.
    const slice = await store().audit.list({
      order: 'oldest',
      after: records[0]!.id,
      before: records[6]!.id,
      outcome: 'success',
      limit: 10,
    });
    expect(ids(slice)).toEqual(ids([records[2]!, records[3]!, records[4]!, records[5]!]));
  });
}
