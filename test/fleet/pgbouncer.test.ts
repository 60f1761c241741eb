/**
 * Gatehouse through PgBouncer in transaction pooling mode: each transaction (or lone statement)
 * may run on a different server connection, so nothing may rely on session state. The request
 * path relies on none — no session `SET`, no `LISTEN`, no named prepared statement, and its only
 * advisory lock is `pg_advisory_xact_lock` — so sign-up, sign-in, refresh, the atomic promises
 * (parallel refreshes, duplicate sign-ups) and the outbox all work, with two processes whose
 * pools (10 connections each) share three server connections.
 *
 * `gatehouse migrate` works through either entry: the migrations run in one transaction on one
 * connection, behind a transaction-scoped advisory lock, so a transaction pooler cannot split
 * the lock from the work (Kysely's own lock is session-level; it leaked through transaction
 * pooling before).
 *
 * This file runs its own PostgreSQL cluster, so a lock leaked here can never hold up the
 * migrations of other test files on the run's shared cluster.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../support/cli.js';
import { runCli, tempDir } from '../support/cli.js';
import { type PgBouncer, startPgBouncer } from '../support/pgbouncer.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgres.js';
import { mailsTo, type SmtpReceiver, startSmtpReceiver } from '../support/smtp.js';
import { randomTablePrefix } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';
import {
  call,
  clientIp,
  FLEET_SECRET,
  type Fleet,
  outcome,
  PASSWORD,
  startFleet,
  tableRows,
  uniqueEmail,
} from './fleet.js';

const SERVER_CONNECTIONS = 3;
/** Kysely's PostgreSQL migration lock (`pg_advisory_lock(3853314791062309107)`). */
const KYSELY_MIGRATION_LOCK = 3853314791062309107n;

/** Rows of a PgBouncer admin command (`SHOW …`). */
async function show(bouncer: PgBouncer, what: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: bouncer.adminUrl });
  await client.connect();
  try {
    return (await client.query(`show ${what}`)).rows;
  } finally {
    await client.end();
  }
}

