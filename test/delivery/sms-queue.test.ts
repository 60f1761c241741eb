/**
 * Text messages through the SMS queue, with the real outbox on SQLite and PostgreSQL and the real
 * Twilio transport against a local stand-in: a provider outage delays a code but delivers it
 * exactly once; the queued message is sealed at rest (the number and the code never reach the
 * database files in clear) and erased once sent or given up; a code that expires in the queue is
 * not sent late. Without the outbox, a message goes straight out and a failure is the caller's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { GatehouseError } from '../../src/core/errors.js';
import { type Logger, silentLogger } from '../../src/core/logger.js';
import { systemRandom } from '../../src/core/random.js';
import { isSealed, keySeal } from '../../src/crypto/key-seal.js';
import type { Mailer } from '../../src/delivery/mailer.js';
import type { SmsSender } from '../../src/delivery/sms/sms-sender.js';
import { twilioSms } from '../../src/delivery/sms/twilio-sms.js';
import { backoffMs, createOutboxSender, type OutboxSender } from '../../src/services/outbox/outbox-sender.js';
import { createSmsQueue } from '../../src/services/sms/sms-queue.js';
import { ERASED_PAYLOAD } from '../../src/store/kysely/outbox-store.js';
import type { Store } from '../../src/store/ports/store.js';
import { randomTablePrefix, storeKinds, type TestDatabase, testDatabase } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';
import { startTwilioStandIn, type TwilioStandIn, twilioError } from './twilio-stand-in.js';

const ACCOUNT_SID = 'AC00000000000000000000000000000009';
const SEAL = keySeal('sms-queue-test-secret-sms-queue-test-secret', systemRandom, { purpose: 'outbox-seal' });
const noMail: Mailer = {
  async send() {
    throw new Error('no mail expected');
  },
};
/** The queue's direct sender, for queues that must go through the outbox instead. */
const notDirectly: SmsSender = {
  async send() {
    throw new Error('sent directly although the outbox is on');
  },
};

let counter = 0;
/** A number and a code no other test uses, so finding either on disk means this message. */
function freshMessage() {
  counter++;
  const to = `+1415555${String(1000 + counter).padStart(4, '0')}`;
  const code = String(100000 + Math.floor(Math.random() * 900000));
  return { to, code, body: `Your Gatehouse code is ${code}. It expires in 5 minutes.` };
}

interface Row {
  id: string;
  kind: string;
  state: string;
  payload: string;
  attempts: number | string;
  last_error: string | null;
}

