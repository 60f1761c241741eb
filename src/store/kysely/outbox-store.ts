/**
 * OutboxStore on Kysely. A claim is one conditional UPDATE over the due rows: on PostgreSQL the
 * candidate rows are locked with `FOR UPDATE SKIP LOCKED`, so concurrent senders in several
 * processes take disjoint sets without waiting on each other; on SQLite the write transaction
 * already serialises claimers. MySQL locks the due rows the same way, then leases them by key
 * (mysql-writes.ts).
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Id } from '../../core/ids.js';
import type { OutboxKind, OutboxMessage, OutboxRecord, OutboxStore } from '../ports/outbox-store.js';
import type { StoreContext } from './context.js';
import { updateReturning } from './mysql-writes.js';
import type { Database, OutboxTable } from './schema.js';

const MAX_ERROR_LENGTH = 500;

function toMessage(row: OutboxTable): OutboxMessage {
  return {
    id: row.id as Id<'obx'>,
    kind: row.kind as OutboxKind,
    payload: row.payload,
    createdAt: Number(row.created_at),
    availableAt: Number(row.available_at),
    attempts: Number(row.attempts),
  };
}

/** Stores a pending message (in a transaction, when `db` is one). */
export async function insertOutboxRow(db: Kysely<Database>, message: OutboxMessage): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: message.id,
      kind: message.kind,
      payload: message.payload,
      created_at: message.createdAt,
      available_at: message.availableAt,
      attempts: message.attempts,
      leased_until: null,
      state: 'pending',
      sent_at: null,
      last_error: null,
    })
    .execute();
}

export function kyselyOutboxStore(ctx: StoreContext): OutboxStore {
  const { db, kind, transact } = ctx;
  return {
    async get(id) {
      const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      return { ...toMessage(row), state: row.state as OutboxRecord['state'], lastError: row.last_error };
    },

    async enqueue(message) {
      await insertOutboxRow(db, message);
    },

    async claim(now, limit, leaseMs) {
      if (kind === 'mysql') {
        // MySQL cannot update a table it selects from in a subquery, nor return what it updated:
        // the due rows are locked (skipping those another claimer holds), leased by key and read
        // back, in one transaction (mysql-writes.ts).
        const rows = await transact((trx) =>
          updateReturning(
            trx,
            'outbox',
            {
              key: 'id',
              where: (w) =>
                w.and([
                  w('state', '=', 'pending'),
                  w('available_at', '<=', now),
                  w.or([w('leased_until', 'is', null), w('leased_until', '<=', now)]),
                ]),
              orderBy: 'available_at',
              limit,
              skipLocked: true,
            },
            (eb) => ({ leased_until: now + leaseMs, attempts: eb('attempts', '+', 1) }),
          ),
        );
        return rows.map(toMessage).sort((a, b) => a.availableAt - b.availableAt);
      }
      const rows = await transact((trx) =>
        trx
          .updateTable('outbox')
          .set((eb) => ({ leased_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', (eb) => {
            const due = eb
              .selectFrom('outbox')
              .select('id')
              .where('state', '=', 'pending')
              .where('available_at', '<=', now)
              .where((w) => w.or([w('leased_until', 'is', null), w('leased_until', '<=', now)]))
              .orderBy('available_at')
              .limit(limit);
            return kind === 'postgres' ? due.forUpdate().skipLocked() : due;
          })
          .returningAll()
          .execute(),
      );
      return rows.map(toMessage).sort((a, b) => a.availableAt - b.availableAt);
    },

    async complete(id, now) {
      await db
        .updateTable('outbox')
        .set((eb) => ({ state: 'sent', sent_at: now, leased_until: null, payload: erasedIfSecret(eb) }))
        .where('id', '=', id)
        .execute();
    },

    async fail(id, retryAt, error) {
      await db
        .updateTable('outbox')
        .set((eb) => ({
          state: retryAt === null ? 'dead' : 'pending',
          leased_until: null,
          last_error: error.slice(0, MAX_ERROR_LENGTH),
          ...(retryAt === null ? { payload: erasedIfSecret(eb) } : { available_at: retryAt }),
        }))
        .where('id', '=', id)
        .execute();
    },
  };
}

/**
 * A mail's payload holds its one-time links, a text message's its code (both sealed, and old mail
 * rows in clear), and both name a person, so they are kept only while they may still be sent: once
 * delivered or given up, they are replaced by this marker. Webhook payloads (events, which never
 * carry secrets) are kept for inspection.
 */
export const ERASED_PAYLOAD = '{"erased":true}';

const SECRET_KINDS: OutboxKind[] = ['mail', 'sms'];

function erasedIfSecret(eb: ExpressionBuilder<Database, 'outbox'>) {
  return eb.case().when('kind', 'in', SECRET_KINDS).then(ERASED_PAYLOAD).else(eb.ref('payload')).end();
}
