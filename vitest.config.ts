/** Vitest: every test under test/, with one throwaway PostgreSQL cluster and one MariaDB server for the run. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/postgres.ts', 'test/support/mariadb.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