describe.each(storeKinds)('SMS through the outbox (%s)', (kind) => {
  let db: TestDatabase;
  let store: Store;
  let prefix: string;
  let twilio: TwilioStandIn;

  beforeAll(async () => {
    db = await testDatabase(kind);
    prefix = randomTablePrefix();
    store = await db.open({ tablePrefix: prefix });
    twilio = await startTwilioStandIn(ACCOUNT_SID);
  });
  afterAll(async () => {
    await twilio.stop();
    await db.cleanup();
  });

  const rows = async (): Promise<Row[]> => (await db.rows(`${prefix}outbox`)) as unknown as Row[];
  /** Runs `enqueue` and returns the id of the one row it added. */
  const added = async (enqueue: () => Promise<void>): Promise<string> => {
    const before = new Set((await rows()).map((r) => r.id));
    await enqueue();
    const fresh = (await rows()).filter((r) => !before.has(r.id));
    expect(fresh).toHaveLength(1);
    return fresh[0]!.id;
  };
  const row = async (id: string): Promise<Row | undefined> => (await rows()).find((r) => r.id === id);
  const requestsTo = (to: string) => twilio.requests.filter((r) => r.fields.To?.[0] === to);

  function outbox(clock: ManualClock, mailer: Mailer = noMail): OutboxSender {
    return createOutboxSender({
      outbox: store.outbox,
      mailer,
      sms: twilioSms({
        accountSid: ACCOUNT_SID,
        authToken: 'token',
        from: '+15005550006',
        baseUrl: twilio.url,
      }),
      clock,
      random: systemRandom,
      logger: silentLogger,
      seal: SEAL,
    });
  }

  it('delays a code through a provider outage, then delivers it exactly once', async () => {
    const clock = new ManualClock(Date.now());
    const sender = outbox(clock);
    const queue = createSmsQueue(notDirectly, sender, silentLogger);
    const message = freshMessage();
    twilio.answer(
      twilioError(503, 20503, 'Service Unavailable'),
      twilioError(503, 20503, 'Service Unavailable'),
    );

    const id = await added(() => queue.send({ to: message.to, body: message.body }));
    expect(await sender.drain()).toBe(0); // 503: rescheduled, not lost
    expect(await sender.drain()).toBe(0); // not due yet: backoff
    expect(requestsTo(message.to)).toHaveLength(1);
    clock.advance(backoffMs(1));
    expect(await sender.drain()).toBe(0); // 503 again
    clock.advance(backoffMs(2));
    expect(await sender.drain()).toBe(1); // the provider is back
    clock.advance(backoffMs(10));
    expect(await sender.drain()).toBe(0);

    const requests = requestsTo(message.to);
    expect(requests).toHaveLength(3);
    expect(requests.map((r) => r.fields.Body)).toEqual([[message.body], [message.body], [message.body]]);
    const sent = await row(id);
    expect(sent).toMatchObject({ kind: 'sms', state: 'sent', payload: ERASED_PAYLOAD });
    expect(Number(sent?.attempts)).toBe(3);
  });

  it('seals the queued message, and erases it once sent', async () => {
    const clock = new ManualClock(Date.now());
    const sender = outbox(clock);
    const queue = createSmsQueue(notDirectly, sender, silentLogger);
    const message = freshMessage();
    twilio.answer(twilioError(503, 20503, 'Service Unavailable'));

    const id = await added(() => queue.send({ to: message.to, body: message.body }));
    await sender.drain();
    const queued = await row(id);
    expect(queued?.state).toBe('pending');
    expect(isSealed(queued?.payload ?? '')).toBe(true);
    expect(queued?.payload).not.toContain(message.code);
    expect(queued?.payload).not.toContain(message.to.slice(1));
    expect(JSON.parse(SEAL.open(queued?.payload ?? ''))).toEqual({ to: message.to, body: message.body });

    if (kind === 'sqlite') {
      // Every byte SQLite wrote so far — the main file, the WAL and its index — holds neither the
      // code nor the number: the row was sealed before it was first written, not afterwards.
      const file = db.url.slice('sqlite:'.length);
      for (const path of [file, `${file}-wal`, `${file}-shm`].filter((p) => existsSync(p))) {
        const bytes = readFileSync(path);
        expect(bytes.includes(Buffer.from(message.code)), path).toBe(false);
        expect(bytes.includes(Buffer.from(message.to)), path).toBe(false);
      }
    }

    clock.advance(backoffMs(1));
    expect(await sender.drain()).toBe(1);
    expect(await row(id)).toMatchObject({ state: 'sent', payload: ERASED_PAYLOAD });
  });

  it('hands the message to a started sender at once', async () => {
    const sender = outbox(new ManualClock(Date.now()));
    sender.start();
    try {
      const message = freshMessage();
      await createSmsQueue(notDirectly, sender, silentLogger).send({ to: message.to, body: message.body });
      await waitUntil(() => requestsTo(message.to).length === 1, 'the message at the stand-in');
    } finally {
      await sender.stop();
    }
  });

  it('gives up on a refused number after one attempt, and erases it', async () => {
    const clock = new ManualClock(Date.now());
    const sender = outbox(clock);
    const message = freshMessage();
    twilio.answer(twilioError(400, 21211, `The 'To' number ${message.to} is not a valid phone number.`));
    const id = await added(() => sender.enqueueSms({ to: message.to, body: message.body }));
    expect(await sender.drain()).toBe(0);
    clock.advance(backoffMs(10));
    expect(await sender.drain()).toBe(0);
    expect(requestsTo(message.to)).toHaveLength(1);
    expect(await row(id)).toMatchObject({
      state: 'dead',
      payload: ERASED_PAYLOAD,
      last_error: 'Twilio 21211 (HTTP 400)',
    });
  });

  it('does not send a code that expired while the provider was down', async () => {
    const clock = new ManualClock(Date.now());
    const sender = outbox(clock);
    const message = freshMessage();
    twilio.answer(twilioError(503, 20503, 'Service Unavailable'));
    const id = await added(() =>
      sender.enqueueSms({ to: message.to, body: message.body, notAfter: clock.now() + 300_000 }),
    );
    expect(await sender.drain()).toBe(0);
    clock.advance(300_001);
    expect(await sender.drain()).toBe(0);
    expect(requestsTo(message.to)).toHaveLength(1); // the failed try; none after the expiry
    expect(await row(id)).toMatchObject({
      state: 'dead',
      payload: ERASED_PAYLOAD,
      last_error: 'expired before it could be sent',
    });
  });

  it('sends text messages in their own lane: a stuck mail server does not hold up a code', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    let mailStarted = false;
    const slowMailer: Mailer = {
      async send() {
        mailStarted = true;
        await stuck;
      },
    };
    const sender = outbox(new ManualClock(Date.now()), slowMailer);
    const message = freshMessage();
    await sender.enqueueMail({ to: 'held@example.com', subject: 's', text: 't', html: 'h' });
    await sender.enqueueSms({ to: message.to, body: message.body });
    const draining = sender.drain();
    try {
      await waitUntil(
        () => mailStarted && requestsTo(message.to).length === 1,
        'the code while the mail is stuck',
      );
    } finally {
      release();
    }
    expect(await draining).toBe(2);
  });

  it('gives up on SMS rows when no SMS sender is configured', async () => {
    const clock = new ManualClock(Date.now());
    const sender = createOutboxSender({
      outbox: store.outbox,
      mailer: noMail,
      clock,
      random: systemRandom,
      logger: silentLogger,
      seal: SEAL,
    });
    const message = freshMessage();
    const id = await added(() => sender.enqueueSms({ to: message.to, body: message.body }));
    expect(await sender.drain()).toBe(0);
    expect(await row(id)).toMatchObject({
      state: 'dead',
      payload: ERASED_PAYLOAD,
      last_error: 'no SMS sender configured',
    });
  });
});

