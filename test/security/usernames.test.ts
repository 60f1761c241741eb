/**
 * Usernames against SECURITY.md (ENUM-01, ENUM-02, ENUM-03, RATE-01, RATE-03, EML-04, PWD-05):
 * the username routes answer, take the time and lock out exactly as the email routes do, one
 * account's email and username routes share one lockout, and every spelling of a name is one
 * account. Timings follow SECURITY.md's method (test/support/timing.ts) and test equality, never
 * speed. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import {
  observable,
  openGatehouse,
  PASSWORD,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from '../support/smtp.js';
import { storeKinds } from '../support/stores.js';
import { timingsEqual } from '../support/timing.js';

const WRONG = 'definitely not the password';
let counter = 0;
const uniqueUsername = (tag = 'u') => `${tag}${++counter}_${Date.now().toString(36)}`;
/** The name in full-width letters and digits, which NFKC folds back into it. */
const fullWidth = (name: string) =>
  [...name].map((c) => (/[a-z0-9]/i.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');

const signUpAs = (g: TestGatehouse, username: string, extra: Record<string, unknown> = {}, ip?: string) =>
  g.request('POST', '/auth/sign-up/username', {
    body: { username, password: PASSWORD, ...extra },
    ...(ip ? { ip } : {}),
  });
const signInAs = (g: TestGatehouse, username: string, password = WRONG) =>
  g.request('POST', '/auth/sign-in/username', { body: { username, password } });

describe('usernames: enumeration (sqlite)', () => {
  let t: TestGatehouse;
  let strict: TestGatehouse;
  let smtp: SmtpReceiver;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await openGatehouse('sqlite');
    strict = await openGatehouse(
      'sqlite',
      { baseUrl: 'https://app.example', requireEmailVerified: true },
      { mailer: smtpMailer(smtp.url, 'Gatehouse <no-reply@app.example>') },
    );
  });
  afterAll(async () => {
    await t?.close();
    await strict?.close();
    await smtp?.stop();
  });

  /** A fresh account signed up by username (optionally with an address); returns its id. */
  const account = async (g: TestGatehouse, username: string, extra: Record<string, unknown> = {}) => {
    const reply = await signUpAs(g, username, extra);
    expect([201, 202]).toContain(reply.status);
    return reply.body.user?.id as string;
  };

  it('ENUM-01: unknown name, wrong password, suspended, revoked, deleted and unverified accounts get one identical answer', async () => {
    const active = uniqueUsername('active');
    await account(t, active);
    const withAddress = uniqueUsername('mailed');
    await account(t, withAddress, { email: uniqueEmail('mailed') });
    const suspended = uniqueUsername('suspended');
    await t.gatehouse.suspendUser(await account(t, suspended));
    const revoked = uniqueUsername('revoked');
    await t.gatehouse.revokeUser(await account(t, revoked));
    const deleted = uniqueUsername('deleted');
    const d = await signUpAs(t, deleted);
    await t.gatehouse.deleteAccount(d.body.accessToken, PASSWORD);
    const unverified = uniqueUsername('unverified');
    await account(strict, unverified, { email: uniqueEmail('unverified') });

    const reference = observable(await signInAs(t, uniqueUsername('nobody')));
    expect(reference.status).toBe(401);
    expect(reference.body.error.code).toBe('INVALID_CREDENTIALS');
    for (const name of [active, withAddress, suspended, revoked, deleted]) {
      expect(observable(await signInAs(t, name)), name).toEqual(reference);
    }
    expect(observable(await signInAs(strict, unverified))).toEqual(
      observable(await signInAs(strict, uniqueUsername('ghost'))),
    );
  });

  it('ENUM-02: an unknown username and a wrong password take the same time (the unknown one hashes a dummy)', async () => {
    const name = uniqueUsername('timed');
    await account(t, name);
    const result = await timingsEqual(
      () => signInAs(t, uniqueUsername('ghost')),
      () => signInAs(t, name),
    );
    expect(result, JSON.stringify(result)).toMatchObject({ equal: true });
  });

  it('ENUM-03: with requireEmailVerified, a taken, a reserved and a free username get the same 202; only the address hears which', async () => {
    const owner = uniqueUsername('owner');
    await account(strict, owner, { email: uniqueEmail('owner') });
    const probe = uniqueEmail('probe');
    const taken = await signUpAs(strict, owner.toUpperCase(), { email: probe });
    const reserved = await signUpAs(strict, 'Administrator', { email: uniqueEmail('probe-reserved') });
    const free = await signUpAs(strict, uniqueUsername('free'), { email: uniqueEmail('probe-free') });
    expect(taken.status).toBe(202);
    expect(observable(taken)).toEqual(observable(free));
    expect(observable(reserved)).toEqual(observable(free));
    expect(taken.headers.get('set-cookie')).toBeNull();
    await waitForMail(smtp, probe, /username is taken or reserved/);
  });

  it('ENUM-03: with requireEmailVerified, a taken and a free username take the same time', async () => {
    const owner = uniqueUsername('timed-owner');
    await account(strict, owner, { email: uniqueEmail('timed-owner') });
    const result = await timingsEqual(
      () => signUpAs(strict, uniqueUsername('timed-new'), { email: uniqueEmail('timed-new') }),
      () => signUpAs(strict, owner, { email: uniqueEmail('timed-probe') }),
    );
    expect(result, JSON.stringify(result)).toMatchObject({ equal: true });
    // Many hashed sign-ups in a row: under a full parallel run it needs more than the default 30 s.
  }, 120_000);

  it('PWD-05: a username over its cap is refused before any hashing, whatever its size', async () => {
    for (const username of ['a'.repeat(33), 'a'.repeat(257), 'a'.repeat(100_000)]) {
      for (const path of ['/auth/sign-up/username', '/auth/sign-in/username']) {
        const reply = await t.request('POST', path, { body: { username, password: PASSWORD } });
        expect([400, 413], `${path} ${username.length}`).toContain(reply.status);
      }
    }
  });
});

