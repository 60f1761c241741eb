/**
 * The generated instance secret file (`gatehouse.secret` beside a SQLite database), issue 8
 * "no unrecoverable state after a crash at start": it is published atomically, so a process killed
 * while writing it leaves nothing a later start trips over; an empty or short file found anyway
 * stops the start with one line that names the file and the way out.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { systemRandom } from '../../src/core/random.js';
import { resolveInstanceSecret, secretFilePath } from '../../src/instance-secret.js';
import { runCli, tempDir } from '../support/cli.js';
import { listening, spawnServe, stopServe } from './serve-process.js';

const KILL_ON_SECRET_WRITE = fileURLToPath(new URL('./fixtures/kill-on-secret-write.mjs', import.meta.url));
const dirs: string[] = [];
const newDir = () => {
  const dir = tempDir('secret');
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the generated secret file', () => {
  it('a start killed while writing the secret leaves nothing behind that stops the next start', async () => {
    const cwd = newDir();
    const crashed = spawnServe({ cwd, nodeArgs: ['--import', KILL_ON_SECRET_WRITE] });
    expect(await crashed.ended).toEqual({ code: null, signal: 'SIGKILL' });
    // The crash really happened mid-write: a secret-named file exists and is empty.
    const leftovers = readdirSync(cwd).filter((name) => name.includes('.secret'));
    expect(leftovers.some((name) => statSync(join(cwd, name)).size === 0)).toBe(true);

    const serve = spawnServe({ cwd });
    try {
      await listening(serve);
    } finally {
      await stopServe(serve);
    }
    expect(readFileSync(join(cwd, 'gatehouse.secret'), 'utf8')).toMatch(/^[\w-]{43}\n$/);
    expect(statSync(join(cwd, 'gatehouse.secret')).mode & 0o777).toBe(0o600);
    // The interrupted attempt's temporary file is cleaned up.
    expect(readdirSync(cwd).filter((name) => name.includes('.secret'))).toEqual(['gatehouse.secret']);
  });

  it('an empty secret file stops the start with one line naming the file and the fix (exit 1)', async () => {
    const cwd = newDir();
    writeFileSync(join(cwd, 'gatehouse.secret'), '');
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], { cwd });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('./gatehouse.secret is empty');
    expect(lines[0]).toMatch(/delete the file and start again/);
    expect(lines[0]).toMatch(/GATEHOUSE_SECRET/);
  });

  it('a short secret file stops the start with one line naming the file, the length needed and the fix', async () => {
    const cwd = newDir();
    writeFileSync(join(cwd, 'gatehouse.secret'), 'too-short\n');
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], { cwd });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('./gatehouse.secret');
    expect(lines[0]).toMatch(/at least 32/);
    expect(lines[0]).toMatch(/GATEHOUSE_SECRET/);
    // Never the secret itself, not even a wrong one.
    expect(lines[0]).not.toContain('too-short');
  });

  it('concurrent starts agree on one secret, and the file is 0600', async () => {
    const dir = newDir();
    const url = `sqlite:${join(dir, 'app.db')}`;
    const secrets = await Promise.all(
      Array.from({ length: 8 }, () => resolveInstanceSecret(url, systemRandom)),
    );
    expect(new Set(secrets).size).toBe(1);
    expect(readFileSync(join(dir, 'app.secret'), 'utf8')).toBe(`${secrets[0]}\n`);
    expect(statSync(join(dir, 'app.secret')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['app.secret']);
  });

  it('lies beside the database file for every spelling of a sqlite: URL', () => {
    expect(secretFilePath('sqlite:./gatehouse.db')).toBe('./gatehouse.secret');
    expect(secretFilePath('sqlite:/var/lib/gatehouse/auth.db')).toBe('/var/lib/gatehouse/auth.secret');
    expect(secretFilePath('sqlite:///var/lib/gatehouse/auth.db')).toBe('/var/lib/gatehouse/auth.secret');
    // `sqlite://./x.db` opens ./x.db (src/store/from-url.ts); its secret must not land in /.
    expect(secretFilePath('sqlite://./data/auth.db')).toBe('./data/auth.secret');
    expect(secretFilePath('sqlite:./gatehouse')).toBe('./gatehouse.secret');
    expect(secretFilePath('sqlite::memory:')).toBeNull();
    expect(secretFilePath('postgres://db/gatehouse')).toBeNull();
  });
});
