/**
 * Files on disk are private (issue 8 "database and secret files are created 0600"): a first
 * `gatehouse serve` in a new directory, started under `umask 000`, creates the SQLite file, its
 * `-wal` and `-shm`, and the secret file with mode 0600 — and leaves the mode of a database
 * file that already exists as the operator chose it.
 */
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { listening, spawnServe, stopServe } from './serve-process.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('gatehouse serve: file modes', () => {
  it('creates gatehouse.db, -wal, -shm and gatehouse.secret 0600 under umask 000', async () => {
    const cwd = tempDir('modes');
    dirs.push(cwd);
    const serve = spawnServe({ cwd, umask: '000' });
    try {
      await listening(serve);
      // While it runs, the WAL and its index exist (a clean stop may remove them).
      const modes = Object.fromEntries(
        ['gatehouse.db', 'gatehouse.db-wal', 'gatehouse.db-shm', 'gatehouse.secret'].map((name) => [
          name,
          modeOf(join(cwd, name)),
        ]),
      );
      expect(modes).toEqual({
        'gatehouse.db': '600',
        'gatehouse.db-wal': '600',
        'gatehouse.db-shm': '600',
        'gatehouse.secret': '600',
      });
    } finally {
      await stopServe(serve);
    }
  });

  it('keeps the mode of a database file that already exists', async () => {
    const cwd = tempDir('modes-kept');
    dirs.push(cwd);
    // An operator's choice, e.g. readable by a backup group.
    closeSync(openSync(join(cwd, 'gatehouse.db'), 'w', 0o640));
    const serve = spawnServe({ cwd, umask: '000' });
    try {
      await listening(serve);
      expect(modeOf(join(cwd, 'gatehouse.db'))).toBe('640');
      expect(modeOf(join(cwd, 'gatehouse.secret'))).toBe('600');
    } finally {
      await stopServe(serve);
    }
  });
});
