/**
 * The frame of the bench scripts that run one measurement alone (`npx tsx bench/token-checks.ts`,
 * `bench/user-search.ts`): a fresh SQLite file and PostgreSQL (`DATABASE_URL`, else a throwaway
 * cluster; skipped, saying why, when there is none), what the measurement prints on stdout, its
 * progress on stderr, and everything stopped and removed afterwards — also after a failure, which
 * exits 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopAllChildren } from './children.js';
import type { Database } from './gatehouse.js';
import { type ProvidedPostgres, providePostgres } from './postgres.js';

/** A progress line on stderr. */
export const log = (line: string) => process.stderr.write(`▸ ${line}\n`);

/** Runs `measure` on the databases (`name` names the SQLite file) and prints the lines it returns. */
export function runStandalone(
  name: string,
  measure: (databases: readonly Database[]) => Promise<string[]>,
): void {
  main(name, measure).catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}

async function main(name: string, measure: (databases: readonly Database[]) => Promise<string[]>) {
  const dir = mkdtempSync(join(tmpdir(), `gatehouse-bench-${name}-`));
  let postgres: ProvidedPostgres | undefined;
  try {
    const databases: Database[] = [{ name: 'SQLite', url: `sqlite:${join(dir, `${name}.db`)}` }];
    try {
      postgres = await providePostgres();
      databases.push(postgres.database);
    } catch (error) {
      log(`PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.stdout.write(`${(await measure(databases)).join('\n')}\n`);
  } finally {
    await stopAllChildren();
    await postgres?.release().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
