/**
 * Gatehouse as a fleet: three real `gatehouse serve` processes on one PostgreSQL, one deployment
 * directory (shared `gatehouse.toml` and secrets file), one SMTP receiver. What one process does
 * must hold on the others: accounts, sign-out, suspension and role changes at once (the session
 * check and the guards read the database on every request; only the access token's own claims
 * lag, by at most `accessTokenTtl`), signing-key rotation (at once for a token naming the new
 * key, within the keyring's one-minute reload otherwise), refresh-token reuse, rate limits and
 * lockout (database counters, and Redis counters in a second fleet), and the outbox and
 * housekeeping, which never handle one row twice.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import type { RunningServer } from '../support/cli.js';
import { runCli } from '../support/cli.js';
import { startRedis } from '../support/redis.js';
import { mailsTo, type SmtpReceiver, startSmtpReceiver } from '../support/smtp.js';
import { randomTablePrefix } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';
import {
  call,
  clientIp,
  execute,
  type Fleet,
  outcome,
  PASSWORD,
  readJwt,
  startFleet,
  tableRows,
  uniqueEmail,
} from './fleet.js';

const LOCKOUT_THRESHOLD = 5;
const ROUTE_LIMIT = 6;
/** Settings every fleet here shares: small limits a test can reach, and no MFA for operators. */
const TOML = [
  'trusted_proxies = ["127.0.0.1"]',
  'notify_new_device = false',
  '[admin]',
  'require_mfa = false',
  '[lockout]',
  `threshold = ${LOCKOUT_THRESHOLD}`,
  '[limits.credential_ip]',
  `max = ${ROUTE_LIMIT}`,
  'window = 3600',
];

