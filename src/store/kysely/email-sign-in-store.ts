/**
 * EmailSignInStore on Kysely. Using a link and trying a code are single conditional UPDATEs: on
 * PostgreSQL a concurrent update waits for the row and re-checks the conditions on what the
 * winner wrote, and SQLite runs writers one at a time, so "used once" and "at most maxAttempts
 * tries" hold on both. Issuing runs in one transaction that, on PostgreSQL, first takes an
 * advisory lock named by the address (there may be no user row to lock); SQLite's
 * `begin immediate` already serialises it. The partial unique index on live codes backs this up.
 */
import { sql } from 'kysely';
import { DEFAULT_APP_ID } from '../../core/apps.js';
import type { AppId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import type {
  EmailSignIn,
  EmailSignInId,
  EmailSignInKind,
  EmailSignInStore,
} from '../ports/email-sign-in-store.js';
import type { StoreContext } from './context.js';
import type { EmailSignInsTable } from './schema.js';

/** The first key of the advisory locks taken here ("esi "), apart from any other lock's. */
const LOCK_SPACE = 0x65736920;

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
  return {
    async issue(signIn) {
      await transact(async (trx) => {
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
      const used = await db
        .updateTable('email_sign_ins')
        .set({ used_at: now })
        .where('secret_hash', '=', secretHash)
        .where('kind', '=', 'link')
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
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
      // One statement: the try is counted and, when right, the code spent, or nothing happens.
      const row = await db
        .updateTable('email_sign_ins')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          used_at: sql<
            number | null
          >`case when ${sql.ref('secret_hash')} = ${secretHash} then cast(${now} as bigint) else null end`,
        }))
        .where('email', '=', email)
        .where('kind', '=', 'code')
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .where('attempts', '<', maxAttempts)
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
