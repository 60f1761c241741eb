/**
 * SMTP down while mail is queued (sign-up verification, password reset, email change): requests
 * answer as usual, the outbox retries, and once the receiver is back on the same port every mail
 * arrives exactly once, with links that work.
 *
 * The issue speaks of an outage "for minutes". The sender's backoff (5 s, 10 s, 20 s … capped at
 * an hour) is fixed, so:
 * - against a real `gatehouse serve` the outage spans two failed rounds per mail (about 15 s),
 *   once with the port closed and once with a server answering 421;
 * - on an embedded instance with a manual clock, the outage spans every round up to the last
 *   attempt (9 failures, about 42 minutes of backoff in real time), and one more outage shows
 *   what happens after the last attempt. The retry logic is the same code either way; only the
 *   clock differs.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { backoffMs } from '../../src/services/outbox/outbox-sender.js';
import { startServer, tempDir } from '../support/cli.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp.js';
import { waitUntil } from '../support/wait.js';

const BASE_URL = 'https://app.example';
const MAX_ATTEMPTS = 10; // the sender's default

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** A server on `port` that greets every connection with 421 (a temporary refusal), counting them. */
async function refusingServer(port: number): Promise<{ connections(): number; stop(): Promise<void> }> {
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a mail is, by the link it carries. */
function kindOf(mail: ParsedMail): string {
  const m =
    /https?:\/\/\S+?\/(verify-email|reset-password|confirm-email-change|cancel-email-change)\?token=/.exec(
      mail.text ?? '',
    );
  return m?.[1] ?? 'other';
}

const recipient = (mail: ParsedMail) => (mail.to as { text: string }).text;

/** Every delivered mail as "recipient kind", sorted. */
const delivered = (smtp: SmtpReceiver) => smtp.messages.map((m) => `${recipient(m)} ${kindOf(m)}`).sort();

function tokenIn(smtp: SmtpReceiver, to: string, kind: string): string {
  const mail = smtp.messages.find((m) => recipient(m) === to && kindOf(m) === kind);
  const token = /\?token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no ${kind} link mailed to ${to}`);
  return token;
}

interface Flows {
  /** Each request's status, in order. */
  readonly statuses: number[];
  /** The mails the flows queue, as "recipient kind", sorted. */
  readonly expected: string[];
  /** Uses one link of each kind; resolves with each answer's status. */
  useLinks(smtp: SmtpReceiver): Promise<number[]>;
}

type Call = (
  method: string,
  path: string,
  body: unknown,
  token?: string,
  // biome-ignore lint/suspicious/noExplicitAny: test replies are read loosely on purpose
) => Promise<{ status: number; body: any }>;

/** Sign-ups, a password reset and an email change, while mail cannot leave. */
async function queueMailFlows(call: Call, tag: string): Promise<Flows> {
  const [a, b, c] = [uniqueEmail(`${tag}-a`), uniqueEmail(`${tag}-b`), uniqueEmail(`${tag}-c`)];
  const moved = uniqueEmail(`${tag}-b-new`);
  const statuses: number[] = [];
  const signUps = [];
  for (const email of [a, b, c]) {
    const reply = await call('POST', '/auth/sign-up/email', { email, password: PASSWORD });
    statuses.push(reply.status);
    signUps.push(reply.body);
  }
  statuses.push((await call('POST', '/auth/forgot-password', { email: a })).status);
  statuses.push(
    (
      await call(
        'POST',
        '/auth/change-email',
        { newEmail: moved, password: PASSWORD },
        signUps[1].accessToken,
      )
    ).status,
  );
  return {
    statuses,
    expected: [
      `${a} verify-email`,
      `${a} reset-password`,
      `${b} verify-email`,
      `${b} cancel-email-change`,
      `${moved} confirm-email-change`,
      `${c} verify-email`,
    ].sort(),
    async useLinks(smtp) {
      return [
        (await call('POST', '/auth/verify-email', { token: tokenIn(smtp, a, 'verify-email') })).status,
        (await call('POST', '/auth/verify-email', { token: tokenIn(smtp, c, 'verify-email') })).status,
        (
          await call('POST', '/auth/reset-password', {
            token: tokenIn(smtp, a, 'reset-password'),
            password: 'a brand new passphrase',
          })
        ).status,
        (
          await call('POST', '/auth/confirm-email-change', {
            token: tokenIn(smtp, moved, 'confirm-email-change'),
          })
        ).status,
      ];
    },
  };
}

interface OutboxRow {
  state: string;
  attempts: number;
  leased_until: number | null;
  kind: string;
}

describe('SMTP outage under `gatehouse serve`', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  });

  /**
   * Starts a server whose SMTP port is in `outage`'s hands, queues the flows, waits until every
   * mail has failed twice, ends the outage, and checks what arrived.
   */
  async function survive(tag: string, outage: (port: number) => Promise<() => Promise<void>>) {
    const port = await freePort();
    const endOutage = await outage(port);
    const cwd = tempDir(`smtp-${tag}`);
    const server = await startServer([], {
      cwd,
      env: {
        GATEHOUSE_SMTP_URL: `smtp://127.0.0.1:${port}`,
        GATEHOUSE_BASE_URL: BASE_URL,
        // One client address sends everything here; the limits have their own suites.
        GATEHOUSE_RATE_LIMITS: 'off',
      },
    });
    cleanup.push(() => server.stop());
    const call: Call = async (method, path, body, token) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    };

    const flows = await queueMailFlows(call, tag);
    // Mail being down is no reason to fail a request.
    expect(flows.statuses).toEqual([201, 201, 201, 202, 202]);

    const db = new Database(join(cwd, 'gatehouse.db'), { readonly: true, fileMustExist: true });
    cleanup.push(async () => db.close());
    const mailRows = () =>
      db
        .prepare("SELECT state, attempts, leased_until, kind FROM gh_outbox WHERE kind = 'mail'")
        .all() as OutboxRow[];
    // Two failed rounds for every mail: attempted, failed, released for a later retry — twice.
    await waitUntil(
      () => {
        const rows = mailRows();
        return (
          rows.length === flows.expected.length &&
          rows.every((r) => r.state === 'pending' && r.attempts >= 2 && r.leased_until === null)
        );
      },
      'every mail to fail two rounds',
      40_000,
    );

    await endOutage();
    const smtp = await startSmtpReceiver(port);
    cleanup.push(() => smtp.stop());
    await waitUntil(() => mailRows().every((r) => r.state !== 'pending'), 'every mail to be sent', 40_000);
    // Nothing was given up, and all of it was sent, after the outage.
    const rows = mailRows();
    expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'sent'));
    expect(Math.min(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(3);
    // Every row is sent, so nothing more will leave: what arrived is all that ever will.
    expect(delivered(smtp)).toEqual(flows.expected);
    expect(await flows.useLinks(smtp)).toEqual([200, 200, 200, 200]);
    return server;
  }

  it.concurrent('port closed for several rounds: every mail arrives once, links work', async () => {
    await survive('closed', async () => async () => {});
  }, 120_000);

  it.concurrent('server answering 421 for several rounds: every mail arrives once, links work', async () => {
    let refusing: Awaited<ReturnType<typeof refusingServer>> | undefined;
    await survive('421', async (port) => {
      refusing = await refusingServer(port);
      return async () => {
        // Each mail's two failed rounds reached the server and were turned away with 421.
        expect(refusing?.connections()).toBeGreaterThanOrEqual(12);
        await refusing?.stop();
      };
    });
  }, 120_000);
});

