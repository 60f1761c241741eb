/**
 * `gatehouse audit list` and `audit export` over the built binary, on SQLite and PostgreSQL: the
 * filters, paging, the table and `--json` shapes, the streamed CSV and JSON-lines export to
 * stdout and to a file (never a half-written file under the final name), the progress line on a
 * non-terminal stderr, the refusals, and that an export is itself audited with the command line
 * as its actor.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeKinds } from '../support/stores.js';
import { auditRecords, cliInstance, SLOW } from './admin-cli.js';

interface EventJson {
  id: string;
  at: string;
  type: string;
  outcome: string;
  actorId: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
}

describe.each(storeKinds)('audit commands (%s)', (kind) => {
  const cli = cliInstance(kind);

  it(
    'list filters by type and actor, pages with a cursor, and prints a table or JSON',
    async () => {
      const apps: string[] = [];
      for (const name of ['One', 'Two', 'Three']) {
        apps.push((await cli.json<{ app: { id: string } }>(['apps', 'create', '--name', name])).app.id);
      }
      const page = await cli.json<{ items: EventJson[]; nextCursor: string | null }>([
        'audit',
        'list',
        '--type',
        'app.created',
        '--actor',
        'cli',
      ]);
      expect(page.nextCursor).toBeNull();
      // Newest first.
      expect(page.items.map((e) => e.targetId)).toEqual([...apps].reverse());
      for (const e of page.items) {
        expect(e).toMatchObject({
          type: 'app.created',
          outcome: 'success',
          actorId: 'cli',
          data: { via: 'cli' },
        });
        expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      const first = await cli.json<{ items: EventJson[]; nextCursor: string }>([
        'audit',
        'list',
        '--type',
        'app.created',
        '--limit',
        '2',
      ]);
      expect(first.items.map((e) => e.targetId)).toEqual([apps[2], apps[1]]);
      const second = await cli.json<{ items: EventJson[] }>([
        'audit',
        'list',
        '--type',
        'app.created',
        '--limit',
        '2',
        '--cursor',
        first.nextCursor,
      ]);
      expect(second.items.map((e) => e.targetId)).toEqual([apps[0]]);
      expect(await auditRecords(cli, ['--target', apps[1]!])).toHaveLength(1);

      const table = await cli.run(['audit', 'list', '--type', 'app.created', '--target', apps[0]!]);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^AT\s+TYPE\s+OUTCOME\s+ACTOR\s+USER\s+TARGET\s+DATA$/m);
      expect(table.stdout).toMatch(
        new RegExp(
          `^\\d{4}-\\d{2}-\\d{2} [\\d:]{8}\\s+app\\.created\\s+success\\s+cli\\s+-\\s+${apps[0]}\\s+\\{"appId"`,
          'm',
        ),
      );
      const none = await cli.run(['audit', 'list', '--since', '2999-01-01']);
      expect(none).toMatchObject({ code: 0, stdout: '(no events)\n' });
    },
    SLOW,
  );

  it(
    'refuses bad filters (exit 1, naming the field) and bad command lines (exit 2)',
    async () => {
      const since = await cli.run(['audit', 'list', '--since', 'yesterday']);
      expect(since.code).toBe(1);
      expect(since.stderr).toMatch(/^gatehouse: from must be an ISO 8601 time/);
      const type = await cli.run(['audit', 'list', '--type', 'user.teleported', '--json']);
      expect(type.code).toBe(1);
      expect(JSON.parse(type.stdout).error.code).toBe('VALIDATION_ERROR');
      expect((await cli.run(['audit', 'list', '--limit', 'lots'])).code).toBe(2);
      expect((await cli.run(['audit', 'list', '--all', '--cursor', 'evt_1'])).code).toBe(2);
      expect(await cli.run(['audit', 'export'])).toMatchObject({
        code: 2,
        stderr: 'gatehouse: audit export needs --format csv or jsonl\n',
      });
      expect((await cli.run(['audit', 'export', '--format', 'xml'])).code).toBe(2);
      expect((await cli.run(['audit', 'export', '--format', 'csv', '--json'])).code).toBe(2);
    },
    SLOW,
  );

  it(
    'export streams JSON lines to stdout and CSV to a file, oldest first, and is audited',
    async () => {
      await cli.json(['apps', 'create', '--name', 'Exported']);
      const jsonl = await cli.run(['audit', 'export', '--format', 'jsonl', '--type', 'app.created']);
      expect(jsonl.code, jsonl.stderr).toBe(0);
      const lines = jsonl.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as EventJson);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((e) => e.type === 'app.created' && e.actorId === 'cli')).toBe(true);
      expect(lines.map((e) => e.id)).toEqual(lines.map((e) => e.id).sort());
      // The progress reporter's last line, on a stderr that is not a terminal.
      expect(jsonl.stderr).toMatch(
        new RegExp(`^audit export: ${lines.length}, \\d+/s, done in \\d+:\\d{2}$`, 'm'),
      );
      expect(jsonl.stderr).toContain(`Exported ${lines.length} audit record(s) as jsonl to stdout.`);

      const out = join(cli.cwd, `audit-${kind}.csv`);
      const written = await cli.run([
        'audit',
        'export',
        '--format',
        'csv',
        '--out',
        out,
        '--type',
        'app.created',
        '--json',
      ]);
      expect(written.code, written.stderr).toBe(0);
      expect(written.stderr).toMatch(/^audit export: \d+, \d+\/s, done in \d+:\d{2}\n$/);
      const summary = JSON.parse(written.stdout);
      expect(summary).toEqual({ records: lines.length, format: 'csv', out });
      const csv = readFileSync(out, 'utf8');
      expect(
        csv.startsWith('id,at,type,outcome,actorId,targetId,userId,sessionId,ip,userAgent,data\r\n'),
      ).toBe(true);
      expect(csv.split('\r\n').filter((l) => l !== '')).toHaveLength(lines.length + 1);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(existsSync(`${out}.partial`)).toBe(false);

      const exports = await auditRecords(cli, ['--type', 'audit.exported']);
      expect(exports.length).toBeGreaterThanOrEqual(2);
      expect(exports[0]).toMatchObject({
        actorId: 'cli',
        data: { format: 'csv', types: 'app.created', via: 'cli' },
      });
    },
    SLOW,
  );
});
