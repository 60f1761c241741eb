/**
 * `npm run build && npx tsx bench/soak.ts [--soak-minutes=1] [--soak-databases=sqlite,postgres]`:
 * only the soak of `npm run bench` (`npm run bench -- --only=soak` does the same after building):
 * a `gatehouse serve` per database under a steady mixed load, sampled from inside, with a
 * verdict per database. Exits 0 whatever the verdict, like the rest of the bench (1 only if the
 * bench itself broke); the verdict is in the table. See bench/soak/run-soaks.ts for the options.
 */
import { stopAllChildren } from './lib/children.js';
import { log } from './lib/standalone.js';
import { releaseSoakDatabase, runSoaks, soakSettings } from './soak/run-soaks.js';

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void stopAllChildren()
        .then(releaseSoakDatabase)
        .finally(() => process.exit(130));
    });
  try {
    await runSoaks(soakSettings(), log);
    process.stdout.write('JSON: bench/results/latest.json (under "soak")\n');
  } finally {
    await stopAllChildren();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