describe('SMTP outage on an embedded instance, every retry round (manual clock)', () => {
  let t: TestGatehouse | undefined;
  let smtp: SmtpReceiver | undefined;
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const call =
    (g: TestGatehouse): Call =>
    (method, path, body, token) =>
      g.request(method, path, { body, ...(token ? { token } : {}) });

  async function mailRows(g: TestGatehouse) {
    return (await g.db.rows(`${g.tablePrefix}outbox`)).filter(
      (r) => r.kind === 'mail',
    ) as unknown as OutboxRow[];
  }

  /**
   * Runs `rounds` failing rounds: each waits for every mail's attempt to fail, then moves the
   * clock past its backoff. The clock stays short of the next round after the last one, so the
   * test decides what the receiver is when that round comes.
   */
  async function failRounds(g: TestGatehouse, rounds: number, count: number): Promise<void> {
    for (let attempt = 1; attempt <= rounds; attempt++) {
      if (attempt > 1) g.clock.advance(backoffMs(attempt - 1));
      await g.gatehouse.settled();
      await waitUntil(async () => {
        const rows = await mailRows(g);
        return rows.length === count && rows.every((r) => r.attempts === attempt && r.leased_until === null);
      }, `every mail to fail attempt ${attempt}`);
    }
  }

  it('keeps every mail through max-1 failed attempts, then delivers each exactly once', async () => {
    const port = await freePort();
    t = await openGatehouse(
      'sqlite',
      { baseUrl: BASE_URL },
      { mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'Gatehouse <no-reply@app.example>') },
    );
    const flows = await queueMailFlows(call(t), 'embedded');
    expect(flows.statuses).toEqual([201, 201, 201, 202, 202]);

    await failRounds(t, MAX_ATTEMPTS - 1, flows.expected.length);
    const rows = await mailRows(t);
    expect(rows.map((r) => r.state)).toEqual(rows.map(() => 'pending'));

    smtp = await startSmtpReceiver(port);
    t.clock.advance(backoffMs(MAX_ATTEMPTS - 1));
    await t.gatehouse.settled();
    await waitUntil(async () => (await mailRows(t!)).every((r) => r.state === 'sent'), 'every mail sent');
    expect(delivered(smtp)).toEqual(flows.expected);
    expect(await flows.useLinks(smtp)).toEqual([200, 200, 200, 200]);
  }, 60_000);

  it('after the last attempt fails, a mail is given up: dead, its body erased, never sent later', async () => {
    const port = await freePort();
    const g = await openGatehouse(
      'sqlite',
      { baseUrl: BASE_URL },
      { mailer: smtpMailer(`smtp://127.0.0.1:${port}`, 'Gatehouse <no-reply@app.example>') },
    );
    const late = await startSmtpReceiverLater(port);
    try {
      const email = uniqueEmail('given-up');
      await g.signUp(email);
      await failRounds(g, MAX_ATTEMPTS, 1);
      await waitUntil(
        async () => (await g.db.rows(`${g.tablePrefix}outbox`))[0]?.state === 'dead',
        'given up',
      );
      const [row] = await g.db.rows(`${g.tablePrefix}outbox`);
      expect(row).toMatchObject({ state: 'dead', attempts: MAX_ATTEMPTS, payload: '{"erased":true}' });

      const receiver = await late.start();
      g.clock.advance(86_400_000);
      await g.gatehouse.settled();
      expect(receiver.messages).toEqual([]);
      // Asking again queues a new mail, which goes out at once.
      expect((await g.request('POST', '/auth/resend-verification', { body: { email } })).status).toBe(202);
      await receiver.waitFor(1);
      expect(receiver.messages.map((m) => `${recipient(m)} ${kindOf(m)}`)).toEqual([`${email} verify-email`]);
    } finally {
      await g.close();
      await late.stop();
    }
  }, 60_000);
});

/** A receiver for `port` that the test starts when it chooses. */
async function startSmtpReceiverLater(port: number) {
  let receiver: SmtpReceiver | undefined;
  return {
    async start() {
      receiver = await startSmtpReceiver(port);
      return receiver;
    },
    stop: async () => receiver?.stop(),
  };
}
