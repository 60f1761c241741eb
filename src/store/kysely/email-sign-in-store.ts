/**
 * EmailSignInStore on Kysely. Using a link and trying a code are single conditional UPDATEs: on
 * PostgreSQL a concurrent update waits for the row and re-checks the conditions on what the
 * winner wrote, and SQLite runs writers one at a time, so "used once" and "at most maxAttempts
 * tries" hold on both. Issuing runs in one transaction that, on PostgreSQL, first takes an
 * advisory lock named by the address (there may be no user row to lock); SQLite's
 * `begin immediate` already serialises it. The partial unique index on live codes backs this up.
 * MySQL has neither transaction-scoped advisory locks nor UPDATE … RETURNING: issuing holds a
 * GET_LOCK named by the address around the whole transaction, on one connection, released after
 * the commit; using and trying lock the row first (mysql-writes.ts).
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { DEFAULT_APP_ID } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { AppId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import type {
  EmailSignIn,
  EmailSignInId,
  EmailSignInKind,
  EmailSignInStore,
} from '../ports/email-sign-in-store.js';
import { type StoreContext, transactor } from './context.js';
import { updateReturning } from './mysql-writes.js';
import type { Database, EmailSignInsTable } from './schema.js';

/** The first key of the advisory locks taken here ("esi "), apart from any other lock's. */
const LOCK_SPACE = 0x65736920;

/** MySQL: how long an issue waits for another issue to the same address, in seconds. */
const LOCK_WAIT_S = 10;

function toSignIn(row: EmailSignInsTable): EmailSignIn {
  return {
    id: row.id as EmailSignInId,
    email: row.email,
    userId: row.user_id as UserId | null,
    kind: row.kind as EmailSignInKind,
    secretHash: row.secret_hash as TokenHash,
    attempts: Number(row.attempts),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
    appId: (row.app_id ?? DEFAULT_APP_ID) as AppId,
  };
}

export function kyselyEmailSignInStore(ctx: StoreContext): EmailSignInStore {
  const { db, kind: dialect, transact } = ctx;

  /**
   * MySQL: runs `work` in a transaction while holding a named lock for `email`. GET_LOCK belongs to
   * the session, not the transaction, so it is taken and released on one connection around the
   * transaction: the next issue to the address starts only after this one committed. The name is
   * a digest (GET_LOCK names are server-wide and at most 64 characters) of the database, the
   * table prefix and the address.
   */
  async function underAddressLock(email: string, work: (trx: Kysely<Database>) => Promise<void>) {
    await db.connection().execute(async (conn) => {
      const name = sql`concat('gatehouse-esi-', md5(concat(database(), ${ctx.names.prefix}, ${email})))`;
      const got = await sql<{ got: number | null }>`select get_lock(${name}, ${LOCK_WAIT_S}) as got`.execute(
        conn,
      );
      if (Number(got.rows[0]?.got) !== 1) {
        throw new GatehouseError('UNAVAILABLE', 'Timed out waiting for another sign-in mail to the address');
      }
      try {
        await transactor(conn, 'mysql')(work);
      } finally {
        await sql`select release_lock(${name})`.execute(conn);
      }
    });
  }

  return {
    async issue(signIn) {
      await (dialect === 'mysql'
        ? (work: (trx: Kysely<Database>) => Promise<void>) => underAddressLock(signIn.email, work)
        : transact)(async (trx) => {
        if (dialect === 'postgres') {
          await sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int, hashtext(${signIn.email}::text))`.execute(
            trx,
          );
        }
        await trx
          .updateTable('email_sign_ins')
          .set({ used_at: signIn.createdAt })
          .where('email', '=', signIn.email)
          .where('kind', '=', signIn.kind)
          .where('used_at', 'is', null)
          .execute();
        await trx
          .insertInto('email_sign_ins')
          .values({
            id: signIn.id,
            email: signIn.email,
            user_id: signIn.userId,
            kind: signIn.kind,
            secret_hash: signIn.secretHash,
            attempts: signIn.attempts,
            created_at: signIn.createdAt,
            expires_at: signIn.expiresAt,
            used_at: signIn.usedAt,
            app_id: signIn.appId,
          })
          .execute();
      });
    },

    async useLink(secretHash, now) {
      const usable = (eb: ExpressionBuilder<Database, 'email_sign_ins'>) =>
        eb.and([
          eb('secret_hash', '=', secretHash),
          eb('kind', '=', 'link'),
          eb('used_at', 'is', null),
          eb('expires_at', '>', now),
        ]);
      const used =
        dialect === 'mysql'
          ? (
              await transact((trx) =>
                updateReturning(trx, 'email_sign_ins', { key: 'id', where: usable }, { used_at: now }),
              )
            )[0]
          : await db
              .updateTable('email_sign_ins')
              .set({ used_at: now })
              .where(usable)
              .returningAll()
              .executeTakeFirst();
      if (used) return { ok: true, signIn: toSignIn(used) };
      const row = await db
        .selectFrom('email_sign_ins')
        .select(['used_at'])
        .where('secret_hash', '=', secretHash)
        .where('kind', '=', 'link')
        .executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' };
      return { ok: false, reason: row.used_at !== null ? 'used' : 'expired' };
    },

    async tryCode(email, secretHash, now, maxAttempts) {
      const open = (eb: ExpressionBuilder<Database, 'email_sign_ins'>) =>
        eb.and([
          eb('email', '=', email),
          eb('kind', '=', 'code'),
          eb('used_at', 'is', null),
          eb('expires_at', '>', now),
          eb('attempts', '<', maxAttempts),
        ]);
      if (dialect === 'mysql') {
        // The locked row is counted and, when right, spent, or nothing happens (mysql-writes.ts).
        const [row] = await transact((trx) =>
          updateReturning(trx, 'email_sign_ins', { key: 'id', where: open }, (eb) => ({
            attempts: eb('attempts', '+', 1),
            used_at: sql<
              number | null
            >`case when ${sql.ref('secret_hash')} = ${secretHash} then ${now} else null end`,
          })),
        );
        return row && row.used_at !== null ? toSignIn(row) : null;
      }
      // One statement: the try is counted and, when right, the code spent, or nothing happens.
      const row = await db
        .updateTable('email_sign_ins')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          used_at: sql<
            number | null
          >`case when ${sql.ref('secret_hash')} = ${secretHash} then cast(${now} as bigint) else null end`,
        }))
        .where(open)
        .returningAll()
        .executeTakeFirst();
      return row && row.used_at !== null ? toSignIn(row) : null;
    },

    async latest(email, kind) {
      const row = await db
        .selectFrom('email_sign_ins')
        .selectAll()
        .where('email', '=', email)
        .where('kind', '=', kind)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      return row ? toSignIn(row) : null;
    },
  };
}
