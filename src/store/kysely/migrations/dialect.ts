/**
 * What the migrations write differently per database: column types, table options, and the
 * existence checks that let a MySQL/MariaDB migration be re-run after a crash part-way (MySQL
 * commits every DDL statement on its own, so a migration there is not one transaction).
 * PostgreSQL and SQLite get exactly the DDL they always had.
 */
import {
  type AlterTableColumnAlteringBuilder,
  type ColumnDataType,
  type CreateIndexBuilder,
  type Expression,
  type Kysely,
  sql,
} from 'kysely';
import type { StoreKind } from '../context.js';

type DataType = ColumnDataType | Expression<unknown>;

/**
 * Longest values of the keyed or indexed text columns on MySQL, which cannot key a `text` column
 * and counts 4 bytes per utf8mb4 character against InnoDB's 3072-byte index key limit.
 */
export const KEY_LENGTH = {
  /** `<type>_<32 hex>` ids (src/core/ids.ts), with room to spare. */
  id: 64,
  /** SHA-256 digests as hex or base64url, with room to spare. */
  hash: 128,
  /** Canonical emails are at most 254 characters (src/core/email.ts); RFC 5321's 320 bounds any. */
  email: 320,
  /** Short words: statuses, kinds, purposes, amr lists, role names (40), usernames (32). */
  word: 64,
  /** Rate-limit keys (a route name and a digest), audiences, actor and target ids. */
  name: 255,
  /** OIDC `iss`: a URL; with `sub` (at most 255 ASCII characters by OIDC Core) in one unique key. */
  issuer: 500,
  /** App audiences (src/services/apps/app-fields.ts). */
  audience: 512,
} as const;

export interface ColumnTypes {
  /** A text column that is part of a key or an index (or has a default): `varchar(n)` on MySQL. */
  key(length: number): DataType;
  /** Unindexed text: `mediumtext` on MySQL, whose `text` stops at 64 KiB. */
  readonly text: DataType;
  /** PostgreSQL `boolean`; 0/1 integers on SQLite and MySQL (`boolean` is TINYINT(1) there). */
  readonly boolean: DataType;
  /**
   * A base64url WebAuthn credential id (≤ 1023 bytes → 1364 characters) in a unique index: ASCII
   * on MySQL, where 1364 utf8mb4 characters would pass the index key limit.
   */
  readonly credentialId: DataType;
}

export function columnTypes(kind: StoreKind): ColumnTypes {
  if (kind === 'mysql') {
    return {
      key: (length) => sql.raw(`varchar(${length})`),
      text: sql`mediumtext`,
      boolean: 'boolean',
      credentialId: sql`varchar(1400) character set ascii collate ascii_bin`,
    };
  }
  return {
    key: () => 'text',
    text: 'text',
    // SQLite has no boolean type; 0/1 integers are its convention.
    boolean: kind === 'postgres' ? 'boolean' : 'integer',
    credentialId: 'text',
  };
}

/** The parts of a CREATE TABLE builder this file touches (Kysely's is generic over the table). */
interface TableBuilder<B> {
  ifNotExists(): B;
  modifyEnd(modifier: Expression<unknown>): B;
}

/**
 * Applied to every CREATE TABLE: on MySQL, InnoDB with a binary utf8mb4 collation whatever the
 * database's default (a `_ci` default would make ids and token digests compare case-insensitively
 * and emails collide by case), and IF NOT EXISTS so a re-run migration skips what it made.
 */
export function tableOptions(kind: StoreKind) {
  return <B extends TableBuilder<B>>(builder: B): B =>
    kind === 'mysql'
      ? builder.ifNotExists().modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_bin`)
      : builder;
}

/** Whether the current database has an index `index` on `table` (MySQL only). */
async function hasIndex(db: Kysely<unknown>, table: string, index: string): Promise<boolean> {
  const found = await sql`
    select 1 from information_schema.statistics
    where table_schema = database() and table_name = ${table} and index_name = ${index} limit 1
  `.execute(db);
  return found.rows.length > 0;
}

/** Whether the current database's `table` has a column `column` (MySQL only). */
export async function hasColumn(
  db: Kysely<unknown>,
  kind: StoreKind,
  table: string,
  column: string,
): Promise<boolean> {
  if (kind !== 'mysql') return false;
  const found = await sql`
    select 1 from information_schema.columns
    where table_schema = database() and table_name = ${table} and column_name = ${column} limit 1
  `.execute(db);
  return found.rows.length > 0;
}

/**
 * Runs a CREATE INDEX, skipping it on MySQL when a re-run migration finds it made (MySQL 8 has no
 * CREATE INDEX IF NOT EXISTS; MariaDB has).
 */
export async function createIndex(
  db: Kysely<unknown>,
  kind: StoreKind,
  builder: CreateIndexBuilder<string>,
): Promise<void> {
  if (kind === 'mysql') {
    const node = builder.toOperationNode();
    const table = node.table?.table.identifier.name;
    if (table !== undefined && (await hasIndex(db, table, node.name.name))) return;
  }
  await builder.execute();
}

/**
 * Runs an ALTER TABLE … ADD COLUMN, skipping it on MySQL when a re-run migration finds the column
 * there (MySQL 8 has no ADD COLUMN IF NOT EXISTS; MariaDB has).
 */
export async function addColumn(
  db: Kysely<unknown>,
  kind: StoreKind,
  builder: AlterTableColumnAlteringBuilder,
): Promise<void> {
  if (kind === 'mysql') {
    const node = builder.toOperationNode();
    const added = node.columnAlterations?.find((a) => a.kind === 'AddColumnNode');
    const column = added?.kind === 'AddColumnNode' ? added.column.column.column.name : undefined;
    if (column !== undefined && (await hasColumn(db, kind, node.table.table.identifier.name, column))) return;
  }
  await builder.execute();
}