describe('usernames: sign-up availability is rate-limited (ENUM-03)', () => {
  let t: TestGatehouse;
  const PER_ROUTE = 5;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', {
      rateLimits: 'on',
      limits: {
        ip: { max: 1000, window: 60 },
        credentialIp: { max: PER_ROUTE, window: 60 },
        mailPerAccount: { max: 5, window: 3600 },
      },
    });
  });
  afterAll(() => t.close());

  it('ENUM-03: a taken username is USERNAME_TAKEN (sign-up signs in at once), and probing names is bounded per client address', async () => {
    const ip = '198.51.100.78';
    const taken = uniqueUsername('registered');
    expect((await signUpAs(t, taken, {}, ip)).status).toBe(201);
    const again = await signUpAs(t, taken.toUpperCase(), {}, ip);
    expect([again.status, again.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    const statuses = [];
    for (let i = 0; i < PER_ROUTE; i++)
      statuses.push((await signUpAs(t, uniqueUsername('probe'), {}, ip)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(PER_ROUTE - 2);
    // Another address has its own budget: the limit is per client, not global.
    expect((await signUpAs(t, uniqueUsername('elsewhere'), {}, '198.51.100.79')).status).toBe(201);
  });
});

const THRESHOLD = 5;
const variants = [
  ...storeKinds.map((kind) => ({ kind, redis: false })),
  { kind: 'sqlite' as const, redis: true },
];

describe.each(variants)('usernames: lockout ($kind, redis: $redis)', ({ kind, redis: withRedis }) => {
  let t: TestGatehouse;
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = withRedis ? await startRedis() : undefined;
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      lockout: { threshold: THRESHOLD, baseSeconds: 60, maxSeconds: 3600 },
      // Route limits out of the way: these tests are about the per-account count.
      limits: {
        ip: { max: 100_000, window: 60 },
        credentialIp: { max: 100_000, window: 60 },
        mailPerAccount: { max: 100, window: 3600 },
      },
      ...(redis ? { redisUrl: redis.url } : {}),
    });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const byEmail = (email: string, password: string) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });
  const pattern = async (username: string) => {
    const replies = [];
    for (let i = 0; i <= THRESHOLD + 1; i++) replies.push(await signInAs(t, username, WRONG));
    return replies.map((r) => [r.status, r.body.error.code, r.headers.get('retry-after')]);
  };

  it('RATE-01: N wrong passwords lock a username account; the right one is refused during the lock; unknown names look the same', async () => {
    const name = uniqueUsername('locked');
    await signUpAs(t, name);
    const known = await pattern(name);
    const unknown = await pattern(uniqueUsername('nobody'));
    expect(known).toEqual(unknown);
    expect(known.slice(0, THRESHOLD).every(([s, c]) => s === 401 && c === 'INVALID_CREDENTIALS')).toBe(true);
    expect(known[THRESHOLD]).toEqual([429, 'RATE_LIMITED', '60']);
    expect((await signInAs(t, name, PASSWORD)).status).toBe(429);
    t.clock.advance(60_001);
    expect((await signInAs(t, name, PASSWORD)).status).toBe(200);
  });

  it('RATE-01: every spelling of one username counts against one lockout', async () => {
    const name = uniqueUsername('spelt');
    await signUpAs(t, name);
    const spellings = [name.toUpperCase(), fullWidth(name), ` ${name} `, fullWidth(name.toUpperCase())];
    for (let i = 0; i < THRESHOLD; i++) {
      expect((await signInAs(t, spellings[i % spellings.length]!, WRONG)).status).toBe(401);
    }
    for (const spelling of [name, ...spellings]) {
      expect((await signInAs(t, spelling, PASSWORD)).status, JSON.stringify(spelling)).toBe(429);
    }
    t.clock.advance(60_001);
    expect((await signInAs(t, name, PASSWORD)).status).toBe(200);
  });

  it('RATE-03: a lockout reached through the username route applies to the email route, and back', async () => {
    const name = uniqueUsername('both');
    const email = uniqueEmail('both');
    await signUpAs(t, name, { email });

    for (let i = 0; i < THRESHOLD; i++) expect((await signInAs(t, name, WRONG)).status).toBe(401);
    const locked = await byEmail(email, PASSWORD);
    expect([locked.status, locked.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await signInAs(t, name, PASSWORD)).status).toBe(429);
    t.clock.advance(60_001);
    expect((await byEmail(email, PASSWORD)).status).toBe(200);

    for (let i = 0; i < THRESHOLD; i++) expect((await byEmail(email, WRONG)).status).toBe(401);
    const lockedByName = await signInAs(t, name.toUpperCase(), PASSWORD);
    expect([lockedByName.status, lockedByName.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    // The lock doubled: it was the account's second.
    t.clock.advance(120_001);
    expect((await signInAs(t, name, PASSWORD)).status).toBe(200);

    // Failures spread over both routes add up to one lock.
    for (let i = 0; i < THRESHOLD; i++) {
      const reply = i % 2 ? await byEmail(email, WRONG) : await signInAs(t, name, WRONG);
      expect(reply.status).toBe(401);
    }
    expect((await byEmail(email, PASSWORD)).status).toBe(429);
    expect((await signInAs(t, name, PASSWORD)).status).toBe(429);
  });
});

