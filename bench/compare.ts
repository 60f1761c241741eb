/**
 * `npm run build && npx tsx bench/compare.ts`: only the side-by-side run against better-auth of
 * `npm run bench` (`npm run bench -- --only=compare` does the same after building). Installs
 * better-auth into bench/better-auth/ on first use. COMPARE_SECONDS (default 5) and
 * COMPARE_ROUNDS (default 3) set its length. See bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareWithBetterAuth } from './compare/compare.js';
import { stopAllChildren } from './lib/children.js';
import { log } from './lib/standalone.js';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-compare-'));
  const cleanUp = async () => {
    await stopAllChildren();
    rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  try {
    await compareWithBetterAuth({ dir, log });
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
