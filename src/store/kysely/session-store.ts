/** SessionStore on Kysely: sessions, the hot lookup, and single-use refresh-token rotation. */
import { type CompiledQuery, type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { SessionId, UserId } from '../../core/ids.js';
import type { RefreshRotation, SessionStore } from '../ports/session-store.js';
import { Rollback, type StoreContext, transactOrRollback } from './context.js';
import { updateReturning } from './mysql-writes.js';
import { JOINED_USER_COLUMNS, joinedUser, sessionRow, toSession } from './rows.js';
import type { Database } from './schema.js';

type SessionsEb = ExpressionBuilder<Database, 'sessions'>;

/** Not revoked and before both expiries — the SQL twin of `sessionIsLive`. */
function live(now: number) {
  return (eb: SessionsEb) =>
    eb.and([eb('revoked_at', 'is', null), eb('idle_expires_at', '>', now), eb('expires_at', '>', now)]);
}

/** The live session `id`, for `updateReturning` on MySQL. */
function liveSession(id: string, now: number) {
  return { key: 'id' as const, where: (eb: SessionsEb) => eb.and([eb('id', '=', id), live(now)(eb)]) };
}

/** `idleExpiresAt`, capped at the row's absolute expiry. */
function cappedIdle(idleExpiresAt: number) {
  return sql<number>`case when expires_at < ${idleExpiresAt} then expires_at else ${idleExpiresAt} end`;
}

function compileFindWithUser(ctx: StoreContext, id: SessionId) {
  return ctx.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select(JOINED_USER_COLUMNS)
    .where('s.id', '=', id)
    .compile();
}

type FindWithUserRow = ReturnType<typeof compileFindWithUser> extends CompiledQuery<infer R> ? R : never;

export function kyselySessionStore(ctx: StoreContext): SessionStore {
  const { db, kind, transact } = ctx;
  let findCompiled: ReturnType<typeof compileFindWithUser> | undefined;

  return {
    async create(session, refreshTokenHash) {
      await transact(async (trx) => {
        await trx.insertInto('sessions').values(sessionRow(session)).execute();
        await trx
          .insertInto('refresh_tokens')
          .values({ token_hash: refreshTokenHash, session_id: session.id, created_at: session.createdAt })
          .execute();
      });
    },

    async findWithUser(id) {
      // The hottest query: built and compiled once, then run with each id.
      findCompiled ??= compileFindWithUser(ctx, id);
      const fast = ctx.committedRead?.(findCompiled.sql, [id]) as FindWithUserRow[] | undefined;
      const row = (fast ??
        (await db.executeQuery<FindWithUserRow>({ ...findCompiled, parameters: [id] })).rows)[0];
      if (row === undefined) return null;
      return { session: toSession(row), user: joinedUser(row.user_id, row) };
    },

    async findWithUserByRefreshToken(hash) {
      const row = await db
        .selectFrom('refresh_tokens as r')
        .innerJoin('sessions as s', 's.id', 'r.session_id')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('s')
        .select(JOINED_USER_COLUMNS)
        .where('r.token_hash', '=', hash)
        .executeTakeFirst();
      if (row === undefined) return null;
      return { session: toSession(row), user: joinedUser(row.user_id, row) };
    },

    async reauthenticate(id, now, amr, aal) {
      const set = { authenticated_at: now, amr: amr.join(','), aal };
      const row =
        kind === 'mysql'
          ? // No UPDATE … RETURNING on MySQL: lock, update, read back (mysql-writes.ts).
            (await transact((trx) => updateReturning(trx, 'sessions', liveSession(id, now), set)))[0]
          : await db
              .updateTable('sessions')
              .set(set)
              .where('id', '=', id)
              .where(live(now))
              .returningAll()
              .executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async rotateRefreshToken(presented, next, now, idleExpiresAt, graceMs = 0) {
      /** Records a use of a still-live session (sliding idle expiry); undefined when it has ended. */
      const useLive = async (trx: Kysely<Database>, id: string) => {
        const set = { last_used_at: now, idle_expires_at: cappedIdle(idleExpiresAt) };
        if (kind === 'mysql') return (await updateReturning(trx, 'sessions', liveSession(id, now), set))[0];
        return trx
          .updateTable('sessions')
          .set(set)
          .where('id', '=', id)
          .where(live(now))
          .returningAll()
          .executeTakeFirst();
      };
      return transactOrRollback<RefreshRotation>(transact, async (trx) => {
        // The conditional UPDATE is the arbiter: concurrent callers block on the row lock and,
        // once the winner commits, re-check `spent_at IS NULL` and match nothing.
        // On MySQL the arbiter is the locking read before the update (mysql-writes.ts).
        const unspent = (eb: ExpressionBuilder<Database, 'refresh_tokens'>) =>
          eb.and([eb('token_hash', '=', presented), eb('spent_at', 'is', null)]);
        const spent =
          kind === 'mysql'
            ? (
                await updateReturning(
                  trx,
                  'refresh_tokens',
                  { key: 'token_hash', where: unspent },
                  { spent_at: now },
                )
              )[0]
            : await trx
                .updateTable('refresh_tokens')
                .set({ spent_at: now })
                .where(unspent)
                .returning('session_id')
                .executeTakeFirst();

        if (spent !== undefined) {
          const session = await useLive(trx, spent.session_id);
          if (session === undefined) {
            // Leave the token unspent: an ended session is not evidence of theft.
            throw new Rollback<RefreshRotation>({
              ok: false,
              reason: 'session_ended',
              sessionId: spent.session_id as SessionId,
            });
          }
          await trx
            .insertInto('refresh_tokens')
            .values({ token_hash: next, session_id: session.id, created_at: now })
            .execute();
          return { ok: true, session: toSession(session) };
        }

        const known = await trx
          .selectFrom('refresh_tokens as r')
          .innerJoin('sessions as s', 's.id', 'r.session_id')
          .select(['s.id', 's.user_id', 'r.spent_at'])
          .where('r.token_hash', '=', presented)
          .executeTakeFirst();
        if (known === undefined) return { ok: false, reason: 'unknown' };
        if (graceMs > 0 && known.spent_at !== null && now - Number(known.spent_at) <= graceMs) {
          // Another tab refreshed with this token a moment ago: hand out the same successor,
          // provided it is still the session's live token.
          const successor = await trx
            .selectFrom('refresh_tokens')
            .select('token_hash')
            .where('token_hash', '=', next)
            .where('session_id', '=', known.id)
            .where('spent_at', 'is', null)
            .executeTakeFirst();
          if (successor !== undefined) {
            const session = await useLive(trx, known.id);
            if (session === undefined)
              return { ok: false, reason: 'session_ended', sessionId: known.id as SessionId };
            return { ok: true, session: toSession(session), reissued: true };
          }
        }
        await trx
          .updateTable('sessions')
          .set({ revoked_at: now, revoked_reason: 'refresh_reused' })
          .where('id', '=', known.id)
          .where('revoked_at', 'is', null)
          .execute();
        return {
          ok: false,
          reason: 'reused',
          sessionId: known.id as SessionId,
          userId: known.user_id as UserId,
        };
      });
    },

    async revokeByRefreshToken(hash, now, reason) {
      const owner = await db
        .selectFrom('refresh_tokens as r')
        .innerJoin('sessions as s', 's.id', 'r.session_id')
        .select(['s.id', 's.user_id'])
        .where('r.token_hash', '=', hash)
        .executeTakeFirst();
      if (owner === undefined) return null;
      const result = await db
        .updateTable('sessions')
        .set({ revoked_at: now, revoked_reason: reason })
        .where('id', '=', owner.id)
        .where(live(now))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      return { sessionId: owner.id as SessionId, userId: owner.user_id as UserId };
    },

    async touch(id, now, idleExpiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_used_at: now, idle_expires_at: cappedIdle(idleExpiresAt) })
        .where('id', '=', id)
        .where(live(now))
        .execute();
    },

    async revoke(id, now, reason, userId) {
      let query = db
        .updateTable('sessions')
        .set({ revoked_at: now, revoked_reason: reason })
        .where('id', '=', id)
        .where(live(now));
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const result = await query.executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async revokeAllForUser(userId, now, reason, except) {
      let update = db
        .updateTable('sessions')
        .set({ revoked_at: now, revoked_reason: reason })
        .where('user_id', '=', userId)
        .where(live(now));
      if (except !== undefined) update = update.where('id', '!=', except);
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async revokeAllInApp(appId, userId, now, reason) {
      let update = db
        .updateTable('sessions')
        .set({ revoked_at: now, revoked_reason: reason })
        .where('app_id', '=', appId)
        .where(live(now));
      if (userId !== null) update = update.where('user_id', '=', userId);
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async deviceHistory(userId, userAgent, exceptId) {
      const others = db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', userId)
        .where('id', '!=', exceptId)
        .limit(1);
      const earlier = await others.executeTakeFirst();
      if (!earlier) return { earlier: false, sameDevice: false };
      const same = await others
        .where('user_agent', userAgent === null ? 'is' : '=', userAgent)
        .executeTakeFirst();
      return { earlier: true, sameDevice: same !== undefined };
    },

    async listForUser(userId) {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toSession);
    },

    async listLive(userId, now) {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', userId)
        .where(live(now))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toSession);
    },
  };
}
