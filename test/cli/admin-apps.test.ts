/**
 * `gatehouse apps …` and `gatehouse roles …` over the built binary, on SQLite and PostgreSQL:
 * tables for people, `--json` shapes, the refusals and their exit codes, and that each change is
 * audited with the command line as its actor.
 */
import { describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { storeKinds } from '../support/stores.js';
import { auditRecords, cliInstance, SLOW } from './admin-cli.js';

interface AppJson {
  id: string;
  name: string;
  status: string;
  signUp: string;
  redirectUrls: string[];
  hasSecret: boolean;
}

describe.each(storeKinds)('apps and roles commands (%s)', (kind) => {
  const cli = cliInstance(kind);

  it(
    'apps create prints the secret once; list, show and update read and change the app',
    async () => {
      const created = await cli.run([
        'apps',
        'create',
        '--name',
        'Billing',
        '--sign-up',
        'invite_only',
        '--redirect-url',
        'https://billing.example/callback',
      ]);
      expect(created.code, created.stderr).toBe(0);
      const id = /Created (app_\w+) \(Billing\)\./.exec(created.stdout)?.[1];
      expect(id).toBeDefined();
      const secret = /shown only now.*: (\S+)$/m.exec(created.stdout)?.[1];
      expect(secret).toMatch(/^.{20,}$/);

      const listed = await cli.run(['apps', 'list']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^ID\s+NAME\s+STATUS\s+SIGN-UP\s+DEFAULT ROLE\s+AUDIENCE$/m);
      expect(listed.stdout).toMatch(
        new RegExp(`^${id}\\s+Billing\\s+active\\s+invite_only\\s+member\\s+${id}$`, 'm'),
      );
      expect(listed.stdout).not.toContain(secret);

      const { apps } = await cli.json<{ apps: AppJson[] }>(['apps', 'list']);
      expect(apps.map((a) => a.id)).toEqual(expect.arrayContaining([id, CONSOLE_APP_ID]));
      const shown = await cli.json<{ app: AppJson }>(['apps', 'show', id!]);
      expect(shown.app).toMatchObject({
        id,
        name: 'Billing',
        signUp: 'invite_only',
        redirectUrls: ['https://billing.example/callback'],
        hasSecret: true,
      });
      expect(JSON.stringify(shown)).not.toContain(secret);
      const people = await cli.run(['apps', 'show', id!]);
      expect(people.stdout).toMatch(/^sign-up:\s+invite_only$/m);
      expect(people.stdout).toMatch(/^secret:\s+set \(shown only when made\)$/m);

      const updated = await cli.json<{ app: AppJson }>(['apps', 'update', id!, '--name', 'Billing EU']);
      expect(updated.app.name).toBe('Billing EU');
      const disabled = await cli.run(['apps', 'disable', id!]);
      expect(disabled.code).toBe(0);
      expect(disabled.stdout).toContain(`Updated ${id} (Billing EU): status disabled.`);
      expect((await cli.json<{ app: AppJson }>(['apps', 'show', id!])).app.status).toBe('disabled');
      expect((await cli.json<{ app: AppJson }>(['apps', 'enable', id!])).app.status).toBe('active');

      const audited = await auditRecords(cli, ['--target', id!]);
      expect(audited.map((e) => e.type).sort()).toEqual([
        'app.created',
        'app.updated',
        'app.updated',
        'app.updated',
      ]);
      expect(audited.every((e) => e.actorId === 'cli' && e.data.via === 'cli')).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses an unknown app (exit 1), a bad field (exit 1, named) and a bad command line (exit 2)',
    async () => {
      const unknown = await cli.run(['apps', 'show', 'app_00000000000000000000000000000999']);
      expect(unknown).toMatchObject({ code: 1, stdout: '' });
      expect(unknown.stderr).toBe('gatehouse: No such app app_00000000000000000000000000000999\n');
      const unknownJson = await cli.run(['apps', 'show', 'app_00000000000000000000000000000999', '--json']);
      expect(unknownJson.code).toBe(1);
      expect(JSON.parse(unknownJson.stdout)).toEqual({
        error: { code: 'FAILED', message: 'No such app app_00000000000000000000000000000999' },
      });

      const badUrl = await cli.run(['apps', 'create', '--name', 'X', '--redirect-url', 'not a url']);
      expect(badUrl.code).toBe(1);
      expect(badUrl.stderr).toMatch(/^gatehouse: The app is not valid \(redirectUrls\.0: .+\)\n$/);
      const defaultApp = await cli.run(['apps', 'disable', 'default']);
      expect(defaultApp.code).toBe(1);
      expect(defaultApp.stderr).toContain('the default app cannot be disabled');

      expect((await cli.run(['apps', 'create'])).code).toBe(2);
      expect((await cli.run(['apps', 'show'])).code).toBe(2);
      expect((await cli.run(['apps', 'update', 'default'])).code).toBe(2);
      const badStatus = await cli.run(['apps', 'update', 'default', '--status', 'paused']);
      expect(badStatus).toMatchObject({
        code: 2,
        stderr: 'gatehouse: --status must be active or disabled\n',
      });
      const foreign = await cli.run(['apps', 'list', '--email', 'x@example.com']);
      expect(foreign).toMatchObject({ code: 2, stderr: 'gatehouse: apps list does not take --email\n' });
      const unknownSub = await cli.run(['apps', 'rename']);
      expect(unknownSub.code).toBe(2);
      expect(unknownSub.stderr).toMatch(
        /^Unknown command: gatehouse apps rename\n\nUsage:\n {2}gatehouse apps list/,
      );
    },
    SLOW,
  );

  it(
    'roles list, create and delete at an app; built-in and unknown roles are refused',
    async () => {
      const { app } = await cli.json<{ app: AppJson }>(['apps', 'create', '--name', 'Docs']);
      const listed = await cli.run(['roles', 'list', '--app', app.id]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^NAME\s+PERMISSIONS\s+BUILT-IN\s+DESCRIPTION$/m);
      expect(listed.stdout).toMatch(/^admin\s+\*\s+yes\s+/m);

      const created = await cli.json<{ role: { name: string; permissions: string[]; builtIn: boolean } }>([
        'roles',
        'create',
        'editor',
        '--app',
        app.id,
        '--permission',
        'docs:read',
        '--permission',
        'docs:write',
        '--description',
        'Edits documents',
      ]);
      expect(created.role).toMatchObject({
        name: 'editor',
        permissions: ['docs:read', 'docs:write'],
        builtIn: false,
      });
      const { roles } = await cli.json<{ roles: Array<{ name: string }> }>([
        'roles',
        'list',
        '--app',
        app.id,
      ]);
      expect(roles.map((r) => r.name)).toEqual(
        expect.arrayContaining(['admin', 'member', 'guest', 'editor']),
      );

      const again = await cli.run(['roles', 'create', 'editor', '--app', app.id]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already has a role by that name');
      const builtIn = await cli.run(['roles', 'delete', 'admin', '--app', app.id]);
      expect(builtIn.code).toBe(1);
      const missing = await cli.run(['roles', 'delete', 'nobody', '--app', app.id]);
      expect(missing).toMatchObject({ code: 1, stderr: `gatehouse: No role nobody at ${app.id}\n` });
      expect((await cli.run(['roles', 'list'])).code).toBe(2);
      expect((await cli.run(['roles', 'create', '--app', app.id])).code).toBe(2);
      const noApp = await cli.run(['roles', 'list', '--app', 'app_00000000000000000000000000000999']);
      expect(noApp).toMatchObject({
        code: 1,
        stderr: 'gatehouse: No such app app_00000000000000000000000000000999\n',
      });

      const deleted = await cli.run(['roles', 'delete', 'editor', '--app', app.id]);
      expect(deleted).toMatchObject({ code: 0, stdout: `Deleted role editor at ${app.id}.\n` });
      const audited = await auditRecords(cli, ['--type', 'role.created,role.deleted']);
      const mine = audited.filter((e) => e.data.appId === app.id);
      expect(mine.map((e) => e.type).sort()).toEqual(['role.created', 'role.deleted']);
      expect(mine.every((e) => e.actorId === 'cli')).toBe(true);
    },
    SLOW,
  );

  it(
    'the command line may change the console app (it holds every permission)',
    async () => {
      const role = await cli.json<{ role: { name: string } }>([
        'roles',
        'create',
        'auditor',
        '--app',
        'console',
        '--permission',
        'audit:read',
      ]);
      expect(role.role.name).toBe('auditor');
      const { roles } = await cli.json<{ roles: Array<{ name: string }> }>([
        'roles',
        'list',
        '--app',
        'console',
      ]);
      expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(['admin', 'support', 'auditor']));
    },
    SLOW,
  );
});
