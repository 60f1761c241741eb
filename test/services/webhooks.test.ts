/**
 * Webhooks through the outbox, on SQLite and PostgreSQL, to a real HTTP receiver on loopback:
 * signed bodies that match the audit log, retries with backoff, the `events` filter, 410 as a
 * permanent refusal, and no secret in the outbox table. Then the receiver's helper,
 * `verifyWebhookSignature`, and the deliverer's error messages on their own.
 */

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Settings } from '../../src/core/config.js';
import { silentLogger } from '../../src/core/logger.js';
import { systemRandom } from '../../src/core/random.js';
import { keySeal } from '../../src/crypto/key-seal.js';
import { verifyWebhookSignature } from '../../src/index.js';
import { backoffMs, createOutboxSender } from '../../src/services/outbox/outbox-sender.js';
import { createWebhookDeliverer } from '../../src/services/webhooks/deliver-webhook.js';
import { signWebhook } from '../../src/services/webhooks/signature.js';
import {
  openGatehouse,
  PASSWORD,
  TEST_SECRET,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { everyStoreKind } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const SECRET = 'whsec-test-0123456789abcdef-never-stored';
/** The instance's own seal for queued mail, so a second sender on its outbox can open its rows. */
const outboxSeal = keySeal(TEST_SECRET, systemRandom, { purpose: 'outbox-seal' });
const OTHER_SECRET = 'whsec-other-0123456789abcdef-never-stored';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Statuses to answer with, in order; 200 once they run out. */
  readonly statuses: number[];
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function startReceiver(statuses: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    statuses,
    async waitFor(count, timeoutMs = 5000) {
      await waitUntil(() => received.length >= count, `${count} webhook request(s)`, timeoutMs);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface OutboxRow {
  id: string;
  kind: string;
  payload: string;
  state: string;
  attempts: number;
  last_error: string | null;
}

/** Every row of this instance's outbox table, read with SQL rather than through the store. */
async function outboxRows(t: TestGatehouse, marker: string): Promise<OutboxRow[]> {
  const rows = (await t.db.rows(`${t.tablePrefix}outbox`)) as unknown as OutboxRow[];
  if (!rows.some((r) => r.payload.includes(marker))) throw new Error(`no outbox row holds ${marker}`);
  return rows;
}

const webhookRows = async (t: TestGatehouse, eventId: string) =>
  (await outboxRows(t, eventId)).filter((r) => r.kind === 'webhook' && r.payload.includes(eventId));

function parseSignature(header: string | string[] | undefined): { t: number; v1: string } {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  if (!match) throw new Error(`malformed signature header: ${String(header)}`);
  return { t: Number(match[1]), v1: match[2]! };
}

describe.each(everyStoreKind)('webhooks (%s)', (kind) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(webhooks: Settings['webhooks']): Promise<TestGatehouse> {
    const t = await openGatehouse(kind, { webhooks });
    cleanups.push(() => t.close());
    return t;
  }
  async function receiver(statuses: number[] = []): Promise<Receiver> {
    const r = await startReceiver(statuses);
    cleanups.push(() => r.stop());
    return r;
  }
  /** A second sender on the same database, as another process would run: drains on demand. */
  const drainer = (t: TestGatehouse) =>
    createOutboxSender({
      outbox: t.store.outbox,
      mailer: { send: async () => {} },
      webhooks: createWebhookDeliverer({ webhooks: t.gatehouse.settings.webhooks, clock: t.clock }),
      clock: t.clock,
      random: systemRandom,
      logger: silentLogger,
      seal: outboxSeal,
    });

  async function signUp(t: TestGatehouse) {
    const reply = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail('hook'), password: PASSWORD },
      headers: { 'user-agent': 'webhook-test/1' },
      ip: '198.51.100.7',
    });
    expect(reply.status).toBe(201);
    const audit = await t.gatehouse.listAuditEvents({ userId: reply.body.user.id, type: 'user.created' });
    return { user: reply.body.user, session: reply.body.session, eventId: audit.items[0]!.id, audit };
  }

  it('POSTs user.created, signed, with the audit record’s id, as soon as it happens', async () => {
    const hook = await receiver();
    // Only the account's own event: a sign-up also announces its first membership.
    const t = await setup([{ url: hook.url, secret: SECRET, events: ['user.created'] }]);
    const { user, session, eventId, audit } = await signUp(t);
    await hook.waitFor(1);
    // The receiver has the request before the sender has recorded its 200: wait for the record.
    await waitUntil(async () => (await webhookRows(t, eventId))[0]?.state === 'sent', 'the row marked sent');

    const [request] = hook.received;
    const { headers, body } = request!;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('Gatehouse-Webhooks/1');
    expect(headers['gatehouse-event-type']).toBe('user.created');
    expect(headers['gatehouse-event-id']).toBe(eventId);

    // The documented recipe, by hand: HMAC-SHA256(secret, "<t>.<raw body>") in hex.
    const signature = parseSignature(headers['gatehouse-signature']);
    expect(signature.v1).toBe(createHmac('sha256', SECRET).update(`${signature.t}.${body}`).digest('hex'));
    expect(signature.t).toBe(Math.floor(t.clock.now() / 1000));
    expect(
      verifyWebhookSignature(body, headers['gatehouse-signature'], SECRET, { now: t.clock.now() }),
    ).toEqual({ ok: true, timestamp: signature.t });

    const event = JSON.parse(body);
    const record = audit.items[0]!;
    expect(event).toEqual({
      id: eventId,
      type: 'user.created',
      at: record.at,
      occurredAt: new Date(record.at).toISOString(),
      outcome: 'success',
      userId: user.id,
      sessionId: session.id,
      ip: '198.51.100.7',
      userAgent: 'webhook-test/1',
      data: { method: 'password', appId: DEFAULT_APP_ID },
    });

    const rows = await webhookRows(t, eventId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'sent', attempts: 1, last_error: null });
    expect(Object.keys(JSON.parse(rows[0]!.payload)).sort()).toEqual(['body', 'eventId', 'type', 'url']);
    expect(JSON.stringify(await outboxRows(t, eventId))).not.toContain(SECRET);
  });

  it('retries a 500 after the backoff and then delivers the event exactly once', async () => {
    const hook = await receiver([500]);
    // Only the account's own event: a sign-up also announces its first membership.
    const t = await setup([{ url: hook.url, secret: SECRET, events: ['user.created'] }]);
    const { eventId } = await signUp(t);
    await hook.waitFor(1);
    await waitUntil(
      async () => (await webhookRows(t, eventId))[0]?.last_error === 'HTTP 500',
      'the failure to be recorded',
    );
    const [failed] = await webhookRows(t, eventId);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1 });

    const sender = drainer(t);
    await sender.drain(); // not due yet
    expect(hook.received).toHaveLength(1);
    t.clock.advance(backoffMs(1));
    await sender.drain();
    await hook.waitFor(2);
    await waitUntil(async () => (await webhookRows(t, eventId))[0]?.state === 'sent', 'sent');
    expect((await webhookRows(t, eventId))[0]).toMatchObject({ attempts: 2 });

    const [first, second] = hook.received;
    // Same event, same bytes; a fresh signature for the later time.
    expect(second!.body).toBe(first!.body);
    expect(second!.headers['gatehouse-event-id']).toBe(eventId);
    expect(parseSignature(second!.headers['gatehouse-signature']).t).toBe(Math.floor(t.clock.now() / 1000));
    expect(
      verifyWebhookSignature(second!.body, second!.headers['gatehouse-signature'], SECRET, {
        now: t.clock.now(),
      }).ok,
    ).toBe(true);

    t.clock.advance(backoffMs(10));
    expect(await sender.drain()).toBe(0);
    expect(hook.received).toHaveLength(2);
    expect(JSON.stringify(await outboxRows(t, eventId))).not.toContain(SECRET);
  });

  it('sends only the listed event types to a webhook with `events`', async () => {
    const created = await receiver();
    const signedIn = await receiver();
    const t = await setup([
      { url: created.url, secret: SECRET, events: ['user.created'] },
      { url: signedIn.url, secret: OTHER_SECRET, events: ['user.signed_in'] },
    ]);
    const email = uniqueEmail('filter');
    const up = await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } });
    await t.request('POST', '/auth/sign-in/email', { body: { email, password: 'not the password 123' } });
    await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    await created.waitFor(1);
    await signedIn.waitFor(1);
    await drainer(t).drain();

    expect(created.received.map((r) => r.headers['gatehouse-event-type'])).toEqual(['user.created']);
    expect(signedIn.received.map((r) => r.headers['gatehouse-event-type'])).toEqual(['user.signed_in']);
    // Each receiver's signature uses its own secret.
    const [toSignedIn] = signedIn.received;
    expect(
      verifyWebhookSignature(toSignedIn!.body, toSignedIn!.headers['gatehouse-signature'], OTHER_SECRET, {
        now: t.clock.now(),
      }).ok,
    ).toBe(true);

    const page = await t.gatehouse.listAuditEvents({ userId: up.body.user.id });
    expect(page.items.map((e) => e.type)).toEqual([
      'user.signed_in',
      'user.sign_in_failed',
      'membership.created',
      'user.created',
    ]);
    const rows = await outboxRows(t, page.items[0]!.id);
    expect(rows.filter((r) => r.kind === 'webhook')).toHaveLength(2);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(OTHER_SECRET);
  });

  it('gives up at once on 410 Gone', async () => {
    const hook = await receiver([410]);
    // Only the account's own event: a sign-up also announces its first membership.
    const t = await setup([{ url: hook.url, secret: SECRET, events: ['user.created'] }]);
    const { eventId } = await signUp(t);
    await hook.waitFor(1);
    await waitUntil(async () => (await webhookRows(t, eventId))[0]?.state === 'dead', 'given up');
    expect((await webhookRows(t, eventId))[0]).toMatchObject({
      attempts: 1,
      last_error: expect.stringContaining('410'),
    });
    t.clock.advance(backoffMs(10));
    expect(await drainer(t).drain()).toBe(0);
    expect(hook.received).toHaveLength(1);
  });

  it('gives up on a row whose URL is no longer configured (the secret is never in the row)', async () => {
    const hook = await receiver([503]);
    // Only the account's own event: a sign-up also announces its first membership.
    const t = await setup([{ url: hook.url, secret: SECRET, events: ['user.created'] }]);
    const { eventId } = await signUp(t);
    await hook.waitFor(1);
    await waitUntil(async () => (await webhookRows(t, eventId))[0]?.attempts === 1, 'first attempt');
    // A restart with the webhook removed: the pending row has nothing to sign with.
    const reconfigured = createOutboxSender({
      outbox: t.store.outbox,
      mailer: { send: async () => {} },
      webhooks: createWebhookDeliverer({ webhooks: [], clock: t.clock }),
      clock: t.clock,
      random: systemRandom,
      logger: silentLogger,
      seal: outboxSeal,
    });
    t.clock.advance(backoffMs(1));
    await reconfigured.drain();
    await waitUntil(async () => (await webhookRows(t, eventId))[0]?.state === 'dead', 'given up');
    expect((await webhookRows(t, eventId))[0]?.last_error).toBe('webhook URL is no longer configured');
    expect(hook.received).toHaveLength(1);
  });
});

