/**
 * Sign-ins started at an outside provider (OpenID Connect / OAuth), one row per start, named by
 * the SHA-256 of its `state`. The PKCE verifier is sealed; the browser binding and the exchange
 * code are digests only. Rows are worth nothing once expired: housekeeping deletes them.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { columnTypes, createIndex, KEY_LENGTH, tableOptions } from './dialect.js';

export function oauthFlowsMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable(t.oauth_flows)
        .$call(tableOptions(kind))
        .addColumn('state_hash', key(KEY_LENGTH.hash), (c) => c.primaryKey())
        .addColumn('provider', text, (c) => c.notNull())
        .addColumn('intent', text, (c) => c.notNull())
        .addColumn('session_id', key(KEY_LENGTH.id))
        .addColumn('nonce', text, (c) => c.notNull())
        .addColumn('sealed_verifier', text, (c) => c.notNull())
        .addColumn('return_to', text, (c) => c.notNull())
        .addColumn('binding_hash', text, (c) => c.notNull())
        .addColumn('app_challenge', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('exchange_hash', key(KEY_LENGTH.hash))
        .addColumn('exchange_payload', text)
        .addColumn('exchange_expires_at', 'bigint')
        .addColumn('exchanged_at', 'bigint')
        .execute();
      // Several rows have no exchange code (NULL): both databases let NULLs repeat in a unique index.
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.oauthFlowsExchange).on(t.oauth_flows).column('exchange_hash').unique(),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.oauthFlowsExpiry).on(t.oauth_flows).column('expires_at'),
      );
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable(t.oauth_flows).execute();
    },
  };
}
