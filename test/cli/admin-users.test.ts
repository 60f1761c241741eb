/**
 * `gatehouse users list|show|create|suspend|reactivate|revoke|delete|restore|purge|reset-link|
 * end-sessions|reset-mfa` over the built binary, on SQLite and PostgreSQL: what each prints for
 * people and with `--json`, each main refusal and its exit code, mail that goes out through a real
 * SMTP receiver, and the audit records, whose actor is the command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { auditRecords, type CliInstance, cliInstance, SECRET, SLOW } from './admin-cli.js';

const PASSWORD = 'correct horse battery staple';

interface UserJson {
  id: string;
  email: string | null;
  name: string | null;
  displayName: string | null;
  status: string;
  emailVerified: boolean;
}

/** A user made with a password from stdin; returns its id. */
async function createUser(cli: CliInstance, email: string, extra: string[] = []): Promise<string> {
  const created = await cli.json<{ user: UserJson }>(
    ['users', 'create', '--email', email, '--password-stdin', ...extra],
    { stdin: `${PASSWORD}\n` },
  );
  return created.user.id;
}

/** Signs the user in through an instance of the library on the same database: a live session. */
async function signIn(cli: CliInstance, email: string): Promise<string> {
  const gatehouse = createGatehouse({
    databaseUrl: cli.database.url,
    tablePrefix: cli.prefix,
    secret: SECRET,
    logLevel: 'silent',
    migrations: 'check',
  });
  try {
    const session = await gatehouse.signIn({ email, password: PASSWORD });
    if (!('refreshToken' in session)) throw new Error('expected a session');
    return session.refreshToken;
  } finally {
    await gatehouse.close();
  }
}

