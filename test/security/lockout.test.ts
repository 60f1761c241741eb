/**
 * Account lockout, on SQLite, PostgreSQL and with Redis counters (SECURITY.md RATE-01, RATE-03,
 * RATE-04, PWD-07). Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { mailedLink, type SmtpReceiver, startSmtpReceiver } from '../support/smtp.js';
import { everyStoreKind } from '../support/stores.js';

const WRONG = 'definitely not the password';
const THRESHOLD = 5;

const variants = [
  ...everyStoreKind.map((kind) => ({ kind, redis: false })),
  { kind: 'sqlite' as const, redis: true },
];

describe.each(variants)('lockout ($kind, redis: $redis)', ({ kind, redis: withRedis }) => {
  let t: TestGatehouse;
  let smtp: SmtpReceiver;
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    redis = withRedis ? await startRedis() : undefined;
    t = await openGatehouse(
      kind,
      {
        rateLimits: 'on',
        baseUrl: 'https://app.example',
        lockout: { threshold: THRESHOLD, baseSeconds: 60, maxSeconds: 3600 },
        // Route limits out of the way: this suite is about the per-account count.
        limits: {
          ip: { max: 100_000, window: 60 },
          credentialIp: { max: 100_000, window: 60 },
          mailPerAccount: { max: 100, window: 3600 },
        },
        ...(redis ? { redisUrl: redis.url } : {}),
      },
      { mailer: smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>') },
    );
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    await smtp?.stop();
  });

  const signIn = (email: string, password: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });
  const pattern = async (email: string) => {
    const replies = [];
    for (let i = 0; i <= THRESHOLD + 1; i++) replies.push(await signIn(email, WRONG));
    return replies.map((r) => [r.status, r.body.error.code, r.headers.get('retry-after')]);
  };

  it('RATE-01: N wrong passwords lock the account; the right one is refused during the lock; unknown accounts look the same', async () => {
    const email = uniqueEmail('locked');
    await t.signUp(email);
    const known = await pattern(email);
    const unknown = await pattern(uniqueEmail('nobody'));
    expect(known).toEqual(unknown);
    expect(known.slice(0, THRESHOLD).every(([s, c]) => s === 401 && c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(known[THRESHOLD]).toEqual([429, 'RATE_LIMITED', '60']);
    const during = await signIn(email, PASSWORD);
    expect(during.status).toBe(429);
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    t.clock.advance(60_001);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it('RATE-01: every spelling of one address counts against one lockout: case, surrounding spaces, composed or decomposed accents', async () => {
    const local = `jos\u00e9-${Date.now().toString(36)}`;
    const email = `${local}@example.com`;
    await t.signUp(email);
    const spellings = [
      email.toUpperCase(),
      `  ${email}\t`,
      email.normalize('NFD'),
      ` ${email.normalize('NFD').toUpperCase()} `,
      `${local}@EXAMPLE.com`,
    ];
    // Each is a different string that canonicalises to the one stored address.
    expect(new Set([email, ...spellings]).size).toBe(spellings.length + 1);
    for (const spelling of spellings) {
      expect((await signIn(spelling, PASSWORD)).status, JSON.stringify(spelling)).toBe(200);
    }

    // Locked with one spelling: the right password under every other spelling is refused.
    for (let i = 0; i < THRESHOLD; i++) {
      expect((await signIn(spellings[0]!, WRONG)).status).toBe(401);
    }
    for (const spelling of [email, ...spellings]) {
      const reply = await signIn(spelling, PASSWORD);
      expect(reply.status, JSON.stringify(spelling)).toBe(429);
      expect(reply.body.error.code).toBe('RATE_LIMITED');
    }
    t.clock.advance(60_001);
    expect((await signIn(email, PASSWORD)).status).toBe(200);

    // Failures spread over the spellings, one each, add up to one lock too.
    for (let i = 0; i < THRESHOLD; i++) {
      expect((await signIn(spellings[i % spellings.length]!, WRONG)).status).toBe(401);
    }
    expect((await signIn(email, PASSWORD)).status).toBe(429);
  });

  it('RATE-01: the lock doubles each time it comes back; a right password resets the count', async () => {
    const email = uniqueEmail('double');
    await t.signUp(email);
    for (let i = 0; i < THRESHOLD; i++) await signIn(email, WRONG);
    expect((await signIn(email, WRONG)).headers.get('retry-after')).toBe('60');
    t.clock.advance(60_001);
    for (let i = 0; i < THRESHOLD; i++) await signIn(email, WRONG);
    expect((await signIn(email, WRONG)).headers.get('retry-after')).toBe('120');
    t.clock.advance(120_001);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < THRESHOLD; i++) expect((await signIn(email, WRONG)).status).toBe(401);
  });

  it('RATE-01: the real owner can still reset the password while locked, and the reset lifts the lock', async () => {
    const email = uniqueEmail('reset');
    await t.signUp(email);
    for (let i = 0; i <= THRESHOLD; i++) await signIn(email, WRONG);
    expect((await signIn(email, PASSWORD)).status).toBe(429);
    expect((await t.request('POST', '/auth/forgot-password', { body: { email } })).status).toBe(202);
    const { token } = await mailedLink(smtp, email, 'reset-password');
    const NEW = 'a brand new passphrase 42';
    expect((await t.request('POST', '/auth/reset-password', { body: { token, password: NEW } })).status).toBe(
      200,
    );
    expect((await signIn(email, NEW)).status).toBe(200);
  });

  it('RATE-03 / PWD-07: the current-password checks of change-password, change-email and deletion count too', async () => {
    const email = uniqueEmail('paths');
    const { accessToken } = await t.signUp(email);
    const body = { currentPassword: WRONG, newPassword: 'another long passphrase 7' };
    for (let i = 0; i < 2; i++) {
      expect((await t.request('POST', '/auth/change-password', { token: accessToken, body })).status).toBe(
        403,
      );
    }
    const change = { newEmail: uniqueEmail('elsewhere'), password: WRONG };
    expect((await t.request('POST', '/auth/change-email', { token: accessToken, body: change })).status).toBe(
      403,
    );
    expect(
      (await t.request('DELETE', '/auth/me', { token: accessToken, body: { password: WRONG } })).status,
    ).toBe(403);
    expect((await signIn(email, WRONG)).status).toBe(401);
    // Five failures on five paths: the account is now locked on every path.
    expect((await signIn(email, PASSWORD)).status).toBe(429);
    const locked = await t.request('POST', '/auth/change-password', {
      token: accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'another long passphrase 7' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
  });

  it('RATE-04: of 50 parallel wrong guesses at most N are evaluated; the right password afterwards is refused', async () => {
    const email = uniqueEmail('race');
    await t.signUp(email);
    const replies = await Promise.all(Array.from({ length: 50 }, () => signIn(email, WRONG)));
    expect(replies.filter((r) => r.status === 401).length).toBe(THRESHOLD);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(50 - THRESHOLD);
    expect((await signIn(email, PASSWORD)).status).toBe(429);
  });
});