describe('verifyWebhookSignature', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'user.created' });
  const now = Date.UTC(2026, 0, 1, 12);
  const t = Math.floor(now / 1000);
  const header = signWebhook(body, SECRET, t);

  it('accepts the signed body, as a string or as bytes', () => {
    expect(verifyWebhookSignature(body, header, SECRET, { now })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature(Buffer.from(body), header, SECRET, { now }).ok).toBe(true);
  });

  it('rejects a tampered body or a wrong secret', () => {
    expect(verifyWebhookSignature(body.replace('created', 'deleted'), header, SECRET, { now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature(body, header, OTHER_SECRET, { now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    // The timestamp is signed too: moving it breaks the signature.
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature(body, moved, SECRET, { now })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects timestamps outside the tolerance, old or in the future', () => {
    expect(verifyWebhookSignature(body, header, SECRET, { now: now + 300_000 }).ok).toBe(true);
    expect(verifyWebhookSignature(body, header, SECRET, { now: now + 301_000 })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyWebhookSignature(body, header, SECRET, { now: now - 301_000 }).ok).toBe(false);
    expect(verifyWebhookSignature(body, header, SECRET, { now: now + 60_000, toleranceSeconds: 30 }).ok).toBe(
      false,
    );
    // The default `now` is the real time, long after 2026-01-01.
    expect(verifyWebhookSignature(body, signWebhook(body, SECRET, 1_700_000_000), SECRET).ok).toBe(false);
  });

  it('rejects malformed or missing headers', () => {
    for (const bad of [
      undefined,
      null,
      '',
      'garbage',
      `t=${t}`,
      `v1=${'a'.repeat(64)}`,
      `t=x,v1=${'a'.repeat(64)}`,
    ]) {
      expect(verifyWebhookSignature(body, bad, SECRET, { now })).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('accepts any of several v1 values (secret rotation)', () => {
    const old = signWebhook(body, OTHER_SECRET, t).split(',')[1];
    expect(verifyWebhookSignature(body, `${header},${old}`, SECRET, { now }).ok).toBe(true);
    expect(verifyWebhookSignature(body, `t=${t},${old}`, SECRET, { now }).ok).toBe(false);
  });
});

describe('webhook deliverer errors', () => {
  const clock = new ManualClock(Date.now());
  const payload = (url: string) =>
    JSON.stringify({ url, eventId: 'evt_x', type: 'user.created', body: '{"secretish":"body-text"}' });

  it('times out, refuses to follow redirects, and names neither the URL, the body nor the secret', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const urls = [`http://127.0.0.1:${port}/hang`, `http://127.0.0.1:${port}/moved`];
    const deliver = createWebhookDeliverer({
      webhooks: urls.map((url) => ({ url, secret: SECRET })),
      clock,
      timeoutMs: 200,
    });
    try {
      const errors = await Promise.all(urls.map((url) => deliver(payload(url)).catch((e: Error) => e)));
      expect(errors.map((e) => (e as Error).message)).toEqual([
        'timed out after 200 ms',
        'HTTP 302 (redirects are not followed)',
      ]);
      for (const error of errors) expect((error as Error).name).toBe('Error'); // retried, not permanent
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports a refused connection by its code', async () => {
    const probe = await startReceiver();
    await probe.stop();
    const deliver = createWebhookDeliverer({ webhooks: [{ url: probe.url, secret: SECRET }], clock });
    const error = (await deliver(payload(probe.url)).catch((e: Error) => e)) as Error;
    expect(error.message).toBe('network error (ECONNREFUSED)');
  });
});
