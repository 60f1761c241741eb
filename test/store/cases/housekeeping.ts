/**
 * Contract: HousekeepingStore — deletes only what ended before the cut-off, a bounded batch at a
 * time; concurrent runs delete every due row exactly once, and on PostgreSQL skip the rows
 * another run holds instead of waiting for them. Also the counters' prune, which the same job
 * runs: it never forgets a lock that is still on.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { AuditRecord } from '../../../src/store/ports/audit-store.js';
import type { OutboxMessage } from '../../../src/store/ports/outbox-store.js';
import type { Store } from '../../../src/store/ports/store.js';
import type { VerificationToken } from '../../../src/store/ports/verification-token-store.js';
import { aTokenHash, DAY, MINUTE, seedSession, seedUser, T0 } from '../../support/entities.js';
import { randomTablePrefix, testDatabase } from '../../support/stores.js';
import type { ContractContext } from './context.js';

/** The cut-off every case deletes before; "old" rows ended before it, "recent" ones after. */
const CUTOFF = T0 + 10 * DAY;
const OLD = T0;
const RECENT = T0 + 20 * DAY;
const FAR = T0 + 100 * DAY;

function anAuditRecord(at: number): AuditRecord {
  return {
    id: newId('evt', at, systemRandom),
    type: 'user.signed_in',
    at,
    outcome: 'success',
    userId: null,
    sessionId: null,
    actorId: null,
    targetId: null,
    ip: null,
    userAgent: null,
    data: {},
  };
}

function aMessage(availableAt: number): OutboxMessage {
  return {
    id: newId('obx', T0, systemRandom),
    kind: 'webhook',
    payload: '{}',
    createdAt: T0,
    availableAt,
    attempts: 0,
  };
}

