/**
 * VerificationTokenStore on Kysely: the conditional UPDATE on `used_at` decides who uses a token
 * (on MySQL, the locking read before it: mysql-writes.ts).
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import {
  type LinkSpend,
  type LinkVoid,
  NEWEST_ONLY,
  type TokenConsumption,
  type TokenPurpose,
  type VerificationToken,
  type VerificationTokenStore,
} from '../ports/verification-token-store.js';
import type { StoreContext } from './context.js';
import { updateReturning } from './mysql-writes.js';
import type { Database, VerificationTokensTable } from './schema.js';

function toToken(row: VerificationTokensTable): VerificationToken {
  return {
    hash: row.token_hash as TokenHash,
    userId: row.user_id as UserId,
    purpose: row.purpose as TokenPurpose,
    email: row.email,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}

/** Stores an unused token (in a transaction, when `db` is one); voids nothing. */
export async function insertToken(db: Kysely<Database>, token: VerificationToken): Promise<void> {
  await db
    .insertInto('verification_tokens')
    .values({
      token_hash: token.hash,
      user_id: token.userId,
      purpose: token.purpose,
      email: token.email,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Inside a transaction: uses `link.token` if it is still unused and unexpired, then voids
 * `link.voids`. False (nothing written) when it was not. The conditional UPDATE waits for a
 * concurrent spender's commit and re-checks `used_at`, so of concurrent spends one wins.
 */
export async function spendLink(trx: Kysely<Database>, link: LinkSpend, now: number): Promise<boolean> {
  const spent = await trx
    .updateTable('verification_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', link.token.hash)
    .where('purpose', '=', link.token.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) === 0) return false;
  for (const links of link.voids) await voidLinks(trx, link.token.userId, now, links);
  return true;
}

/** Voids a user's unused links of `links.purposes` (issued at or after `links.issuedSince`). */
export async function voidLinks(
  db: Kysely<Database>,
  userId: UserId,
  now: number,
  { purposes, issuedSince }: Partial<LinkVoid>,
): Promise<number> {
  if (purposes?.length === 0) return 0;
  let query = db
    .updateTable('verification_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null);
  if (purposes) query = query.where('purpose', 'in', [...purposes]);
  if (issuedSince !== undefined) query = query.where('created_at', '>=', issuedSince);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function kyselyVerificationTokenStore(ctx: StoreContext): VerificationTokenStore {
  const { db, kind, transact } = ctx;
  return {
    async issue(token, now) {
      await transact(async (trx) => {
        if (NEWEST_ONLY.has(token.purpose)) {
          await trx
            .updateTable('verification_tokens')
            .set({ used_at: now })
            .where('user_id', '=', token.userId)
            .where('purpose', '=', token.purpose)
            .where('used_at', 'is', null)
            .execute();
        }
        await insertToken(trx, token);
      });
    },

    async consume(hash, purpose, now) {
      const usable = (eb: ExpressionBuilder<Database, 'verification_tokens'>) =>
        eb.and([
          eb('token_hash', '=', hash),
          eb('purpose', '=', purpose),
          eb('used_at', 'is', null),
          eb('expires_at', '>', now),
        ]);
      const used =
        kind === 'mysql'
          ? // No UPDATE … RETURNING on MySQL: lock, update, read back (mysql-writes.ts).
            (
              await transact((trx) =>
                updateReturning(
                  trx,
                  'verification_tokens',
                  { key: 'token_hash', where: usable },
                  { used_at: now },
                ),
              )
            )[0]
          : await db
              .updateTable('verification_tokens')
              .set({ used_at: now })
              .where(usable)
              .returningAll()
              .executeTakeFirst();
      if (used) return { ok: true, token: toToken(used) };
      const unusable = await whyNot(hash, purpose, now);
      // Usable now but not a moment ago cannot happen; should it, the token was not this call's.
      return unusable.ok ? { ok: false, reason: 'used' } : unusable;
    },

    check: (hash, purpose, now) => whyNot(hash, purpose, now),

    spend: (link, now) => transact((trx) => spendLink(trx, link, now)),

    async lastIssuedAt(userId, purpose) {
      const row = await db
        .selectFrom('verification_tokens')
        .select((eb) => eb.fn.max('created_at').as('latest'))
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      return row?.latest == null ? null : Number(row.latest);
    },

    async listLive(userId, now) {
      const rows = await db
        .selectFrom('verification_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toToken);
    },

    voidAll(userId, now, purpose, issuedSince) {
      const purposes = purpose === undefined ? undefined : typeof purpose === 'string' ? [purpose] : purpose;
      return voidLinks(db, userId, now, { purposes, issuedSince });
    },
  };

  /** The token if it is usable for `purpose` at `now`, else why not. */
  async function whyNot(hash: TokenHash, purpose: TokenPurpose, now: number): Promise<TokenConsumption> {
    const row = await db
      .selectFrom('verification_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.purpose !== purpose) return { ok: false, reason: 'wrong_purpose' };
    if (row.used_at !== null) return { ok: false, reason: 'used' };
    if (Number(row.expires_at) <= now) return { ok: false, reason: 'expired' };
    return { ok: true, token: toToken(row) };
  }
}