interface Account {
  readonly email: string;
  readonly userId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

async function signUp(server: RunningServer, tag: string): Promise<Account> {
  const email = uniqueEmail(tag);
  const reply = await call(server, 'POST', '/auth/sign-up/email', {
    ip: clientIp(),
    body: { email, password: PASSWORD },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return {
    email,
    userId: reply.body.user.id,
    accessToken: reply.body.accessToken,
    refreshToken: reply.body.refreshToken,
  };
}

async function signIn(server: RunningServer, email: string, headers: Record<string, string> = {}) {
  return call(server, 'POST', '/auth/sign-in/email', {
    ip: clientIp(),
    body: { email, password: PASSWORD },
    headers,
  });
}

const sessionStatus = async (server: RunningServer, token: string) =>
  outcome(await call(server, 'GET', '/auth/session', { ip: clientIp(), token }));

const refresh = (server: RunningServer, refreshToken: string) =>
  call(server, 'POST', '/auth/refresh', { ip: clientIp(), body: { refreshToken } });

const jwksKids = async (server: RunningServer): Promise<string[]> =>
  (await call(server, 'GET', '/.well-known/jwks.json', { ip: clientIp() })).body.keys.map(
    (k: { kid: string }) => k.kid,
  );

describe('three gatehouse serve processes on one PostgreSQL', () => {
  const databaseUrl = inject('postgresUrl');
  const prefix = randomTablePrefix();
  let smtp: SmtpReceiver;
  let fleet: Fleet;
  let A: RunningServer;
  let B: RunningServer;
  let C: RunningServer;
  let all: RunningServer[];
  /** An operator's console token, signed in on A. */
  let operator: string;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    fleet = await startFleet({
      databaseUrl,
      tablePrefix: prefix,
      toml: [`smtp_url = "${smtp.url}"`, ...TOML],
    });
    [A, B, C] = fleet.servers as [RunningServer, RunningServer, RunningServer];
    all = [A, B, C];
    const op = await signUp(A, 'operator');
    const granted = await runCli(['create-admin', '--email', op.email], { cwd: fleet.cwd, env: fleet.env });
    expect(granted.code, granted.stderr).toBe(0);
    const consoleSignIn = await signIn(A, op.email, { 'gatehouse-app': CONSOLE_APP_ID });
    expect(consoleSignIn.status).toBe(200);
    operator = consoleSignIn.body.accessToken;
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
    await smtp?.stop();
  });

  const admin = (server: RunningServer, method: string, path: string, body?: unknown) =>
    call(server, method, `/auth/admin${path}`, { ip: clientIp(), token: operator, body });

  it('a sign-up on A signs in on B and reads its profile on C', async () => {
    const account = await signUp(A, 'visible');
    const onB = await signIn(B, account.email);
    expect(onB.status).toBe(200);
    expect(onB.body.user.id).toBe(account.userId);
    const onC = await call(C, 'GET', '/auth/me', { ip: clientIp(), token: onB.body.accessToken });
    expect(onC.status).toBe(200);
    expect(onC.body.email).toBe(account.email);
    // And the token A issued at sign-up is good on every process.
    for (const server of all) expect(await sessionStatus(server, account.accessToken)).toBe(200);
  });

  it('a sign-out on A ends the session and its refresh token on B and C at once', async () => {
    const account = await signUp(A, 'sign-out');
    for (const server of all) expect(await sessionStatus(server, account.accessToken)).toBe(200);
    expect(
      (await call(A, 'POST', '/auth/sign-out', { ip: clientIp(), token: account.accessToken })).status,
    ).toBe(200);
    // No wait: the session check reads the session row on every request.
    expect(await sessionStatus(B, account.accessToken)).toBe('SESSION_NOT_FOUND');
    expect(await sessionStatus(C, account.accessToken)).toBe('SESSION_NOT_FOUND');
    expect(outcome(await refresh(B, account.refreshToken))).toBe('SESSION_NOT_FOUND');
    expect(outcome(await refresh(C, account.refreshToken))).toBe('SESSION_NOT_FOUND');
  });

  it('a suspension on A refuses sign-in and the session on B and C at once', async () => {
    const account = await signUp(B, 'suspend');
    const onC = await signIn(C, account.email);
    expect(onC.status).toBe(200);
    const suspended = await admin(A, 'POST', `/users/${account.userId}/suspend`);
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect(await sessionStatus(B, account.accessToken)).toBe('SESSION_NOT_FOUND');
    expect(await sessionStatus(C, onC.body.accessToken)).toBe('SESSION_NOT_FOUND');
    expect(outcome(await signIn(B, account.email))).toBe('USER_SUSPENDED');
    expect(outcome(await signIn(C, account.email))).toBe('USER_SUSPENDED');
    expect(outcome(await refresh(C, onC.body.refreshToken))).toBe('SESSION_NOT_FOUND');
  });

  it('a role change on A: guards on B and C apply it at once; the token’s claims only from its next refresh', async () => {
    const account = await signUp(A, 'roles');
    const asMember = readJwt(account.accessToken).claims;
    expect(asMember.roles).not.toContain('admin');
    // The claims are a snapshot: they last as long as the token, which is accessTokenTtl (900 s).
    expect(asMember.exp - asMember.iat).toBe(900);
    const tenantRead = (server: RunningServer, token: string) =>
      call(server, 'GET', `/auth/admin/users/${account.userId}/apps`, { ip: clientIp(), token });
    expect(outcome(await tenantRead(B, account.accessToken))).toBe('NOT_AN_OPERATOR');

    const promoted = await admin(A, 'PATCH', `/users/${account.userId}/apps/${DEFAULT_APP_ID}`, {
      roles: ['admin'],
    });
    expect(promoted.status, JSON.stringify(promoted.body)).toBe(200);
    // The same token, unchanged claims: B and C read the membership on every request.
    expect((await tenantRead(B, account.accessToken)).status).toBe(200);
    expect((await tenantRead(C, account.accessToken)).status).toBe(200);
    expect(readJwt(account.accessToken).claims.roles).not.toContain('admin');
    // A refresh on C puts the new role in the claims.
    const refreshed = await refresh(C, account.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(readJwt(refreshed.body.accessToken).claims.roles).toContain('admin');

    const demoted = await admin(A, 'PATCH', `/users/${account.userId}/apps/${DEFAULT_APP_ID}`, {
      roles: ['member'],
    });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    // Refused at once on B and C, although that token's claims still say admin.
    expect(readJwt(refreshed.body.accessToken).claims.roles).toContain('admin');
    expect(outcome(await tenantRead(B, refreshed.body.accessToken))).toBe('NOT_AN_OPERATOR');
    expect(outcome(await tenantRead(C, refreshed.body.accessToken))).toBe('NOT_AN_OPERATOR');
  });

  it('a spent refresh token replayed on B ends the session on all three', async () => {
    const account = await signUp(C, 'reuse');
    const first = await refresh(A, account.refreshToken);
    expect(first.status).toBe(200);
    expect(outcome(await refresh(B, account.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
    // The successor A handed out is dead too, everywhere, and so is every access token.
    expect(outcome(await refresh(C, first.body.refreshToken))).toBe('SESSION_NOT_FOUND');
    for (const server of all) {
      expect(await sessionStatus(server, first.body.accessToken)).toBe('SESSION_NOT_FOUND');
      expect(await sessionStatus(server, account.accessToken)).toBe('SESSION_NOT_FOUND');
    }
  });

  it('one refresh token sent to A and B at the same moment is spent exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const account = await signUp(A, 'race');
      const replies = await Promise.all([refresh(A, account.refreshToken), refresh(B, account.refreshToken)]);
      const won = replies.filter((r) => r.status === 200);
      expect(won, JSON.stringify(replies.map(outcome))).toHaveLength(1);
      // The loser presented a spent token: reuse, which ends the session (no grace configured).
      const lost = replies.find((r) => r.status !== 200)!;
      expect(['REFRESH_TOKEN_REUSED', 'SESSION_NOT_FOUND']).toContain(outcome(lost));
      const sessions = await tableRows(databaseUrl, `${prefix}sessions`, 'user_id = $1', [account.userId]);
      expect(sessions).toHaveLength(1);
      // Exactly one successor was stored: the original token and one new one.
      const tokens = await tableRows(databaseUrl, `${prefix}refresh_tokens`, 'session_id = $1', [
        sessions[0]!.id,
      ]);
      expect(tokens).toHaveLength(2);
    }
  });

  it('failed sign-ins spread over A, B and C lock the account after the threshold in total', async () => {
    const account = await signUp(A, 'lockout');
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      const wrong = await call(all[i % 3]!, 'POST', '/auth/sign-in/email', {
        ip: clientIp(),
        body: { email: account.email, password: 'not the password at all' },
      });
      expect(outcome(wrong)).toBe('INVALID_CREDENTIALS');
    }
    // Each process saw at most two failures; the count is the database's, so all three refuse.
    for (const server of all) expect(outcome(await signIn(server, account.email))).toBe('RATE_LIMITED');
    expect(await countRows(`${prefix}lockouts`, 'true')).toBeGreaterThan(0);
  });

  it('one client address reaches the per-route limit in total across A, B and C', async () => {
    const ip = clientIp();
    const attempt = (server: RunningServer) =>
      call(server, 'POST', '/auth/sign-in/email', {
        ip,
        body: { email: uniqueEmail('nobody'), password: 'not the password at all' },
      });
    for (let i = 0; i < ROUTE_LIMIT; i++)
      expect(outcome(await attempt(all[i % 3]!))).toBe('INVALID_CREDENTIALS');
    for (const server of all) expect(outcome(await attempt(server))).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect(outcome(await signIn(B, uniqueEmail('nobody')))).toBe('INVALID_CREDENTIALS');
  });

  it('mail queued on A, B and C arrives exactly once per message', async () => {
    const count = 12;
    const accounts = await Promise.all(
      Array.from({ length: count }, (_, i) => signUp(all[i % 3]!, 'outbox')),
    );
    // A password reset for each too, asked on another process than the sign-up.
    for (const [i, account] of accounts.entries()) {
      const asked = await call(all[(i + 1) % 3]!, 'POST', '/auth/forgot-password', {
        ip: clientIp(),
        body: { email: account.email },
      });
      expect(asked.status).toBe(202);
    }
    const mine = (to: string) => mailsTo(smtp, to);
    await waitUntil(
      () => accounts.every((a) => mine(a.email).length >= 2),
      'a verification and a reset mail for every account',
      20_000,
    );
    // Every queued row is finished, so nothing more can arrive: each message came exactly once.
    await waitUntil(
      async () => (await tableRows(databaseUrl, `${prefix}outbox`, "state = 'pending'")).length === 0,
      'an empty outbox',
      20_000,
    );
    for (const account of accounts) {
      const mails = mine(account.email);
      expect(mails.map((m) => m.subject).sort(), account.email).toHaveLength(2);
      expect(new Set(mails.map((m) => m.subject)).size).toBe(2);
    }
  });

  it('housekeeping run by three processes at once deletes each expired row exactly once', async () => {
    // Ended sessions and sent mail, aged past the retention period (30 days), many more than one
    // batch (500) so that the runs compete for batches.
    const account = await signUp(B, 'housekeeping');
    expect(
      (await call(B, 'POST', '/auth/sign-out', { ip: clientIp(), token: account.accessToken })).status,
    ).toBe(200);
    const old = Date.now() - 40 * 86_400_000;
    const copies = 1_100;
    const sessionColumns = await columnsOf(`${prefix}sessions`);
    const seeded = await execute(
      databaseUrl,
      `insert into ${prefix}sessions (${sessionColumns.join(', ')})
       select ${sessionColumns.map((c) => (c === 'id' ? `id || '_' || n` : c === 'revoked_at' ? `${old}` : c)).join(', ')}
       from ${prefix}sessions, generate_series(1, ${copies}) as n where user_id = $1`,
      [account.userId],
    );
    expect(seeded).toBe(copies);
    const outboxColumns = await columnsOf(`${prefix}outbox`);
    const sentMail = await tableRows(databaseUrl, `${prefix}outbox`, "state = 'sent' limit 1");
    expect(sentMail).toHaveLength(1);
    const seededMail = await execute(
      databaseUrl,
      `insert into ${prefix}outbox (${outboxColumns.join(', ')})
       select ${outboxColumns.map((c) => (c === 'id' ? `id || '_' || n` : c === 'sent_at' ? `${old}` : c)).join(', ')}
       from ${prefix}outbox, generate_series(1, ${copies}) as n where id = $1`,
      [sentMail[0]!.id],
    );
    expect(seededMail).toBe(copies);
    const before = {
      sessions: await countRows(`${prefix}sessions`, `revoked_at < ${old + 1}`),
      outbox: await countRows(`${prefix}outbox`, `state = 'sent' and sent_at < ${old + 1}`),
    };
    expect(before).toEqual({ sessions: copies, outbox: copies });

    const runs = await Promise.all(
      [0, 1, 2].map(() => runCli(['housekeeping'], { cwd: fleet.cwd, env: fleet.env })),
    );
    const reported = (label: RegExp) =>
      runs.map((run) => {
        expect(run.code, run.stderr).toBe(0);
        return Number(label.exec(run.stdout)?.[1]);
      });
    const sessionsDeleted = reported(/Ended sessions:\s+(\d+)/);
    const outboxDeleted = reported(/Sent or given-up outbox messages:\s+(\d+)/);
    // Every row deleted once: the three counts add up to what was there, and none is left.
    expect(sessionsDeleted.reduce((a, b) => a + b, 0)).toBe(copies);
    expect(outboxDeleted.reduce((a, b) => a + b, 0)).toBe(copies);
    expect(await countRows(`${prefix}sessions`, `revoked_at < ${old + 1}`)).toBe(0);
    expect(await countRows(`${prefix}outbox`, `state = 'sent' and sent_at < ${old + 1}`)).toBe(0);
    // What is not expired stays: the account's own (just ended) session and the fleet's live ones.
    expect(await countRows(`${prefix}sessions`, 'user_id = $1', [account.userId])).toBe(1);
  });

  it('a key rotated on the command line: its tokens verify on every process at once; an idle one signs with it within a minute', async () => {
    const before = await signUp(A, 'keys-before');
    const oldKid = readJwt(before.accessToken).header.kid;
    const rotated = await runCli(['keys', 'rotate'], { cwd: fleet.cwd, env: fleet.env });
    expect(rotated.code, rotated.stderr).toBe(0);
    const newKid = /New signing key (\S+) is active/.exec(rotated.stdout)?.[1];
    expect(newKid).toBeDefined();

    // A process started after the rotation (a rolling deploy) signs with the new key.
    const D = await fleet.add();
    const fresh = await signUp(D, 'keys-after');
    expect(readJwt(fresh.accessToken).header.kid).toBe(newKid);
    // A and B have never seen that key: a token naming it makes them reload (at most every 5 s).
    for (const server of [A, B]) {
      expect(await sessionStatus(server, fresh.accessToken)).toBe(200);
      expect(await jwksKids(server)).toEqual(expect.arrayContaining([oldKid, newKid]));
      // The old key's tokens stay valid until they expire.
      expect(await sessionStatus(server, before.accessToken)).toBe(200);
      // Having reloaded, they sign with the new key.
      const again = await signIn(server, fresh.email);
      expect(readJwt(again.body.accessToken).header.kid).toBe(newKid);
    }

    // C saw no token naming the new key. Its view of the keys is at most a minute old when it
    // signs or serves its JWKS (keyring.ts RELOAD_EVERY_MS), so within that bound it publishes
    // the new key and signs with it.
    // The deadline is that minute plus slack for a loaded machine; it is the bound under test.
    await waitUntil(async () => (await jwksKids(C)).includes(newKid!), 'C to publish the new key', 70_000);
    const onC = await signIn(C, fresh.email);
    expect(readJwt(onC.body.accessToken).header.kid).toBe(newKid);
    expect(await sessionStatus(C, before.accessToken)).toBe(200);
  }, 120_000);

  async function columnsOf(table: string): Promise<string[]> {
    const rows = await tableRows(
      databaseUrl,
      'information_schema.columns',
      'table_name = $1 order by ordinal_position',
      [table],
    );
    return rows.map((r) => r.column_name as string);
  }

  async function countRows(table: string, where: string, params: unknown[] = []): Promise<number> {
    return (await tableRows(databaseUrl, table, where, params)).length;
  }
});

describe('three processes sharing Redis counters', () => {
  const databaseUrl = inject('postgresUrl');
  const prefix = randomTablePrefix();
  let fleet: Fleet;
  let redis: Awaited<ReturnType<typeof startRedis>>;

  beforeAll(async () => {
    redis = await startRedis();
    fleet = await startFleet({
      databaseUrl,
      tablePrefix: prefix,
      toml: TOML,
      env: { GATEHOUSE_REDIS_URL: redis.url },
    });
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
    await redis?.stop();
  });

  it('failed sign-ins across the processes lock the account; one address hits the route limit in total', async () => {
    const all = fleet.servers;
    const account = await signUp(all[0]!, 'redis-lockout');
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) {
      const wrong = await call(all[i % 3]!, 'POST', '/auth/sign-in/email', {
        ip: clientIp(),
        body: { email: account.email, password: 'not the password at all' },
      });
      expect(outcome(wrong)).toBe('INVALID_CREDENTIALS');
    }
    for (const server of all) expect(outcome(await signIn(server, account.email))).toBe('RATE_LIMITED');

    const ip = clientIp();
    const attempt = (server: RunningServer) =>
      call(server, 'POST', '/auth/sign-in/email', {
        ip,
        body: { email: uniqueEmail('nobody'), password: 'not the password at all' },
      });
    for (let i = 0; i < ROUTE_LIMIT; i++)
      expect(outcome(await attempt(all[i % 3]!))).toBe('INVALID_CREDENTIALS');
    for (const server of all) expect(outcome(await attempt(server))).toBe('RATE_LIMITED');
  });

  it('the counters are in Redis, not in the database', async () => {
    // The test above counted failures and requests; none of them landed in these tables.
    expect(await tableRows(databaseUrl, `${prefix}rate_limits`)).toEqual([]);
    expect(await tableRows(databaseUrl, `${prefix}lockouts`)).toEqual([]);
  });
});
