/**
 * Operators: the built-in console app, whose members run the installation (its `admin` and
 * `support` roles); sessions that an operator started as someone else (impersonation) name
 * that operator; and audit events name who acted (`actor_id`: an operator, an impersonator or
 * the CLI) and on what (`target_id`: a user, an app, a role, a token), both indexed for queries.
 */
import type { Kysely, Migration } from 'kysely';
import { DEFAULT_PLANS } from '../../../core/apps.js';
import { CONSOLE_APP_ID, CONSOLE_AUDIENCE, CONSOLE_ROLES } from '../../../core/operators.js';
import type { StoreKind } from '../context.js';
import type { TableNames } from '../tables.js';
import { addColumn, columnTypes, createIndex, KEY_LENGTH } from './dialect.js';
import { seedApp, seedRoles } from './seed-rows.js';

export function operatorsMigration(names: TableNames, kind: StoreKind): Migration {
  const { key, text } = columnTypes(kind);
  const t = names.table;
  const i = names.index;
  return {
    async up(db: Kysely<unknown>) {
      await addColumn(db, kind, db.schema.alterTable(t.sessions).addColumn('impersonator_id', text));
      await addColumn(
        db,
        kind,
        db.schema.alterTable(t.audit_events).addColumn('actor_id', key(KEY_LENGTH.name)),
      );
      await addColumn(
        db,
        kind,
        db.schema.alterTable(t.audit_events).addColumn('target_id', key(KEY_LENGTH.name)),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.auditEventsActor).on(t.audit_events).columns(['actor_id', 'id']),
      );
      await createIndex(
        db,
        kind,
        db.schema.createIndex(i.auditEventsTarget).on(t.audit_events).columns(['target_id', 'id']),
      );

      const now = Date.now();
      const consoleApp = {
        id: CONSOLE_APP_ID,
        name: 'Gatehouse console',
        audience: CONSOLE_AUDIENCE,
        defaultRole: 'support',
        signUp: 'invite_only',
        plans: DEFAULT_PLANS.slice(0, 1),
      } as const;
      await seedApp(db, t.apps, consoleApp, now, kind);
      await seedRoles(db, t.roles, kind, CONSOLE_APP_ID, CONSOLE_ROLES, now);
    },
    async down(db: Kysely<unknown>) {
      await db
        .deleteFrom(t.apps as never)
        .where('id' as never, '=', CONSOLE_APP_ID as never)
        .execute();
      await db.schema.dropIndex(i.auditEventsTarget).execute();
      await db.schema.dropIndex(i.auditEventsActor).execute();
      await db.schema.alterTable(t.audit_events).dropColumn('target_id').execute();
      await db.schema.alterTable(t.audit_events).dropColumn('actor_id').execute();
      await db.schema.alterTable(t.sessions).dropColumn('impersonator_id').execute();
    },
  };
}