/** Calls `step` until a batch comes back short, as the service does; returns each batch's count. */
async function drain(step: (limit: number) => Promise<number>, limit: number): Promise<number[]> {
  const batches: number[] = [];
  for (;;) {
    const n = await step(limit);
    batches.push(n);
    if (n < limit) return batches;
  }
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

export function housekeepingCases({ kind, store }: ContractContext): void {
  it('deletes sessions revoked or expired before the cut-off, with their refresh tokens; keeps the rest', async () => {
    const { user, credential } = await seedUser(store());
    const live = { expiresAt: FAR, idleExpiresAt: FAR };
    const revokedOld = await seedSession(store(), user, credential, live);
    await store().sessions.revoke(revokedOld.session.id, OLD, 'signed_out');
    const revokedRecent = await seedSession(store(), user, credential, live);
    await store().sessions.revoke(revokedRecent.session.id, RECENT, 'signed_out');
    const idleOld = await seedSession(store(), user, credential, {
      idleExpiresAt: OLD + DAY,
      expiresAt: FAR,
    });
    const absoluteOld = await seedSession(store(), user, credential, {
      idleExpiresAt: OLD + DAY,
      expiresAt: OLD + DAY,
    });
    // Idle-expired after the cut-off, and a session ending exactly at it: both kept.
    const idleRecent = await seedSession(store(), user, credential, {
      idleExpiresAt: RECENT,
      expiresAt: FAR,
    });
    const atCutoff = await seedSession(store(), user, credential, { idleExpiresAt: CUTOFF, expiresAt: FAR });
    const liveOne = await seedSession(store(), user, credential, live);

    expect(await store().housekeeping.deleteEndedSessions(CUTOFF, 100)).toBe(3);
    expect(await store().housekeeping.deleteEndedSessions(CUTOFF, 100)).toBe(0);

    const left = (await store().sessions.listForUser(user.id)).map((s) => s.id).sort();
    expect(left).toEqual([revokedRecent, idleRecent, atCutoff, liveOne].map((s) => s.session.id).sort());
    // The deleted sessions' tokens went with them: unknown now, where a kept ended session's
    // unspent token is still recognised.
    const next = aTokenHash();
    for (const gone of [revokedOld, idleOld, absoluteOld]) {
      expect(await store().sessions.rotateRefreshToken(gone.token, next, RECENT, FAR)).toEqual({
        ok: false,
        reason: 'unknown',
      });
    }
    expect(await store().sessions.rotateRefreshToken(revokedRecent.token, next, RECENT, FAR)).toMatchObject({
      ok: false,
      reason: 'session_ended',
    });
    expect(await store().sessions.rotateRefreshToken(liveOne.token, next, RECENT, FAR)).toMatchObject({
      ok: true,
    });
  });

  it('deletes refresh tokens spent before the cut-off; a live session and its current token stay', async () => {
    const { user, credential } = await seedUser(store());
    const { session, token: first } = await seedSession(store(), user, credential, {
      expiresAt: FAR,
      idleExpiresAt: FAR,
    });
    const second = aTokenHash();
    const third = aTokenHash();
    expect(await store().sessions.rotateRefreshToken(first, second, OLD, FAR)).toMatchObject({ ok: true });
    expect(await store().sessions.rotateRefreshToken(second, third, RECENT, FAR)).toMatchObject({ ok: true });

    expect(await store().housekeeping.deleteSpentRefreshTokens(CUTOFF, 100)).toBe(1);
    expect(await store().housekeeping.deleteSpentRefreshTokens(CUTOFF, 100)).toBe(0);

    // The trade-off the port documents: the deleted spent token is now unknown, not reuse…
    expect(await store().sessions.rotateRefreshToken(first, aTokenHash(), RECENT + 1, FAR)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await store().sessions.listLive(user.id, RECENT + 1)).toHaveLength(1);
    // …the current token still rotates…
    const fourth = aTokenHash();
    expect(await store().sessions.rotateRefreshToken(third, fourth, RECENT + 2, FAR)).toMatchObject({
      ok: true,
      session: { id: session.id },
    });
    // …and a kept spent token is still caught as reuse.
    expect(await store().sessions.rotateRefreshToken(second, aTokenHash(), RECENT + 3, FAR)).toMatchObject({
      ok: false,
      reason: 'reused',
    });
  });

  it('deletes outbox rows sent or given up before the cut-off, never a pending one', async () => {
    const outbox = store().outbox;
    const sentOld = aMessage(OLD);
    const sentRecent = aMessage(OLD);
    const deadOld = aMessage(OLD);
    const deadRecent = aMessage(RECENT);
    const pendingOld = aMessage(OLD);
    const retryingOld = aMessage(OLD);
    await outbox.enqueue(deadRecent);
    expect(await outbox.claim(RECENT, 10, MINUTE)).toEqual([expect.objectContaining({ id: deadRecent.id })]);
    await outbox.fail(deadRecent.id, null, 'rejected');
    for (const m of [sentOld, sentRecent, deadOld, retryingOld]) await outbox.enqueue(m);
    expect(await outbox.claim(OLD, 10, MINUTE)).toHaveLength(4);
    await outbox.complete(sentOld.id, OLD);
    // Due long ago but delivered recently: `sent_at` decides.
    await outbox.complete(sentRecent.id, RECENT);
    await outbox.fail(deadOld.id, null, 'rejected');
    await outbox.fail(retryingOld.id, OLD + MINUTE, 'ECONNREFUSED');
    // Never claimed: a message whose sender was down all along.
    await outbox.enqueue(pendingOld);

    expect(await store().housekeeping.deleteFinishedOutbox(CUTOFF, 100)).toBe(2);
    expect(await store().housekeeping.deleteFinishedOutbox(CUTOFF, 100)).toBe(0);

    expect(await outbox.get(sentOld.id)).toBeNull();
    expect(await outbox.get(deadOld.id)).toBeNull();
    expect(await outbox.get(sentRecent.id)).toMatchObject({ state: 'sent' });
    expect(await outbox.get(deadRecent.id)).toMatchObject({ state: 'dead' });
    expect(await outbox.get(pendingOld.id)).toMatchObject({ state: 'pending' });
    expect(await outbox.get(retryingOld.id)).toMatchObject({ state: 'pending' });
  });

  it('deletes links used or expired before the cut-off; live ones and recent ones stay', async () => {
    const link = async (overrides: Partial<VerificationToken> = {}) => {
      const { user } = await seedUser(store());
      const token: VerificationToken = {
        hash: aTokenHash(),
        userId: user.id,
        purpose: 'verify_email',
        email: user.email!,
        createdAt: OLD,
        expiresAt: FAR,
        ...overrides,
      };
      await store().verificationTokens.issue(token, token.createdAt);
      return token;
    };
    const usedOld = await link();
    await store().verificationTokens.consume(usedOld.hash, 'verify_email', OLD + 1);
    const usedRecent = await link();
    await store().verificationTokens.consume(usedRecent.hash, 'verify_email', RECENT);
    const voidedOld = await link();
    await store().verificationTokens.voidAll(voidedOld.userId, OLD + 1);
    const expiredOld = await link({ expiresAt: OLD + DAY });
    const expiredRecent = await link({ expiresAt: CUTOFF + DAY });
    const live = await link();

    expect(await store().housekeeping.deleteDeadLinks(CUTOFF, 100)).toBe(3);
    expect(await store().housekeeping.deleteDeadLinks(CUTOFF, 100)).toBe(0);

    const outcome = async (t: VerificationToken) =>
      store().verificationTokens.consume(t.hash, 'verify_email', RECENT + 1);
    for (const gone of [usedOld, voidedOld, expiredOld]) {
      expect(await outcome(gone)).toEqual({ ok: false, reason: 'unknown' });
    }
    expect(await outcome(usedRecent)).toEqual({ ok: false, reason: 'used' });
    expect(await outcome(expiredRecent)).toEqual({ ok: false, reason: 'expired' });
    expect(await store().verificationTokens.listLive(live.userId, RECENT)).toEqual([live]);
  });

  it('deletes audit events recorded before the cut-off', async () => {
    const old = [anAuditRecord(OLD), anAuditRecord(CUTOFF - 1)];
    const kept = [anAuditRecord(CUTOFF), anAuditRecord(RECENT)];
    for (const r of [...old, ...kept]) await store().audit.append(r);
    expect(await store().housekeeping.deleteAuditEvents(CUTOFF, 100)).toBe(2);
    expect(await store().housekeeping.deleteAuditEvents(CUTOFF, 100)).toBe(0);
    expect((await store().audit.list({ limit: 10 })).map((r) => r.id)).toEqual(
      kept.map((r) => r.id).reverse(),
    );
  });

  it('deletes at most `limit` rows per call', async () => {
    for (let i = 0; i < 7; i++) await store().audit.append(anAuditRecord(OLD + i));
    expect(await drain((n) => store().housekeeping.deleteAuditEvents(CUTOFF, n), 3)).toEqual([3, 3, 1]);
    expect(await store().audit.list({ limit: 10 })).toEqual([]);
  });

  it('three concurrent runs over 300 due rows delete each exactly once', async () => {
    const user = (await seedUser(store())).user;
    const sessions = await Promise.all(
      Array.from({ length: 300 }, () =>
        seedSession(store(), user, null, { idleExpiresAt: OLD + DAY, expiresAt: FAR }),
      ),
    );
    const live = await seedSession(store(), user, null, { idleExpiresAt: FAR, expiresAt: FAR });
    const runs = await Promise.all(
      Array.from({ length: 3 }, () => drain((n) => store().housekeeping.deleteEndedSessions(CUTOFF, n), 40)),
    );
    expect(sum(runs.flat())).toBe(sessions.length);
    // How the rows split between the runs depends on scheduling (a run's first batch may start
    // after the others have taken all but a few), so only the totals are checked here; that a
    // run skips rows another holds rather than waiting is the SKIP LOCKED test below.
    expect((await store().sessions.listForUser(user.id)).map((s) => s.id)).toEqual([live.session.id]);
  });

  it.runIf(kind === 'postgres')(
    'PostgreSQL: skips rows another run holds instead of waiting for them (SKIP LOCKED)',
    async () => {
      const database = await testDatabase('postgres');
      const prefix = randomTablePrefix();
      const holder = new pg.Client({ connectionString: inject('postgresUrl') });
      try {
        const own: Store = await database.open({ tablePrefix: prefix });
        const records = Array.from({ length: 30 }, (_, i) => anAuditRecord(OLD + i));
        for (const r of records) await own.audit.append(r);
        await holder.connect();
        await holder.query('begin');
        const held = records.slice(0, 10).map((r) => r.id);
        await holder.query(`select id from "${prefix}audit_events" where id = any($1) for update`, [held]);
        // Waiting on the held rows would hang here until the test times out.
        expect(await own.housekeeping.deleteAuditEvents(CUTOFF, 100)).toBe(20);
        await holder.query('rollback');
        expect(await own.housekeeping.deleteAuditEvents(CUTOFF, 100)).toBe(10);
      } finally {
        await holder.end().catch(() => {});
        await database.cleanup();
      }
    },
  );

  it.runIf(kind === 'mysql')(
    'MySQL: skips rows another run holds instead of waiting for them (SKIP LOCKED)',
    async () => {
      const database = await testDatabase('mysql');
      const prefix = randomTablePrefix();
      const holder = await mysql.createConnection(database.url);
      try {
        const own: Store = await database.open({ tablePrefix: prefix });
        const records = Array.from({ length: 30 }, (_, i) => anAuditRecord(OLD + i));
        for (const r of records) await own.audit.append(r);
        await holder.query('begin');
        // One primary-key lookup per row: an IN list over this small table may be planned as a
        // scan, which locks more than the ten.
        for (const r of records.slice(0, 10)) {
          await holder.query(`select id from \`${prefix}audit_events\` where id = ? for update`, [r.id]);
        }
        // Waiting on the held rows would hang here until innodb_lock_wait_timeout.
        expect(await own.housekeeping.deleteAuditEvents(CUTOFF, 100)).toBe(20);
        await holder.query('rollback');
        expect(await own.housekeeping.deleteAuditEvents(CUTOFF, 100)).toBe(10);
      } finally {
        await holder.end().catch(() => {});
        await database.cleanup();
      }
    },
  );

  it('counters: pruning keeps a lock that is still on, however long ago it was set', async () => {
    const counters = store().counters;
    const key = `lock:${Math.random()}`;
    const longLock = { threshold: 1, lockMs: () => 30 * DAY };
    expect((await counters.attempt(key, longLock, OLD)).allowed).toBe(true);
    expect((await counters.attempt(key, longLock, OLD)).allowed).toBe(false);
    const ranOut = `lock:${Math.random()}`;
    const shortLock = { threshold: 1, lockMs: () => MINUTE };
    await counters.attempt(ranOut, shortLock, OLD);
    await counters.attempt(ranOut, shortLock, OLD);
    const window = `window:${Math.random()}`;
    await counters.hit(window, 5, MINUTE, OLD);

    // Not touched for 10 days: the ran-out lock and the old window go, the active lock stays.
    expect(await counters.prune(CUTOFF)).toBe(2);
    const during = await counters.attempt(key, longLock, CUTOFF + DAY);
    expect(during.allowed).toBe(false);
    expect(during.retryAfterMs).toBe(OLD + 30 * DAY - (CUTOFF + DAY));
  });
}