describe('Gatehouse through PgBouncer in transaction mode', () => {
  const prefix = randomTablePrefix();
  let postgres: ThrowawayPostgres;
  let postgresUrl: string;
  let bouncer: PgBouncer;
  let smtp: SmtpReceiver;
  let fleet: Fleet;
  let A: RunningServer;
  let B: RunningServer;

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    postgresUrl = postgres.url;
    bouncer = await startPgBouncer(postgresUrl, { poolSize: SERVER_CONNECTIONS });
    smtp = await startSmtpReceiver();
    // Both servers reach PostgreSQL only through the transaction pooler; `gatehouse migrate`
    // through its session-mode entry.
    fleet = await startFleet({
      databaseUrl: bouncer.url,
      migrateUrl: bouncer.sessionUrl,
      tablePrefix: prefix,
      size: 2,
      toml: [`smtp_url = "${smtp.url}"`, 'trusted_proxies = ["127.0.0.1"]', 'notify_new_device = false'],
    });
    [A, B] = fleet.servers as [RunningServer, RunningServer];
  }, 120_000);

  afterAll(async () => {
    await fleet?.stop();
    await smtp?.stop();
    await bouncer?.stop();
    await postgres?.stop();
  });

  const migrateTwiceAtOnce = async (url: string) => {
    const cwd = tempDir('pgbouncer-migrate');
    const env = {
      GATEHOUSE_DATABASE_URL: url,
      GATEHOUSE_TABLE_PREFIX: randomTablePrefix(),
      GATEHOUSE_SECRET: FLEET_SECRET,
    };
    const runs = await Promise.all([runCli(['migrate'], { cwd, env }), runCli(['migrate'], { cwd, env })]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const status = await runCli(['migrate', '--status'], { cwd, env });
    expect(status.stdout).toMatch(/0001_initial\s+applied/);
    expect(status.stdout).not.toMatch(/pending/);
    // And the lock is free again: no server connection kept it.
    const held = await tableRows(postgresUrl, 'pg_locks', "locktype = 'advisory' and granted");
    expect(held.filter((l) => lockId(l) === KYSELY_MIGRATION_LOCK)).toEqual([]);
  };

  it('runs in transaction pooling mode', async () => {
    const config = await show(bouncer, 'config');
    expect(config.find((row) => row.key === 'pool_mode')?.value).toBe('transaction');
    expect((await call(A, 'GET', '/readyz', { ip: clientIp() })).status).toBe(200);
  });

  it('two migrations at once through the session-mode entry: both succeed, the lock is released', async () => {
    await migrateTwiceAtOnce(bouncer.sessionUrl);
  }, 120_000);

  // Through transaction pooling every statement may land on another server connection: the
  // migration lock must be transaction-scoped (src/store/kysely/migrator.ts). With Kysely's
  // session-level lock this failed: the lock was left granted to a pooled server connection after
  // both runs exited, and the next run waited on it.
  it('two migrations at once through transaction pooling, beside traffic: both succeed, the lock is released', async () => {
    let busy = true;
    const traffic = (async () => {
      while (busy) await Promise.all([A, B].map((server) => signUp(server, uniqueEmail('bouncer-busy'))));
    })();
    try {
      for (let round = 0; round < 3; round++) await migrateTwiceAtOnce(bouncer.url);
    } finally {
      busy = false;
      await traffic;
    }
  }, 300_000);

  /** The database's name: its transaction-mode entry in PgBouncer (the session one adds `_session`). */
  const database = () => new URL(postgresUrl).pathname.slice(1);
  const signUp = (server: RunningServer, email: string) =>
    call(server, 'POST', '/auth/sign-up/email', { ip: clientIp(), body: { email, password: PASSWORD } });
  const refresh = (server: RunningServer, refreshToken: string) =>
    call(server, 'POST', '/auth/refresh', { ip: clientIp(), body: { refreshToken } });

  it('sign-up, sign-in on the other process, refresh and the session check', async () => {
    const email = uniqueEmail('bouncer');
    const up = await signUp(A, email);
    expect(up.status).toBe(201);
    const signedIn = await call(B, 'POST', '/auth/sign-in/email', {
      ip: clientIp(),
      body: { email, password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    const refreshed = await refresh(A, signedIn.body.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(
      (await call(B, 'GET', '/auth/session', { ip: clientIp(), token: refreshed.body.accessToken })).status,
    ).toBe(200);
    expect(outcome(await refresh(B, signedIn.body.refreshToken))).toBe('REFRESH_TOKEN_REUSED');
  });

  it('parallel refreshes of one token: exactly one succeeds', async () => {
    for (let round = 0; round < 5; round++) {
      const up = await signUp(A, uniqueEmail('bouncer-race'));
      const replies = await Promise.all([
        refresh(A, up.body.refreshToken),
        refresh(B, up.body.refreshToken),
        refresh(A, up.body.refreshToken),
      ]);
      expect(
        replies.filter((r) => r.status === 200),
        JSON.stringify(replies.map(outcome)),
      ).toHaveLength(1);
    }
  });

  it('duplicate sign-ups at once: one account, the others USER_EXISTS', async () => {
    const email = uniqueEmail('bouncer-dup');
    const replies = await Promise.all([A, B, A, B].map((server) => signUp(server, email)));
    expect(replies.map(outcome).sort()).toEqual([201, 'USER_EXISTS', 'USER_EXISTS', 'USER_EXISTS']);
    expect(await tableRows(postgresUrl, `${prefix}users`, 'email = $1', [email])).toHaveLength(1);
  });

  it('many clients share three server connections; mail queued on both processes arrives once each', async () => {
    const emails = Array.from({ length: 16 }, () => uniqueEmail('bouncer-mail'));
    const replies = await Promise.all(emails.map((email, i) => signUp(i % 2 ? B : A, email)));
    expect(replies.map(outcome)).toEqual(emails.map(() => 201));
    // Both processes' pools opened more client connections than the pooler has server ones.
    const clients = (await show(bouncer, 'clients')).filter((c) => c.database === database());
    const servers = (await show(bouncer, 'servers')).filter((c) => c.database === database());
    expect(clients.length).toBeGreaterThan(SERVER_CONNECTIONS);
    expect(servers.length).toBeLessThanOrEqual(SERVER_CONNECTIONS);
    await waitUntil(
      () => emails.every((e) => mailsTo(smtp, e).length >= 1),
      'a mail to every address',
      20_000,
    );
    await waitUntil(
      async () => (await tableRows(postgresUrl, `${prefix}outbox`, "state = 'pending'")).length === 0,
      'an empty outbox',
      20_000,
    );
    for (const email of emails) expect(mailsTo(smtp, email)).toHaveLength(1);
  });
});

/** The 64-bit key of an advisory lock row of `pg_locks` (classid holds the high half, objid the low). */
function lockId(row: Record<string, unknown>): bigint {
  return (BigInt(row.classid as number) << 32n) | BigInt(row.objid as number);
}
