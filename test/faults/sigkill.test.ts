/**
 * `gatehouse serve` (the built dist/, a real process) killed with SIGKILL while sign-ups,
 * refreshes and address changes (requests and confirmations) are in flight, on a SQLite file and
 * on PostgreSQL, at several moments. After each kill the rows are read directly: no user without
 * its password credential, no session without its live refresh token nor a refresh token without
 * its session, no address-change link used without its change (nor the change made with its
 * link unused), no account without its verification link and mail (queued or delivered). Then a
 * server on the same database delivers every queued mail, once, to a real SMTP receiver.
 *
 * The row checks are shown to catch half-writes (first test): rows as a non-atomic write would
 * leave them are put in place by hand and every check names them.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemRandom } from '../../src/core/random.js';
import { keySeal } from '../../src/crypto/key-seal.js';
import { hashToken } from '../../src/crypto/opaque-token.js';
import { type RunningServer, startServer, tempDir } from '../support/cli.js';
import { call, succeeded } from '../support/faults.js';
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { randomTablePrefix } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const SECRET = 'sigkill-test-secret-sigkill-test-secret-sigkill';
const PASSWORD = 'correct horse battery staple';
const kinds = ['sqlite', 'postgres'] as const;
type Kind = (typeof kinds)[number];

/** Runs SQL on the database a server used, while no server runs on it. */
interface Rows {
  all(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string, params: unknown[]): Promise<void>;
}

function rowsOf(kind: Kind, url: string): Rows {
  if (kind === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    const open = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(file);
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      all: async (sql) => open((db) => db.prepare(sql).all() as Record<string, unknown>[]),
      run: async (sql, params) => {
        open((db) => db.prepare(sql).run(...params));
      },
    };
  }
  const withClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    all: (sql) => withClient(async (c) => (await c.query(sql)).rows),
    run: (sql, params) =>
      withClient(async (c) => {
        let n = 0;
        await c.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        );
      }),
  };
}

