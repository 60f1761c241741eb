/**
 * Mail through the outbox over real SMTP, on SQLite and PostgreSQL: delivered once, retried when
 * the server is down, never sent twice by concurrent senders, given up on a permanent refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import { systemRandom } from '../../src/core/random.js';
import { keySeal } from '../../src/crypto/key-seal.js';
import type { OutgoingMail } from '../../src/delivery/mailer.js';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { backoffMs, createOutboxSender } from '../../src/services/outbox/outbox-sender.js';
import type { Store } from '../../src/store/ports/store.js';
import { startSmtpReceiver } from '../support/smtp.js';
import { everyStoreKind, freshStore } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

const FROM = 'Gatehouse <no-reply@gatehouse.test>';
const SEAL = keySeal('outbox-test-secret-outbox-test-secret', systemRandom, { purpose: 'outbox-seal' });
const mail = (to: string, n = 1): OutgoingMail => ({
  to,
  subject: `Hello ${n}`,
  text: `Follow https://app.example/verify?token=t${n}`,
  html: `<p>Follow <a href="https://app.example/verify?token=t${n}">this link</a></p>`,
});

describe.each(everyStoreKind)('outbox delivery over SMTP (%s)', (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await freshStore(kind));
  });
  afterAll(() => cleanup());

  const sender = (url: string, clock: ManualClock, extra: { maxAttempts?: number } = {}) =>
    createOutboxSender({
      outbox: store.outbox,
      mailer: smtpMailer(url, FROM),
      clock,
      random: systemRandom,
      logger: silentLogger,
      seal: SEAL,
      ...extra,
    });

  it('delivers queued mail with text and HTML parts', async () => {
    const smtp = await startSmtpReceiver();
    try {
      const s = sender(smtp.url, new ManualClock(Date.now()));
      for (let n = 1; n <= 3; n++) await s.enqueueMail(mail(`user${n}@example.com`, n));
      expect(await s.drain()).toBe(3);
      await smtp.waitFor(3);
      const first = smtp.messages.find((m) => m.subject === 'Hello 1')!;
      expect(first.from?.value[0]).toMatchObject({ name: 'Gatehouse', address: 'no-reply@gatehouse.test' });
      expect((first.to as { text: string }).text).toBe('user1@example.com');
      expect(first.text).toContain('token=t1');
      expect(first.html).toContain('href="https://app.example/verify?token=t1"');
      expect(await s.drain()).toBe(0);
    } finally {
      await smtp.stop();
    }
  });

  it('keeps mail while SMTP is down and delivers it exactly once when it is back', async () => {
    const probe = await startSmtpReceiver();
    const port = probe.port;
    await probe.stop();
    const clock = new ManualClock(Date.now());
    const s = sender(`smtp://127.0.0.1:${port}`, clock);
    await s.enqueueMail(mail('patient@example.com'));
    expect(await s.drain()).toBe(0); // refused: rescheduled, not lost
    const smtp = await startSmtpReceiver(port);
    try {
      expect(await s.drain()).toBe(0); // not due yet: backoff
      clock.advance(backoffMs(1));
      expect(await s.drain()).toBe(1);
      await smtp.waitFor(1);
      clock.advance(backoffMs(5));
      expect(await s.drain()).toBe(0);
      expect(
        smtp.messages.filter((m) => (m.to as { text: string }).text === 'patient@example.com'),
      ).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it('two senders draining at once deliver each message once', async () => {
    const smtp = await startSmtpReceiver();
    try {
      const clock = new ManualClock(Date.now());
      const [a, b] = [sender(smtp.url, clock), sender(smtp.url, clock)];
      for (let n = 0; n < 12; n++) await a.enqueueMail(mail(`twice${n}@example.com`, n));
      const [da, db] = await Promise.all([a.drain(), b.drain()]);
      expect(da + db).toBe(12);
      // Both drains are over, and each send resolved only once the receiver had stored the
      // message: whatever these senders delivered is all here, so a duplicate would be too.
      await smtp.waitFor(12);
      const recipients = smtp.messages.map((m) => (m.to as { text: string }).text);
      expect(recipients).toHaveLength(12);
      expect(new Set(recipients).size).toBe(12);
    } finally {
      await smtp.stop();
    }
  });

  it('gives up on a permanent refusal instead of retrying forever', async () => {
    const smtp = await startSmtpReceiver();
    try {
      smtp.refuse.add('gone@example.com');
      const clock = new ManualClock(Date.now());
      const s = sender(smtp.url, clock);
      await s.enqueueMail(mail('gone@example.com'));
      expect(await s.drain()).toBe(0);
      clock.advance(backoffMs(10));
      expect(await s.drain()).toBe(0);
      expect(await store.outbox.claim(clock.now() + 86_400_000, 10, 1000)).toEqual([]);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.stop();
    }
  });

  it('stop() does not wait for a backlog: what is left is sent, once, after its lease lapses', async () => {
    const sent: string[] = [];
    const slow = {
      async send(m: OutgoingMail) {
        await new Promise((r) => setTimeout(r, 20));
        sent.push(m.to);
      },
    };
    const clock = new ManualClock(Date.now());
    const make = () =>
      createOutboxSender({
        outbox: store.outbox,
        mailer: slow,
        clock,
        random: systemRandom,
        logger: silentLogger,
        seal: SEAL,
      });
    const first = make();
    for (let n = 1; n <= 30; n++) await first.enqueueMail(mail(`backlog${n}@example.com`, n));
    const draining = first.drain();
    await waitUntil(() => sent.length > 0, 'the first mail of the backlog');
    await first.stop();
    await draining;
    const early = sent.length;
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(30);
    clock.advance(60_001);
    const second = make();
    await second.drain();
    expect(sent.filter((to) => to.startsWith('backlog')).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `backlog${i + 1}@example.com`).sort(),
    );
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });
});

describe('consoleMailer', () => {
  it('prints the mail, links included, for development', async () => {
    const { consoleMailer } = await import('../../src/delivery/console-mailer.js');
    const printed: string[] = [];
    await consoleMailer((text) => printed.push(text)).send(mail('dev@example.com', 7));
    expect(printed.join('')).toContain('mail to dev@example.com: Hello 7');
    expect(printed.join('')).toContain('https://app.example/verify?token=t7');
  });
});
