/**
 * `gatehouse create-admin` over the built binary, on SQLite and PostgreSQL: it makes the account
 * and the console membership, a second run changes nothing (no second membership, no second
 * event) and says so, an existing account is only granted, the password never appears, and the
 * operator it makes is one the admin API admits — once they have a second factor, by default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import type { GatehouseOptions } from '../../src/create-gatehouse.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { auditRecords, type CliInstance, cliInstance, SECRET, SLOW } from './admin-cli.js';

const PASSWORD = 'a long and unguessable operator passphrase';

/** GET /auth/admin/me with a console session of `email`, through the library on the same database. */
async function adminMe(cli: CliInstance, email: string, options: GatehouseOptions = {}) {
  const gatehouse = createGatehouse({
    databaseUrl: cli.database.url,
    tablePrefix: cli.prefix,
    secret: SECRET,
    logLevel: 'silent',
    migrations: 'check',
    ...options,
  });
  try {
    const session = await gatehouse.signIn({ email, password: PASSWORD }, { app: CONSOLE_APP_ID });
    if (!('accessToken' in session)) throw new Error('expected a session');
    const response = await gatehouse.handler(
      new Request('http://gatehouse.test/auth/admin/me', {
        headers: { authorization: `Bearer ${session.accessToken}` },
      }),
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  } finally {
    await gatehouse.close();
  }
}

async function consoleMemberships(cli: CliInstance, userId: string) {
  return (await cli.rows('memberships')).filter((m) => m.user_id === userId && m.app_id === CONSOLE_APP_ID);
}

describe.each(storeKinds)('create-admin (%s)', (kind) => {
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(() => smtp?.stop());
  const cli = cliInstance(kind, () => ({ GATEHOUSE_SMTP_URL: smtp.url }));

  it(
    'makes the account and the console admin; a second run changes nothing and says so',
    async () => {
      const args = ['create-admin', '--email', 'ops@example.com', '--password-stdin'];
      const first = await cli.run(args, { stdin: `${PASSWORD}\n` });
      expect(first.code, first.stderr).toBe(0);
      const id = /^Created (usr_\w+) for ops@example\.com with the password from stdin\.$/m.exec(
        first.stdout,
      )?.[1];
      expect(id).toBeDefined();
      expect(first.stdout).toContain(`Made ${id} an admin of the console.`);
      expect(first.stdout).toContain('enrol a second factor');
      expect(first.stdout).toContain('admin.requireMfa');
      expect(first.stdout + first.stderr).not.toContain(PASSWORD);

      const second = await cli.run(args, { stdin: `${PASSWORD}\n` });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain(`ops@example.com has an account already: ${id}.`);
      expect(second.stdout).toContain('It has a password already; the one on stdin was not used.');
      expect(second.stdout).toContain(`${id} is an admin of the console already.`);
      expect(second.stdout).toContain('Nothing changed.');
      const third = await cli.json(['create-admin', '--email', 'OPS@example.com']);
      expect(third).toEqual({
        userId: id,
        email: 'ops@example.com',
        created: false,
        granted: false,
        password: null,
        status: 'active',
        changed: false,
        mfaRequired: true,
      });

      const memberships = await consoleMemberships(cli, id!);
      expect(memberships).toHaveLength(1);
      expect(String(memberships[0]!.roles)).toContain('admin');
      const events = await auditRecords(cli, ['--user', id!]);
      expect(events.map((e) => e.type).sort()).toEqual(['membership.created', 'user.created']);
      expect(events.every((e) => e.actorId === 'cli' && e.data.via === 'cli')).toBe(true);

      // The admin API admits them — once they have a second factor, which it asks for by default.
      const withoutFactor = await adminMe(cli, 'ops@example.com');
      expect(withoutFactor).toMatchObject({ status: 403, body: { error: { code: 'MFA_REQUIRED' } } });
      const admitted = await adminMe(cli, 'ops@example.com', { admin: { requireMfa: false } });
      expect(admitted.status).toBe(200);
      expect(JSON.stringify(admitted.body)).toContain(id!);
    },
    SLOW,
  );

  it(
    'with --send-link mails a set-password link to a new account, once',
    async () => {
      const before = smtp.messages.length;
      const made = await cli.json<{ userId: string; created: boolean; password: string; changed: boolean }>([
        'create-admin',
        '--email',
        'linked@example.com',
        '--send-link',
      ]);
      expect(made).toMatchObject({ created: true, granted: true, password: 'link_sent', changed: true });
      await smtp.waitFor(before + 1);
      const mail = smtp.messages.at(-1)!;
      expect(mail.to).toMatchObject({ text: 'linked@example.com' });
      expect(mail.text).toMatch(/\/reset-password\?token=/);

      const again = await cli.run(['create-admin', '--email', 'linked@example.com', '--send-link']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(
        `No link sent to an existing account: gatehouse users reset-link ${made.userId}`,
      );
      expect(again.stdout).toContain('Nothing changed.');
      await cli.json(['users', 'list']); // a command run after the second, so its mail would have gone
      expect(smtp.messages.length).toBe(before + 1);
    },
    SLOW,
  );

  it(
    'an existing account is only granted: a member with another console role gets admin added',
    async () => {
      const { user } = await cli.json<{ user: { id: string } }>(
        ['users', 'create', '--email', 'support@example.com', '--password-stdin'],
        { stdin: PASSWORD },
      );
      const gatehouse = createGatehouse({
        databaseUrl: cli.database.url,
        tablePrefix: cli.prefix,
        secret: SECRET,
        logLevel: 'silent',
        migrations: 'check',
      });
      try {
        await gatehouse.addMember(user.id, CONSOLE_APP_ID, { role: 'support' });
      } finally {
        await gatehouse.close();
      }
      const granted = await cli.run(['create-admin', '--email', 'support@example.com']);
      expect(granted.code, granted.stderr).toBe(0);
      expect(granted.stdout).toContain(`Made ${user.id} an admin of the console.`);
      expect(granted.stdout).not.toContain('Nothing changed.');
      const memberships = await consoleMemberships(cli, user.id);
      expect(memberships).toHaveLength(1);
      expect(String(memberships[0]!.roles)).toMatch(/support.*admin/);
      const roleEvents = await auditRecords(cli, ['--user', user.id, '--type', 'membership.roles_changed']);
      expect(roleEvents).toHaveLength(1);
      expect(roleEvents[0]!.actorId).toBe('cli');
      expect((await cli.run(['create-admin', '--email', 'support@example.com'])).stdout).toContain(
        'Nothing changed.',
      );
    },
    SLOW,
  );

  it(
    'refuses: no address, both password flags, a new account with neither, a weak password, a deleted account',
    async () => {
      expect(await cli.run(['create-admin'])).toMatchObject({
        code: 2,
        stderr: 'gatehouse: create-admin needs --email ADDRESS\n',
      });
      expect(
        (await cli.run(['create-admin', '--email', 'x@example.com', '--password-stdin', '--send-link'])).code,
      ).toBe(2);
      const neither = await cli.run(['create-admin', '--email', 'new@example.com']);
      expect(neither.code).toBe(2);
      expect(neither.stderr).toContain(
        'There is no account for new@example.com yet: give --password-stdin or --send-link',
      );
      const weak = await cli.run(['create-admin', '--email', 'weak@example.com', '--password-stdin'], {
        stdin: 'password',
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr).toMatch(/^gatehouse: /);
      const inArgv = await cli.run(['create-admin', '--email', 'x@example.com', '--password', PASSWORD]);
      expect(inArgv.code).toBe(2);
      expect(inArgv.stdout + inArgv.stderr).not.toContain(PASSWORD);
      expect((await cli.json<{ users: unknown[] }>(['users', 'list', '--query', 'weak@'])).users).toEqual([]);

      const { user } = await cli.json<{ user: { id: string } }>(
        ['users', 'create', '--email', 'deleted@example.com', '--password-stdin'],
        { stdin: PASSWORD },
      );
      await cli.json(['users', 'delete', user.id]);
      const deleted = await cli.run(['create-admin', '--email', 'deleted@example.com']);
      expect(deleted.code).toBe(1);
      expect(deleted.stderr).toBe(
        `gatehouse: The account for deleted@example.com (${user.id}) is deleted: restore it first (gatehouse users restore ${user.id})\n`,
      );
    },
    SLOW,
  );
});
