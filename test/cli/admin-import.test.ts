/**
 * `gatehouse users import` as a long command, over the built binary on SQLite and PostgreSQL: a
 * file of tens of thousands of users is imported with a progress line every so often on a stderr
 * that is not a terminal; SIGINT in the middle stops it after the record in hand with exit 130
 * and a summary; running it again imports the rest, skips what is in already as `exists`, and
 * ends with exactly one user per line. On a terminal (through `script`) the progress is a bar
 * redrawn in place.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as bcrypt from '@node-rs/bcrypt';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.js';
import { storeKinds } from '../support/stores.js';
import { cliInstance } from './admin-cli.js';

const ROWS = 20_000;

/** `rows` users sharing one cheap bcrypt hash (cost 4), one JSON object per line. */
function writeUsers(file: string, rows: number, tag: string): void {
  const hash = bcrypt.hashSync('legacy password 1234', 4);
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++) {
    lines.push(JSON.stringify({ email: `${tag}-${i}@example.com`, name: `User ${i}`, passwordHash: hash }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe.each(storeKinds)('users import, interrupted and run again (%s)', (kind) => {
  const cli = cliInstance(kind);

  it('SIGINT stops it with a summary and exit 130; a re-run imports the rest once', async () => {
    const file = join(cli.cwd, 'many.jsonl');
    writeUsers(file, ROWS, `many-${kind}`);
    const running = cli.start(['users', 'import', file, '--progress-every', '0.2']);
    // A progress line that shows some users in, and not all: the import is under way.
    const progress = new RegExp(
      `^users import: (\\d+)/${ROWS} \\((\\d+)%\\), (\\d+)/s, ETA (\\d+:\\d{2})$`,
      'm',
    );
    const line = await running.waitForStderr(progress);
    expect(Number(line[1])).toBeLessThan(ROWS);
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(130);
    const stopped = running.stdout();
    expect(running.stderr()).toContain('Stopping after the record in hand');
    expect(running.stderr()).toMatch(
      new RegExp(`^users import: \\d+/${ROWS} \\(\\d+%\\), \\d+/s, interrupted in \\d+:\\d{2}$`, 'm'),
    );
    const imported = Number(/^Imported (\d+) user\(s\); skipped 0\.$/m.exec(stopped)?.[1]);
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(ROWS);
    expect(stopped).toMatch(/^Interrupted after line \d+\. Run the same command again to carry on/m);
    expect(await cli.count('users')).toBe(imported);

    const again = await cli.run(['users', 'import', file, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout);
    expect(summary).toMatchObject({
      lines: ROWS,
      imported: ROWS - imported,
      skippedTotal: imported,
      skipped: { exists: { count: imported } },
      failed: { count: 0 },
      interrupted: false,
    });
    expect(summary.skipped.exists.first[0]).toMatchObject({ line: 1, code: 'USER_EXISTS' });
    expect(again.stderr).toMatch(
      new RegExp(`^users import: ${ROWS}/${ROWS} \\(100%\\), \\d+/s, done in \\d+:\\d{2}$`, 'm'),
    );

    const users = await cli.rows('users');
    expect(users).toHaveLength(ROWS);
    expect(new Set(users.map((u) => u.email)).size).toBe(ROWS);
  }, 900_000);

  it('summarises skips by reason with line numbers and exits 1 when a record is refused', async () => {
    const hash = bcrypt.hashSync('legacy password 1234', 4);
    const file = join(cli.cwd, 'mixed.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ email: `mixed-${kind}@example.com`, passwordHash: hash }),
        '{ not json',
        JSON.stringify({ email: 'not an address', passwordHash: hash }),
        '',
        JSON.stringify({ email: `mixed-${kind}@example.com`, passwordHash: hash }),
        JSON.stringify({ email: `other-${kind}@example.com`, passwordHash: 'plain text' }),
      ].join('\n'),
    );
    const result = await cli.run(['users', 'import', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Imported 1 user(s); skipped 4.');
    expect(result.stdout).toMatch(/^ {2}skipped, not_json: 1 \(line 2\)$/m);
    expect(result.stdout).toMatch(/^ {2}skipped, invalid: 2 \(lines 3, 6\)$/m);
    expect(result.stdout).toMatch(/^ {2}skipped, exists: 1 \(line 5\)$/m);
    expect(result.stderr).toContain('line 2: not valid JSON');
    expect(result.stderr).toContain('line 5: USER_EXISTS');
    expect(result.stdout + result.stderr).not.toContain(hash);

    const missing = await cli.run(['users', 'import', join(cli.cwd, 'nowhere.jsonl')]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `gatehouse: Cannot read ${join(cli.cwd, 'nowhere.jsonl')}\n`,
    });
    expect((await cli.run(['users', 'import'])).code).toBe(2);
    expect((await cli.run(['users', 'import', file, '--progress-every', 'often'])).code).toBe(2);
  }, 300_000);
});

describe('users import progress on a terminal', () => {
  const cli = cliInstance('sqlite');
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.runIf(hasScript)(
    'draws a bar with count, rate and ETA, redrawn in place',
    async () => {
      const file = join(cli.cwd, 'tty.jsonl');
      writeUsers(file, 300, 'tty');
      // `script` runs the command on a pseudo-terminal, so stderr is a TTY.
      const command = [process.execPath, BIN, 'users', 'import', file].map((a) => `'${a}'`).join(' ');
      const result = spawnSync('script', ['-qec', command, '/dev/null'], {
        cwd: cli.cwd,
        env: { ...process.env, ...cli.env },
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(result.status, result.stdout).toBe(0);
      const output = result.stdout;
      // Each redraw returns to the start of the line and erases it.
      expect(output).toContain('\r\u001b[K');
      expect(output).toMatch(
        /users import \[[#.]{24}\] \d+\/300 \d+% {2}\d+\/s {2}(ETA \d+:\d{2}|done in \d+:\d{2})/,
      );
      expect(output).toMatch(/users import \[#{24}\] 300\/300 100% {2}\d+\/s {2}done in \d+:\d{2}\r?\n/);
      expect(output).not.toMatch(/^users import: /m);
      expect(output).toContain('Imported 300 user(s); skipped 0.');
    },
    300_000,
  );
});