/** Drops the tables a test made in the run's shared PostgreSQL database (SQLite files go with their directory). */
async function dropTables(kind: Kind, url: string, prefix: string): Promise<void> {
  if (kind !== 'postgres') return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() and starts_with(table_name, $1)`,
      [prefix],
    );
    if (rows.length > 0)
      await client.query(`drop table ${rows.map((r) => `"${r.name}"`).join(', ')} cascade`);
  } finally {
    await client.end();
  }
}

const outboxSeal = keySeal(SECRET, systemRandom, { purpose: 'outbox-seal' });
const linkTokens = (text: string) => [...text.matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);

/**
 * The links in mails still waiting in the outbox (delivered ones are erased there), each with
 * whether a sender had claimed it: one killed then may have handed it to the receiver already.
 */
async function queuedLinks(db: Rows, p: string): Promise<Array<{ hash: string; claimed: boolean }>> {
  const rows = await db.all(
    `select payload, leased_until from ${p}outbox where kind = 'mail' and state = 'pending'`,
  );
  return rows.flatMap((row) =>
    linkTokens((JSON.parse(outboxSeal.open(String(row.payload))) as { text: string }).text).map((token) => ({
      hash: hashToken(token),
      claimed: row.leased_until !== null,
    })),
  );
}

/** Every broken promise the rows show, by check; empty lists when all is whole. */
async function halfWrites(db: Rows, p: string, smtp: SmtpReceiver): Promise<Record<string, unknown[]>> {
  const usersWithoutCredential = await db.all(
    `select u.id from ${p}users u where not exists
       (select 1 from ${p}credentials c where c.user_id = u.id and c.kind = 'password')`,
  );
  const sessionsWithoutLiveToken = await db.all(
    `select s.id from ${p}sessions s where s.revoked_at is null and
       (select count(*) from ${p}refresh_tokens r where r.session_id = s.id and r.spent_at is null) <> 1`,
  );
  const tokensWithoutSession = await db.all(
    `select r.token_hash from ${p}refresh_tokens r where not exists
       (select 1 from ${p}sessions s where s.id = r.session_id)`,
  );
  // Each account asks for one change in this test, so its link is used iff the change is applied.
  const halfUsedChangeLinks = await db.all(
    `select t.user_id, t.used_at from ${p}verification_tokens t join ${p}users u on u.id = t.user_id
      where t.purpose = 'change_email' and
        ((t.used_at is not null and u.email <> t.email) or (t.used_at is null and u.email = t.email))`,
  );
  const verifyTokens = await db.all(
    `select user_id, token_hash from ${p}verification_tokens where purpose = 'verify_email'`,
  );
  // A mail is queued (its link readable in the sealed row) or delivered (its row erased, and at
  // the receiver); a message with neither was never queued.
  const mailed = new Set((await queuedLinks(db, p)).map((link) => link.hash));
  for (const mail of smtp.messages)
    for (const token of linkTokens(mail.text ?? '')) mailed.add(hashToken(token));
  const users = await db.all(`select id from ${p}users`);
  const signUpsWithoutVerifyMail = users
    .map((u) => String(u.id))
    .filter((id) => !verifyTokens.some((t) => String(t.user_id) === id && mailed.has(String(t.token_hash))));
  return {
    usersWithoutCredential,
    sessionsWithoutLiveToken,
    tokensWithoutSession,
    halfUsedChangeLinks,
    signUpsWithoutVerifyMail,
  };
}

function serveEnv(url: string, prefix: string, smtp: SmtpReceiver): Record<string, string> {
  return {
    GATEHOUSE_DATABASE_URL: url,
    GATEHOUSE_TABLE_PREFIX: prefix,
    GATEHOUSE_SECRET: SECRET,
    GATEHOUSE_SMTP_URL: smtp.url,
    GATEHOUSE_LOG_LEVEL: 'fatal',
    GATEHOUSE_RATE_LIMITS: 'off',
  };
}

const email = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}@example.com`;

interface Account {
  readonly email: string;
  accessToken: string;
  refreshToken: string;
}

async function signUp(base: string, address: string): Promise<Account> {
  const up = await call(base, '/auth/sign-up/email', { body: { email: address, password: PASSWORD } });
  if (!succeeded(up.status)) throw new Error(`sign-up answered ${up.status} ${up.code ?? ''}`);
  return {
    email: address,
    accessToken: up.body?.accessToken as string,
    refreshToken: up.body?.refreshToken as string,
  };
}

type KillPoint = 'first confirmation answered' | 'first sign-up answered' | '300 ms in';

/**
 * One round: accounts with pending address changes, then sign-ups, refreshes, change requests
 * and confirmations all at once, and SIGKILL at `point`. Resolves with how many calls were
 * answered before the kill, by kind.
 */
async function killRound(
  server: RunningServer,
  smtp: SmtpReceiver,
  point: KillPoint,
): Promise<Record<string, number>> {
  const base = server.url;
  const changers: Account[] = [];
  const confirmations: string[] = [];
  for (let i = 0; i < 6; i++) {
    const account = await signUp(base, email('changer'));
    const to = email('moved');
    const asked = await call(base, '/auth/change-email', {
      bearer: account.accessToken,
      body: { newEmail: to, password: PASSWORD },
    });
    expect(asked.status).toBe(202);
    const mail = await waitForMail(smtp, to, /confirm-email-change\?token=/, 1, 15_000);
    confirmations.push(linkTokens(mail.text ?? '')[0]!);
    changers.push(account);
  }
  const askers: Account[] = [];
  for (let i = 0; i < 3; i++) askers.push(await signUp(base, email('asker')));

  const answered: Record<string, number> = {};
  let killed = false;
  let kill: () => void = () => {};
  const killedNow = new Promise<void>((resolve) => {
    kill = () => {
      if (killed) return;
      killed = true;
      server.child.kill('SIGKILL');
      resolve();
    };
  });
  const note = (what: string) => {
    if (killed) return;
    answered[what] = (answered[what] ?? 0) + 1;
    if (point === 'first confirmation answered' && what === 'confirm') kill();
    if (point === 'first sign-up answered' && what === 'sign-up') kill();
  };
  const quietly = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
      note(what);
    } catch {
      // The kill cuts calls off; what they left behind is what the rows are checked for.
    }
  };
  const loop = async (what: string, work: () => Promise<unknown>) => {
    while (!killed) await quietly(what, work);
  };
  const workers = [
    ...Array.from({ length: 4 }, () => loop('sign-up', () => signUp(base, email('new')))),
    ...changers.map((account) =>
      loop('refresh', async () => {
        const r = await call(base, '/auth/refresh', { body: { refreshToken: account.refreshToken } });
        if (succeeded(r.status)) account.refreshToken = r.body?.refreshToken as string;
      }),
    ),
    ...confirmations.map((token, i) =>
      quietly('confirm', async () => {
        // Staggered a little, so the kill finds them at different steps.
        await new Promise((r) => setTimeout(r, i * 7));
        await call(base, '/auth/confirm-email-change', { body: { token } });
      }),
    ),
    ...askers.map((account) =>
      quietly('change request', () =>
        call(base, '/auth/change-email', {
          bearer: account.accessToken,
          body: { newEmail: email('asked'), password: PASSWORD },
        }),
      ),
    ),
  ];
  if (point === '300 ms in') setTimeout(kill, 300);
  // Whatever the kill point, the round ends: at worst once the one-shot calls are all done.
  void Promise.all(workers.slice(4 + changers.length)).then(() => setTimeout(kill, 50));
  await killedNow;
  await server.stop();
  await Promise.all(workers);
  return answered;
}

