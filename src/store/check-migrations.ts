/**
 * What an instance does with the database's migrations at start: `apply` runs the pending ones;
 * `check` refuses to start while any are pending (several servers on one database, where one
 * deploy step migrates), naming them and the command that applies them.
 */
import { GatehouseError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Store } from './ports/store.js';

export async function checkMigrations(store: Store, mode: 'apply' | 'check', logger: Logger): Promise<void> {
  if (mode === 'apply') {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    return;
  }
  const pending = (await store.migrationStatus()).filter((m) => m.executedAt === null).map((m) => m.name);
  if (pending.length > 0) {
    throw new GatehouseError(
      'UNAVAILABLE',
      `The database has ${pending.length} pending migration(s) (${pending.join(', ')}). Run \`gatehouse migrate\` or start with --migrate.`,
    );
  }
}