describe.each(storeKinds)('usernames: canonical uniqueness (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  it('EML-04: one account per canonical username, whatever the case or Unicode compatibility form', async () => {
    const name = uniqueUsername('ada');
    const first = await signUpAs(t, name);
    expect(first.status).toBe(201);
    const spellings = [name.toUpperCase(), fullWidth(name), fullWidth(name.toUpperCase()), ` ${name}\t`];
    // Each is a different string that canonicalises to the one stored name.
    expect(new Set([name, ...spellings]).size).toBe(spellings.length + 1);
    for (const spelling of spellings) {
      const again = await signUpAs(t, spelling);
      expect([again.status, again.body.error.code], JSON.stringify(spelling)).toEqual([
        409,
        'USERNAME_TAKEN',
      ]);
      const signedIn = await signInAs(t, spelling, PASSWORD);
      expect(signedIn.status, JSON.stringify(spelling)).toBe(200);
      expect(signedIn.body.user.id).toBe(first.body.user.id);
    }
    // Compatibility characters fold too: the Kelvin sign and the long s are k and s.
    const kelvin = await signUpAs(t, `\u212aelvin${counter}_\u017fign`);
    expect(kelvin.status).toBe(201);
    expect(kelvin.body.user.username).toBe(`kelvin${counter}_sign`);
    const plain = await signUpAs(t, `kelvin${counter}_sign`);
    expect([plain.status, plain.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    // A look-alike from another script is not folded into a name: it is refused.
    const cyrillic = await signUpAs(t, name.replace(/a/, '\u0430'));
    expect([cyrillic.status, cyrillic.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });
});