describe('the row checks see half-writes', () => {
  it.each(kinds)(
    '%s: each check names rows a non-atomic write would leave',
    async (kind) => {
      const dir = tempDir('halfwrite');
      const url = kind === 'sqlite' ? `sqlite:${join(dir, 'gatehouse.db')}` : inject('postgresUrl');
      const prefix = randomTablePrefix();
      const smtp = await startSmtpReceiver();
      try {
        const server = await startServer(['--migrate'], { cwd: dir, env: serveEnv(url, prefix, smtp) });
        const account = await signUp(server.url, email('whole'));
        const moved = email('moved');
        await call(server.url, '/auth/change-email', {
          bearer: account.accessToken,
          body: { newEmail: moved, password: PASSWORD },
        });
        await waitForMail(smtp, moved, /confirm-email-change/, 1, 15_000);
        await server.stop();
        const db = rowsOf(kind, url);
        expect(Object.values(await halfWrites(db, prefix, smtp)).flat()).toEqual([]);

        // What a kill between two separate writes would leave, one of each.
        const now = Date.now();
        await db.run(
          `insert into ${prefix}users (id, email, email_verified, status, created_at, updated_at) values (?, ?, ?, 'active', ?, ?)`,
          ['usr_half', 'half@example.com', kind === 'sqlite' ? 0 : false, now, now],
        );
        const [session] = await db.all(`select id, user_id from ${prefix}sessions`);
        await db.run(`update ${prefix}refresh_tokens set spent_at = ? where session_id = ?`, [
          now,
          session!.id,
        ]);
        await db
          .run(`insert into ${prefix}refresh_tokens (token_hash, session_id, created_at) values (?, ?, ?)`, [
            'orphan',
            'ses_gone',
            now,
          ])
          .catch(() => {
            // A foreign key refuses an orphan outright: that promise then holds by construction.
          });
        await db.run(`update ${prefix}verification_tokens set used_at = ? where purpose = 'change_email'`, [
          now,
        ]);

        const found = await halfWrites(db, prefix, smtp);
        expect(found.usersWithoutCredential).toEqual([{ id: 'usr_half' }]);
        expect(found.sessionsWithoutLiveToken).toEqual([{ id: session!.id }]);
        expect(found.halfUsedChangeLinks).toHaveLength(1);
        expect(found.signUpsWithoutVerifyMail).toEqual(['usr_half']);
      } finally {
        await smtp.stop();
        await dropTables(kind, url, prefix);
      }
    },
    120_000,
  );
});