describe.each(storeKinds)('users commands (%s)', (kind) => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp?.stop());
  const cli = cliInstance(kind, () => ({ GATEHOUSE_SMTP_URL: smtp.url }));

  it(
    'create with a password from stdin, or with a mailed link; list and show find them',
    async () => {
      const created = await cli.run(
        [
          'users',
          'create',
          '--email',
          'ada@example.com',
          '--name',
          'Ada Lovelace',
          '--password-stdin',
          '--verified',
        ],
        { stdin: `${PASSWORD}\n` },
      );
      expect(created.code, created.stderr).toBe(0);
      const adaId = /^Created (usr_\w+) \(ada@example\.com\)\.$/m.exec(created.stdout)?.[1];
      expect(adaId).toBeDefined();
      expect(created.stdout).toContain('Password set.');
      expect(created.stdout + created.stderr).not.toContain(PASSWORD);

      const mailed = smtp.messages.length;
      const linked = await cli.json<{ user: UserJson; setPasswordLinkSent: boolean; memberships: unknown[] }>(
        ['users', 'create', '--email', 'grace@example.com', '--display-name', 'Grace'],
      );
      expect(linked).toMatchObject({
        user: { email: 'grace@example.com', displayName: 'Grace' },
        setPasswordLinkSent: true,
      });
      await smtp.waitFor(mailed + 1);
      expect(smtp.messages.at(-1)?.to).toMatchObject({ text: 'grace@example.com' });
      expect(smtp.messages.at(-1)?.text).toMatch(/\/reset-password\?token=/);

      const table = await cli.run(['users', 'list']);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^ID\s+EMAIL\s+NAME\s+STATUS\s+VERIFIED\s+CREATED$/m);
      expect(table.stdout).toMatch(
        new RegExp(`^${adaId}\\s+ada@example\\.com\\s+Ada Lovelace\\s+active\\s+yes\\s+\\d{4}-`, 'm'),
      );
      expect(table.stdout).toMatch(/grace@example\.com\s+Grace\s+active\s+no/);

      const page = await cli.json<{ users: UserJson[]; nextCursor: string | null }>([
        'users',
        'list',
        '--query',
        'ADA@',
      ]);
      expect(page).toEqual({
        users: [expect.objectContaining({ id: adaId, emailVerified: true })],
        nextCursor: null,
      });
      const first = await cli.json<{ users: UserJson[]; nextCursor: string }>([
        'users',
        'list',
        '--limit',
        '1',
      ]);
      expect(first.users).toHaveLength(1);
      expect(first.nextCursor).toBe(first.users[0]!.id);
      const next = await cli.json<{ users: UserJson[] }>([
        'users',
        'list',
        '--limit',
        '1',
        '--cursor',
        first.nextCursor,
      ]);
      expect(next.users[0]!.id > first.users[0]!.id).toBe(true);
      const all = await cli.run(['users', 'list', '--all', '--json', '--unverified']);
      const lines = all.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as UserJson);
      expect(lines.map((u) => u.email)).toContain('grace@example.com');
      expect(lines.every((u) => !u.emailVerified)).toBe(true);

      const detail = await cli.json<{
        user: UserJson;
        password: { set: boolean };
        memberships: unknown[];
        recentEvents: Array<{ type: string; actorId: string }>;
      }>(['users', 'show', 'ada@example.com']);
      expect(detail.user).toMatchObject({ id: adaId, email: 'ada@example.com', status: 'active' });
      expect(detail.password.set).toBe(true);
      expect(detail.recentEvents).toContainEqual(
        expect.objectContaining({ type: 'user.created', actorId: 'cli' }),
      );
      const shown = await cli.run(['users', 'show', adaId!]);
      expect(shown.stdout).toMatch(/^password:\s+set \d{4}-/m);
      expect(shown.stdout).toMatch(/^second factors:\s+none$/m);
      expect(shown.stdout).toContain('\nSessions:\n(none)\n');
      expect(shown.stdout).not.toMatch(/\$argon2|\$2b\$/);

      const audited = await auditRecords(cli, ['--type', 'user.created']);
      expect(audited).toHaveLength(2);
      expect(audited.every((e) => e.actorId === 'cli' && e.data.via === 'cli')).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a weak password before anything is stored, a taken address, and bad command lines',
    async () => {
      const weak = await cli.run(['users', 'create', '--email', 'weak@example.com', '--password-stdin'], {
        stdin: 'password\n',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/^gatehouse: .+\n$/);
      expect(weak.stderr).not.toContain('password\n');
      expect((await cli.json<{ users: unknown[] }>(['users', 'list', '--query', 'weak@'])).users).toEqual([]);
      const empty = await cli.run(['users', 'create', '--email', 'empty@example.com', '--password-stdin']);
      expect(empty).toMatchObject({ code: 1, stderr: 'gatehouse: --password-stdin: no password on stdin\n' });

      await createUser(cli, 'taken@example.com');
      const taken = await cli.run(['users', 'create', '--email', 'taken@example.com', '--json']);
      expect(taken.code).toBe(1);
      expect(JSON.parse(taken.stdout)).toEqual({
        error: { code: 'USER_EXISTS', message: expect.any(String) },
      });

      expect((await cli.run(['users', 'create'])).code).toBe(2);
      const both = await cli.run([
        'users',
        'create',
        '--email',
        'x@example.com',
        '--password-stdin',
        '--send-link',
      ]);
      expect(both).toMatchObject({
        code: 2,
        stderr: 'gatehouse: Give --password-stdin or --send-link, not both\n',
      });
      expect((await cli.run(['users', 'list', '--limit', 'ten'])).code).toBe(2);
      expect((await cli.run(['users', 'list', '--verified', '--unverified'])).code).toBe(2);
      const badStatus = await cli.run(['users', 'list', '--status', 'sleeping']);
      expect(badStatus.code).toBe(1);
      expect(badStatus.stderr).toContain('status');
      const password = await cli.run(['users', 'create', '--email', 'x@example.com', '--password', PASSWORD]);
      expect(password.code).toBe(2);
      expect(password.stderr).not.toContain(PASSWORD);
    },
    SLOW,
  );

  it(
    'suspend, reactivate, revoke: each changes once and then says nothing changed',
    async () => {
      const id = await createUser(cli, 'status@example.com');
      const suspended = await cli.run(['users', 'suspend', 'status@example.com']);
      expect(suspended).toMatchObject({
        code: 0,
        stdout: `${id} is suspended; their sessions have ended.\n`,
      });
      const again = await cli.run(['users', 'suspend', id]);
      expect(again).toMatchObject({ code: 0, stdout: `${id} is suspended already: nothing changed.\n` });
      expect(await cli.json(['users', 'reactivate', id])).toEqual({
        userId: id,
        action: 'reactivate',
        status: 'active',
        changed: true,
      });
      expect(await cli.json(['users', 'revoke', id])).toMatchObject({ status: 'revoked', changed: true });
      const revoked = await cli.run(['users', 'reactivate', id]);
      expect(revoked.code).toBe(1);
      expect(revoked.stderr).toMatch(/^gatehouse: The user is revoked, which is final/);

      const events = await auditRecords(cli, ['--user', id]);
      const statusEvents = events.filter((e) =>
        ['user.suspended', 'user.reactivated', 'user.revoked'].includes(e.type),
      );
      // Newest first; the second suspend changed nothing and recorded nothing.
      expect(statusEvents.map((e) => e.type)).toEqual(['user.revoked', 'user.reactivated', 'user.suspended']);
      expect(events.every((e) => e.actorId === 'cli')).toBe(true);
    },
    SLOW,
  );

  it(
    'unknown users are exit 1 with their id; a USER that is neither id nor address is exit 2',
    async () => {
      const missing = 'usr_0000000000007000800000000000dead';
      for (const command of [
        'show',
        'suspend',
        'delete',
        'restore',
        'reset-link',
        'end-sessions',
        'reset-mfa',
        'purge',
      ]) {
        const result = await cli.run(['users', command, missing]);
        expect(result, `users ${command}`).toMatchObject({ code: 1, stdout: '' });
        expect(result.stderr, `users ${command}`).toMatch(new RegExp(`^gatehouse: .*${missing}\\n$`));
      }
      expect(await cli.run(['users', 'suspend', missing])).toMatchObject({
        stderr: `gatehouse: No such user ${missing}\n`,
      });
      expect(await cli.run(['users', 'show', 'nobody@example.com'])).toMatchObject({
        code: 1,
        stderr: 'gatehouse: No such user nobody@example.com\n',
      });
      const neither = await cli.run(['users', 'show', 'ada']);
      expect(neither.code).toBe(2);
      expect((await cli.run(['users', 'suspend'])).code).toBe(2);
      expect((await cli.run(['users', 'suspend', 'a@example.com', 'b@example.com'])).code).toBe(2);
    },
    SLOW,
  );

  it(
    'delete, restore, purge: soft first, restorable, then erased; purge refuses a user not deleted',
    async () => {
      const id = await createUser(cli, 'gone@example.com');
      const notDeleted = await cli.run(['users', 'purge', id]);
      expect(notDeleted.code).toBe(1);
      expect(notDeleted.stderr).toContain('delete it first');
      const deleted = await cli.json<{ changed: boolean; restorableUntil: string }>(['users', 'delete', id]);
      expect(deleted).toMatchObject({ userId: id, action: 'delete', changed: true });
      const twice = await cli.run(['users', 'delete', 'gone@example.com']);
      expect(twice.stdout).toContain(`${id} is deleted already`);
      expect((await cli.json<{ user: UserJson }>(['users', 'show', id])).user.status).toBe('deleted');
      expect((await cli.run(['users', 'restore', 'gone@example.com'])).stdout).toBe(
        `Restored ${id}; they sign in again with their password.\n`,
      );
      await cli.json(['users', 'delete', id]);
      const purged = await cli.run(['users', 'purge', id]);
      expect(purged).toMatchObject({ code: 0, stdout: `Erased ${id}; the audit log keeps its records.\n` });
      expect((await cli.run(['users', 'show', id])).code).toBe(1);
      const events = await auditRecords(cli, [
        '--user',
        id,
        '--type',
        'user.deleted,user.restored,user.purged',
      ]);
      expect(events.map((e) => e.type)).toEqual([
        'user.purged',
        'user.deleted',
        'user.restored',
        'user.deleted',
      ]);
      expect(events.every((e) => e.actorId === 'cli')).toBe(true);
    },
    SLOW,
  );

  it(
    'purge without a user erases every account deleted before the restore window, with a progress line',
    async () => {
      const old = [await createUser(cli, 'old1@example.com'), await createUser(cli, 'old2@example.com')];
      const recent = await createUser(cli, 'recent@example.com');
      for (const id of [...old, recent]) await cli.json(['users', 'delete', id]);
      // Deleted 40 days ago, beyond the default 30-day window.
      const ago = Date.now() - 40 * 86_400_000;
      await cli.sql(`update {p}users set deleted_at = ${ago} where id in ('${old.join("','")}')`);
      const purged = await cli.run(['users', 'purge']);
      expect(purged.code, purged.stderr).toBe(0);
      expect(purged.stdout).toBe('Erased 2 account(s) deleted more than 30 day(s) ago.\n');
      expect(purged.stderr).toMatch(/^users purge: 2, \d+\/s, done in \d+:\d{2}$/m);
      expect((await cli.json<{ user: UserJson }>(['users', 'show', recent])).user.status).toBe('deleted');
      const nothing = await cli.run(['users', 'purge', '--json']);
      expect(nothing.code).toBe(0);
      expect(JSON.parse(nothing.stdout)).toEqual({ purged: 0, retentionDays: 30 });
      expect(nothing.stderr).toMatch(/^users purge: 0, 0\/s, done in \d+:\d{2}\n$/);
      const events = await auditRecords(cli, ['--type', 'user.purged', '--actor', 'cli']);
      expect(events.map((e) => e.userId)).toEqual(expect.arrayContaining(old));
    },
    SLOW,
  );

  it(
    'reset-link mails the user; end-sessions ends their sessions; reset-mfa is audited',
    async () => {
      const id = await createUser(cli, 'links@example.com');
      const before = smtp.messages.length;
      expect((await cli.run(['users', 'reset-link', id])).stdout).toBe(
        `Mailed ${id} a password-reset link.\n`,
      );
      await smtp.waitFor(before + 1);
      expect(smtp.messages.at(-1)?.to).toMatchObject({ text: 'links@example.com' });

      await signIn(cli, 'links@example.com');
      await signIn(cli, 'links@example.com');
      expect((await cli.run(['users', 'end-sessions', 'links@example.com'])).stdout).toBe(
        `Ended 2 session(s) of ${id}.\n`,
      );
      expect(await cli.json(['users', 'end-sessions', id])).toEqual({
        userId: id,
        action: 'end-sessions',
        ended: 0,
      });
      expect((await cli.json<{ sessions: unknown[] }>(['users', 'show', id])).sessions).toEqual([]);

      expect((await cli.run(['users', 'reset-mfa', id])).code).toBe(0);
      const suspended = await cli.json(['users', 'suspend', id]);
      expect(suspended).toMatchObject({ changed: true });
      const refused = await cli.run(['users', 'reset-link', id]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('suspended');

      const events = await auditRecords(cli, ['--user', id, '--actor', 'cli']);
      expect(events.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          'password.reset_requested',
          'session.revoked',
          'mfa.reset',
          'user.suspended',
        ]),
      );
    },
    SLOW,
  );
});