describe('SMS sent directly (sms.outbox off)', () => {
  let twilio: TwilioStandIn;
  beforeAll(async () => {
    twilio = await startTwilioStandIn(ACCOUNT_SID);
  });
  afterAll(() => twilio.stop());

  const logged: Array<Record<string, unknown>> = [];
  const logger: Logger = {
    ...silentLogger,
    warn: (obj: Record<string, unknown> | string, msg?: string) => {
      logged.push(typeof obj === 'string' ? { msg: obj } : { ...obj, msg });
    },
  };
  const queue = () =>
    createSmsQueue(
      twilioSms({ accountSid: ACCOUNT_SID, authToken: 'token', from: '+15005550006', baseUrl: twilio.url }),
      null,
      logger,
    );

  it('sends at once', async () => {
    const message = freshMessage();
    await queue().send({ to: message.to, body: message.body });
    expect(twilio.requests.filter((r) => r.fields.To?.[0] === message.to)).toHaveLength(1);
  });

  it('turns a provider outage into 503 UNAVAILABLE, logging neither the number nor the code', async () => {
    const message = freshMessage();
    twilio.answer(twilioError(503, 20503, `Service Unavailable for ${message.to}`));
    const error = await queue()
      .send({ to: message.to, body: message.body })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatehouseError);
    expect((error as GatehouseError).code).toBe('UNAVAILABLE');
    const text = JSON.stringify(logged) + (error as Error).message;
    expect(text).toContain('Twilio 20503 (HTTP 503)');
    expect(text).not.toContain(message.code);
    expect(text).not.toContain(message.to.slice(1));
  });

  it('turns a number the provider refuses into 400 VALIDATION_ERROR on phone', async () => {
    const message = freshMessage();
    twilio.answer(twilioError(400, 21614, `'To' number ${message.to} is not a valid mobile number`));
    const error = await queue()
      .send({ to: message.to, body: message.body })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatehouseError);
    expect((error as GatehouseError).code).toBe('VALIDATION_ERROR');
    expect((error as GatehouseError).details.issues?.map((i) => i.path)).toEqual(['phone']);
    expect((error as Error).message).not.toContain(message.to.slice(1));
  });

  it('turns a refusal that is not the number’s fault into 503 UNAVAILABLE', async () => {
    const message = freshMessage();
    twilio.answer(twilioError(400, 21606, 'The From phone number is not a valid message-capable number'));
    const error = await queue()
      .send({ to: message.to, body: message.body })
      .catch((e: unknown) => e);
    expect((error as GatehouseError).code).toBe('UNAVAILABLE');
  });
});