describe.each(kinds)('SIGKILL in the middle of the work (%s)', (kind) => {
  let smtp: SmtpReceiver;
  const dir = tempDir('sigkill');
  const url = () => (kind === 'sqlite' ? `sqlite:${join(dir, 'gatehouse.db')}` : inject('postgresUrl'));
  const prefix = randomTablePrefix();
  const start = (migrate = false) =>
    startServer(migrate ? ['--migrate'] : [], { cwd: dir, env: serveEnv(url(), prefix, smtp) });

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp?.stop();
    await dropTables(kind, url(), prefix);
  });

  it('leaves nothing half-done, and a restarted server delivers every queued mail once', async () => {
    const db = rowsOf(kind, url());
    const seen: Record<string, unknown[]> = {};
    const points: KillPoint[] = ['first confirmation answered', 'first sign-up answered', '300 ms in'];
    let first = true;
    for (const point of points) {
      const server = await start(first);
      first = false;
      const answered = await killRound(server, smtp, point);
      const found = await halfWrites(db, prefix, smtp);
      const counts = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length]));
      console.info(
        `[${kind}] killed at "${point}" after ${JSON.stringify(answered)}: ${JSON.stringify(counts)}`,
      );
      // A row left by an earlier round is still there: count it once.
      for (const [check, rows] of Object.entries(found)) {
        const known = new Set((seen[check] ?? []).map((row) => JSON.stringify(row)));
        seen[check] = [...(seen[check] ?? []), ...rows.filter((row) => !known.has(JSON.stringify(row)))];
      }
    }

    // Restarted on the same database, the server sends what was queued; leases held by a killed
    // process run out first (a minute).
    const waiting = await queuedLinks(db, prefix);
    const server = await start();
    try {
      await waitUntil(
        async () =>
          (await db.all(`select state from ${prefix}outbox where kind = 'mail'`)).every(
            (row) => row.state !== 'pending',
          ),
        'every queued mail to be sent',
        120_000,
      );
    } finally {
      await server.stop();
    }
    const mailsWith = new Map<string, number>();
    for (const mail of smtp.messages)
      for (const hash of new Set(linkTokens(mail.text ?? '').map(hashToken)))
        mailsWith.set(hash, (mailsWith.get(hash) ?? 0) + 1);
    const states = await db.all(`select state from ${prefix}outbox where kind = 'mail'`);
    console.info(
      `[${kind}] outbox: ${states.length} mails, ${waiting.length} links waiting at the restart; ` +
        `${smtp.messages.length} mails received`,
    );
    expect(states.filter((row) => row.state !== 'sent')).toEqual([]);
    // Nothing queued is lost, and only a mail a killed sender had in hand may arrive twice: SMTP
    // cannot take a message back, so that one is at-least-once.
    const times = (hash: string) => mailsWith.get(hash) ?? 0;
    const twice = waiting.filter((link) => link.claimed && times(link.hash) === 2);
    console.info(`[${kind}] mails delivered twice after the kill (claimed when killed): ${twice.length}`);
    expect(waiting.filter((link) => times(link.hash) === 0)).toEqual([]);
    expect(waiting.filter((link) => times(link.hash) > (link.claimed ? 2 : 1))).toEqual([]);
    const queuedHashes = new Set(waiting.map((link) => link.hash));
    expect([...mailsWith].filter(([hash, n]) => n > 1 && !queuedHashes.has(hash))).toEqual([]);
    expect(seen).toEqual({
      usersWithoutCredential: [],
      sessionsWithoutLiveToken: [],
      tokensWithoutSession: [],
      halfUsedChangeLinks: [],
      signUpsWithoutVerifyMail: [],
    });
  }, 400_000);
});
