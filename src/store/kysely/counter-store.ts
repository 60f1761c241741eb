/**
 * CounterStore on Kysely. A hit is one upsert that increments this window's row and returns
 * it, plus a read of the previous window. An attempt runs in one transaction holding the
 * key's row (PostgreSQL row lock; SQLite's write lock), so concurrent attempts are serialised.
 * MySQL has no INSERT … RETURNING: there the upsert and the read of what it wrote run in one
 * transaction, whose row lock (taken by the upsert) keeps other hits out until the read is done.
 */
import type { CounterStore } from '../ports/counter-store.js';
import { slidingWindow } from '../sliding-window.js';
import type { StoreContext } from './context.js';

export function kyselyCounterStore(ctx: StoreContext): CounterStore {
  const { db, kind, transact } = ctx;
  return {
    async hit(key, max, windowMs, now) {
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const row =
        kind === 'mysql'
          ? await transact(async (trx) => {
              await trx
                .insertInto('rate_limits')
                .values({ key, window_start: windowStart, hits: 1 })
                .onDuplicateKeyUpdate((eb) => ({ hits: eb('rate_limits.hits', '+', 1) }))
                .execute();
              return trx
                .selectFrom('rate_limits')
                .select('hits')
                .where('key', '=', key)
                .where('window_start', '=', windowStart)
                .executeTakeFirstOrThrow();
            })
          : await db
              .insertInto('rate_limits')
              .values({ key, window_start: windowStart, hits: 1 })
              .onConflict((oc) =>
                oc
                  .columns(['key', 'window_start'])
                  .doUpdateSet((eb) => ({ hits: eb('rate_limits.hits', '+', 1) })),
              )
              .returning('hits')
              .executeTakeFirstOrThrow();
      const before = await db
        .selectFrom('rate_limits')
        .select('hits')
        .where('key', '=', key)
        .where('window_start', '=', windowStart - windowMs)
        .executeTakeFirst();
      return slidingWindow(Number(before?.hits ?? 0), Number(row.hits), max, windowStart, windowMs, now);
    },

    async attempt(key, policy, now) {
      return transact(async (trx) => {
        const insert = trx
          .insertInto('lockouts')
          .values({ key, attempts: 1, lock_count: 0, locked_until: null, updated_at: now });
        const row =
          kind === 'mysql'
            ? await insert
                .onDuplicateKeyUpdate((eb) => ({
                  attempts: eb('lockouts.attempts', '+', 1),
                  updated_at: now,
                }))
                .execute()
                .then(() =>
                  trx
                    .selectFrom('lockouts')
                    .select(['attempts', 'lock_count', 'locked_until'])
                    .where('key', '=', key)
                    .executeTakeFirstOrThrow(),
                )
            : await insert
                .onConflict((oc) =>
                  oc.column('key').doUpdateSet((eb) => ({
                    attempts: eb('lockouts.attempts', '+', 1),
                    updated_at: now,
                  })),
                )
                .returning(['attempts', 'lock_count', 'locked_until'])
                .executeTakeFirstOrThrow();
        const lockedUntil = row.locked_until === null ? null : Number(row.locked_until);
        if (lockedUntil !== null && lockedUntil > now) {
          return { allowed: false, retryAfterMs: lockedUntil - now };
        }
        const attempts = lockedUntil === null ? Number(row.attempts) : 1;
        if (lockedUntil !== null) {
          // The last lock has run out: this attempt starts a fresh count.
          await trx
            .updateTable('lockouts')
            .set({ attempts: 1, locked_until: null })
            .where('key', '=', key)
            .execute();
        }
        if (attempts <= policy.threshold) return { allowed: true, retryAfterMs: 0 };
        const lockMs = policy.lockMs(Number(row.lock_count));
        await trx
          .updateTable('lockouts')
          .set({ attempts: 0, lock_count: Number(row.lock_count) + 1, locked_until: now + lockMs })
          .where('key', '=', key)
          .execute();
        return { allowed: false, retryAfterMs: lockMs };
      });
    },

    async release(key) {
      await db
        .updateTable('lockouts')
        .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
        .where('key', '=', key)
        .where('attempts', '>', 0)
        .execute();
    },

    async clear(key) {
      await db.deleteFrom('lockouts').where('key', '=', key).execute();
    },

    async prune(before) {
      const windows = await db
        .deleteFrom('rate_limits')
        .where('window_start', '<', before)
        .executeTakeFirst();
      const locks = await db
        .deleteFrom('lockouts')
        .where('updated_at', '<', before)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
        .executeTakeFirst();
      return Number(windows.numDeletedRows) + Number(locks.numDeletedRows);
    },
  };
}
