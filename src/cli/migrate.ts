/** `gatehouse migrate [--status]`: applies pending migrations, or lists them. */
import type { ResolvedSettings } from '../core/config.js';
import { storeFromUrl } from '../store/from-url.js';

export async function migrate(settings: ResolvedSettings, options: { status: boolean }): Promise<void> {
  const store = await storeFromUrl(settings.databaseUrl, { tablePrefix: settings.tablePrefix });
  try {
    if (options.status) {
      for (const m of await store.migrationStatus()) {
        const when = m.executedAt === null ? 'pending' : `applied ${new Date(m.executedAt).toISOString()}`;
        process.stdout.write(`${m.name}  ${when}\n`);
      }
      return;
    }
    const applied = await store.migrate();
    process.stdout.write(
      applied.length === 0 ? 'Database is up to date.\n' : `Applied: ${applied.join(', ')}\n`,
    );
  } finally {
    await store.close();
  }
}
