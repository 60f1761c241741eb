/** Runs the schema migrations, which live in code so the bundled package needs no migration folder. */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { MigrationState } from '../ports/store.js';
import type { StoreKind } from './context.js';
import { initialMigration } from './migrations/0001_initial.js';
import { auditEventsMigration } from './migrations/0002_audit_events.js';
import { outboxMigration } from './migrations/0003_outbox.js';
import { verificationTokensMigration } from './migrations/0004_verification_tokens.js';
import { profilesMigration } from './migrations/0005_profiles.js';
import { countersMigration } from './migrations/0006_counters.js';
import { onePasswordMigration } from './migrations/0007_one_password.js';
import { housekeepingIndexesMigration } from './migrations/0008_housekeeping_indexes.js';
import { secondFactorsMigration } from './migrations/0009_second_factors.js';
import { passkeysMigration } from './migrations/0010_passkeys.js';
import { phonesMigration } from './migrations/0011_phones.js';
import { usernamesMigration } from './migrations/0012_usernames.js';
import { identitiesMigration } from './migrations/0013_identities.js';
import { oauthFlowsMigration } from './migrations/0014_oauth_flows.js';
import { emailSignInsMigration } from './migrations/0015_email_sign_ins.js';
import { appsMigration } from './migrations/0016_apps.js';
import { operatorsMigration } from './migrations/0017_operators.js';
import { userSearchMigration } from './migrations/0018_user_search.js';
import { auditTypesMigration } from './migrations/0019_audit_types.js';
import { deletedFromMigration } from './migrations/0020_deleted_from.js';
import type { Database } from './schema.js';
import type { TableNames } from './tables.js';

/** Every migration, by name; names sort in the order they must run. */
function migrations(names: TableNames, kind: StoreKind): Record<string, Migration> {
  return {
    '0001_initial': initialMigration(names, kind),
    '0002_audit_events': auditEventsMigration(names, kind),
    '0003_outbox': outboxMigration(names, kind),
    '0004_verification_tokens': verificationTokensMigration(names, kind),
    '0005_profiles': profilesMigration(names, kind),
    '0006_counters': countersMigration(names, kind),
    '0007_one_password': onePasswordMigration(names, kind),
    '0008_housekeeping_indexes': housekeepingIndexesMigration(names, kind),
    '0009_second_factors': secondFactorsMigration(names, kind),
    '0010_passkeys': passkeysMigration(names, kind),
    '0011_phones': phonesMigration(names, kind),
    '0012_usernames': usernamesMigration(names, kind),
    '0013_identities': identitiesMigration(names, kind),
    '0014_oauth_flows': oauthFlowsMigration(names, kind),
    '0015_email_sign_ins': emailSignInsMigration(names, kind),
    '0016_apps': appsMigration(names, kind),
    '0017_operators': operatorsMigration(names, kind),
    '0018_user_search': userSearchMigration(names, kind),
    '0019_audit_types': auditTypesMigration(names, kind),
    '0020_deleted_from': deletedFromMigration(names, kind),
  };
}

export function createMigrator(
  db: Kysely<Database>,
  names: TableNames,
  kind: StoreKind,
  options: { disableTransactions?: boolean } = {},
): Migrator {
  const all = migrations(names, kind);
  return new Migrator({
    db,
    provider: { getMigrations: async () => all },
    migrationTableName: names.migrations,
    migrationLockTableName: names.migrationsLock,
    ...options,
  });
}

/** Kysely's own PostgreSQL migration lock key, so runs of older versions still exclude ours. */
const PG_MIGRATION_LOCK = 3853314791062309107n;

/** Applies pending migrations; returns the names applied. Throws the first failure. */
export async function migrateToLatest(
  db: Kysely<Database>,
  names: TableNames,
  kind: StoreKind,
): Promise<string[]> {
  if (kind !== 'postgres') return applied(await createMigrator(db, names, kind).migrateToLatest());
  // Kysely takes a session-level pg_advisory_lock outside the migration's transaction; behind a
  // transaction pooler (PgBouncer) the lock, the migrations and the unlock may each run on
  // another server connection, so the lock leaks or two runs both hold it. One connection, our
  // own transaction and a transaction-scoped lock first: everything Kysely does (its table
  // checks, its own lock and unlock) then happens inside it, on one server connection.
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      await sql`select pg_advisory_xact_lock(${sql.lit(PG_MIGRATION_LOCK)})`.execute(conn);
      const done = applied(
        await createMigrator(conn, names, kind, { disableTransactions: true }).migrateToLatest(),
      );
      await sql`commit`.execute(conn);
      return done;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

function applied({ error, results = [] }: Awaited<ReturnType<Migrator['migrateToLatest']>>): string[] {
  if (error !== undefined) throw error;
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationStatus(migrator: Migrator): Promise<MigrationState[]> {
  const infos = await migrator.getMigrations();
  return infos.map((info) => ({ name: info.name, executedAt: info.executedAt?.getTime() ?? null }));
}
