/**
 * OAuthFlowStore on Kysely. Consuming a flow and redeeming its exchange code are single
 * conditional UPDATEs: on PostgreSQL a concurrent update waits for the row and re-checks the
 * conditions on what the winner wrote, and SQLite runs writers one at a time, so "exactly once"
 * holds on both. MySQL locks the row first and then changes it, to the same effect (mysql-writes.ts).
 */
import type { ExpressionBuilder } from 'kysely';
import { DEFAULT_APP_ID } from '../../core/apps.js';
import type { AppId, SessionId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import type { OAuthFlow, OAuthFlowStore, OAuthIntent } from '../ports/oauth-flow-store.js';
import type { StoreContext } from './context.js';
import { updateReturning } from './mysql-writes.js';
import type { Database, OAuthFlowsTable } from './schema.js';

function toFlow(row: OAuthFlowsTable): OAuthFlow {
  return {
    stateHash: row.state_hash as TokenHash,
    provider: row.provider,
    intent: row.intent as OAuthIntent,
    sessionId: row.session_id as SessionId | null,
    nonce: row.nonce,
    sealedVerifier: row.sealed_verifier,
    returnTo: row.return_to,
    bindingHash: row.binding_hash as TokenHash,
    appChallenge: row.app_challenge,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
    appId: (row.app_id ?? DEFAULT_APP_ID) as AppId,
  };
}

export function kyselyOAuthFlowStore(ctx: StoreContext): OAuthFlowStore {
  const { db, kind, transact } = ctx;
  return {
    async start(flow) {
      await db
        .insertInto('oauth_flows')
        .values({
          state_hash: flow.stateHash,
          provider: flow.provider,
          intent: flow.intent,
          session_id: flow.sessionId,
          nonce: flow.nonce,
          sealed_verifier: flow.sealedVerifier,
          return_to: flow.returnTo,
          binding_hash: flow.bindingHash,
          app_challenge: flow.appChallenge,
          app_id: flow.appId,
          created_at: flow.createdAt,
          expires_at: flow.expiresAt,
          used_at: flow.usedAt,
          exchange_hash: null,
          exchange_payload: null,
          exchange_expires_at: null,
          exchanged_at: null,
        })
        .execute();
    },

    async consume(stateHash, now) {
      const open = (eb: ExpressionBuilder<Database, 'oauth_flows'>) =>
        eb.and([eb('state_hash', '=', stateHash), eb('used_at', 'is', null), eb('expires_at', '>', now)]);
      const row =
        kind === 'mysql'
          ? // No UPDATE … RETURNING on MySQL: lock, update, read back (mysql-writes.ts).
            (
              await transact((trx) =>
                updateReturning(trx, 'oauth_flows', { key: 'state_hash', where: open }, { used_at: now }),
              )
            )[0]
          : await db
              .updateTable('oauth_flows')
              .set({ used_at: now })
              .where(open)
              .returningAll()
              .executeTakeFirst();
      return row ? toFlow(row) : null;
    },

    async offerExchange(stateHash, codeHash, payload, expiresAt) {
      await db
        .updateTable('oauth_flows')
        .set({ exchange_hash: codeHash, exchange_payload: payload, exchange_expires_at: expiresAt })
        .where('state_hash', '=', stateHash)
        .where('used_at', 'is not', null)
        .where('exchange_hash', 'is', null)
        .execute();
    },

    async redeemExchange(codeHash, now) {
      const redeemable = (eb: ExpressionBuilder<Database, 'oauth_flows'>) =>
        eb.and([
          eb('exchange_hash', '=', codeHash),
          eb('exchanged_at', 'is', null),
          eb('exchange_expires_at', '>', now),
        ]);
      const row =
        kind === 'mysql'
          ? // No UPDATE … RETURNING on MySQL: lock, update, read back (mysql-writes.ts).
            (
              await transact((trx) =>
                updateReturning(
                  trx,
                  'oauth_flows',
                  { key: 'state_hash', where: redeemable },
                  { exchanged_at: now },
                ),
              )
            )[0]
          : await db
              .updateTable('oauth_flows')
              .set({ exchanged_at: now })
              .where(redeemable)
              .returningAll()
              .executeTakeFirst();
      if (!row || row.exchange_payload === null) return null;
      return { flow: toFlow(row), payload: row.exchange_payload };
    },
  };
}
