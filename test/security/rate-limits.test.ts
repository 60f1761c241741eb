/**
 * Rate limits per client address, per route and per account identifier, on SQLite, PostgreSQL
 * and with Redis counters (SECURITY.md RATE-02, ENUM-04's limit side). Each test title names its
 * checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type RedisServer, startRedis } from '../support/redis.js';
import { everyStoreKind } from '../support/stores.js';

const variants = [
  ...everyStoreKind.map((kind) => ({ kind, redis: false })),
  { kind: 'sqlite' as const, redis: true },
];
const PER_ROUTE = 4;

describe.each(variants)('rate limits ($kind, redis: $redis)', ({ kind, redis: withRedis }) => {
  let t: TestGatehouse;
  let redis: RedisServer | undefined;
  beforeAll(async () => {
    redis = withRedis ? await startRedis() : undefined;
    t = await openGatehouse(kind, {
      rateLimits: 'on',
      trustedProxies: ['10.0.0.0/8'],
      limits: {
        ip: { max: 1000, window: 60 },
        credentialIp: { max: PER_ROUTE, window: 60 },
        mailPerAccount: { max: 3, window: 3600 },
      },
      ...(redis ? { redisUrl: redis.url } : {}),
    });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  let n = 0;
  /** A fresh documentation-range address per test, so tests do not share buckets. */
  const freshV4 = () => `198.51.100.${++n}`;
  const freshV6 = () => `2001:db8:${(++n).toString(16)}:1`;
  const signIn = (ip: string, headers: Record<string, string> = {}, path = '/auth/sign-in/email') =>
    t.request('POST', path, { body: { email: uniqueEmail('limited'), password: PASSWORD }, ip, headers });

  async function statuses(
    count: number,
    send: (i: number) => Promise<{ status: number }>,
  ): Promise<number[]> {
    const out = [];
    for (let i = 0; i < count; i++) out.push((await send(i)).status);
    return out;
  }

  it('RATE-02: a route allows N requests per address, then 429 with Retry-After', async () => {
    const ip = freshV4();
    const seen = await statuses(PER_ROUTE, () => signIn(ip));
    expect(seen.every((s) => s === 401)).toBe(true);
    const over = await signIn(ip);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected; neither is another limited route from this one.
    expect((await signIn(freshV4())).status).toBe(401);
    expect(
      (await t.request('POST', '/auth/forgot-password', { body: { email: uniqueEmail() }, ip })).status,
    ).toBe(202);
    // The window slides on.
    t.clock.advance(120_000);
    expect((await signIn(ip)).status).toBe(401);
  });

  it('RATE-02: X-Forwarded-For from an untrusted peer is ignored', async () => {
    const ip = freshV4();
    const seen = await statuses(PER_ROUTE + 1, (i) =>
      signIn(ip, { 'x-forwarded-for': `203.0.113.${i + 1}` }),
    );
    expect(seen.at(-1)).toBe(429);
  });

  it('RATE-02: from a trusted proxy, the forwarded client counts, and each client has its own bucket', async () => {
    const client = freshV4();
    const viaProxy = (ip: string) => signIn('10.1.2.3', { 'x-forwarded-for': `6.6.6.6, ${ip}` });
    const seen = await statuses(PER_ROUTE + 1, () => viaProxy(client));
    expect(seen.at(-1)).toBe(429);
    expect((await viaProxy(freshV4())).status).toBe(401);
  });

  it('RATE-02: addresses inside one IPv6 /64, and other spellings of one address, share a bucket', async () => {
    const prefix = freshV6();
    const spellings = [
      `${prefix}::1`,
      `${prefix}::2`,
      `${prefix}:0:ffff:abcd:9`,
      `${prefix.toUpperCase()}::3`,
      `${prefix}::4`,
    ];
    const seen = await statuses(spellings.length, (i) => signIn(spellings[i]!));
    expect(seen).toEqual([401, 401, 401, 401, 429]);
    const v4 = freshV4();
    const mapped = await statuses(PER_ROUTE + 1, (i) => signIn(i % 2 ? `::ffff:${v4}` : v4));
    expect(mapped.at(-1)).toBe(429);
  });

  it('RATE-02: path variants never reach a route under another limiter', async () => {
    const ip = freshV4();
    for (const path of [
      '//auth/sign-in/email',
      '/auth/sign-in/email/',
      '/AUTH/SIGN-IN/EMAIL',
      '/auth//sign-in/email',
    ]) {
      const reply = await signIn(ip, {}, path);
      // Either not a route at all, or the same route under the same limiter.
      expect([401, 404, 429]).toContain(reply.status);
    }
    const seen = await statuses(PER_ROUTE + 1, () => signIn(ip));
    expect(seen.filter((s) => s === 401).length).toBeLessThanOrEqual(PER_ROUTE);
    expect(seen.at(-1)).toBe(429);
  });

  it('RATE-02: a query string does not open a new bucket: ?v=1, ?v=2… count with the bare path', async () => {
    const ip = freshV4();
    const seen = await statuses(PER_ROUTE, (i) => signIn(ip, {}, `/auth/sign-in/email?v=${i + 1}`));
    expect(seen).toEqual(new Array(PER_ROUTE).fill(401));
    // The bucket is full whichever spelling comes next: the bare path, or yet another query.
    for (const path of [
      '/auth/sign-in/email',
      `/auth/sign-in/email?v=${PER_ROUTE + 1}`,
      '/auth/sign-in/email?',
    ]) {
      const over = await signIn(ip, {}, path);
      expect(over.status, path).toBe(429);
      expect(over.body.error.code).toBe('RATE_LIMITED');
    }
    // And the other way round: the bare path fills the bucket a query-string spelling then meets.
    const other = freshV4();
    await statuses(PER_ROUTE, () => signIn(other));
    expect((await signIn(other, {}, '/auth/sign-in/email?v=fresh')).status).toBe(429);
  });

  it('ENUM-04 / RATE-01: mail requests are limited per account identifier, the same for known and unknown addresses', async () => {
    const known = uniqueEmail('mailer');
    await t.signUp(known);
    const unknown = uniqueEmail('ghost');
    const pattern = async (email: string) =>
      statuses(4, (i) =>
        t.request('POST', '/auth/forgot-password', { body: { email }, ip: `192.0.2.${i + 10 * n++}` }),
      );
    const a = await pattern(known);
    const b = await pattern(unknown);
    expect(a).toEqual([202, 202, 202, 429]);
    expect(b).toEqual(a);
  });
});

describe('rateLimits: off', () => {
  it('RATE-01 / RATE-02: switches every limit and the lockout off, and says so loudly at start', async () => {
    const lines: string[] = [];
    const record = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    };
    const logger = { debug: () => {}, info: () => {}, warn: record, error: record };
    const t = await openGatehouse(
      'sqlite',
      {
        rateLimits: 'off',
        limits: {
          ip: { max: 1, window: 60 },
          credentialIp: { max: 1, window: 60 },
          mailPerAccount: { max: 1, window: 60 },
        },
        lockout: { threshold: 1, baseSeconds: 60, maxSeconds: 60 },
      },
      { logger },
    );
    try {
      expect(lines.join('\n')).toMatch(/RATE LIMITS AND ACCOUNT LOCKOUT ARE OFF/);
      const email = uniqueEmail('off');
      await t.signUp(email);
      for (let i = 0; i < 5; i++) {
        const reply = await t.request('POST', '/auth/sign-in/email', {
          body: { email, password: 'wrong password here' },
        });
        expect(reply.status).toBe(401);
      }
      expect(
        (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
      ).toBe(200);
    } finally {
      await t.close();
    }
  });
});
