/**
 * Redis stopped under an instance that keeps its rate-limit and lockout counters there
 * (`redisUrl`). The chosen behaviour is fail closed: a limiter that silently stops counting is a
 * window for password guessing, so every counted route answers 503 `UNAVAILABLE` with a
 * Retry-After while Redis is away — never a 500, never an uncounted attempt — and the routes
 * that count nothing (session checks, profile reads, refresh, JWKS, /readyz) go on as usual.
 * When Redis returns on the same address the instance recovers by itself, without a restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openGatehouse,
  PASSWORD,
  type Reply,
  type TestGatehouse,
  uniqueEmail,
} from '../support/gatehouse.js';
import { clearBrowser, expectSafePage, open, submit } from '../ui/pages.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

/**
 * A redis-server on a fixed port, so a restarted one is the "same" Redis to the client.
 * (test/support/redis.ts picks a fresh port each time.)
 */
async function redisOn(port: number): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  child.once('error', () => {});
  await until(() => answersPing(port), 'redis-server to answer');
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Redis counters: Redis stopped and restarted', () => {
  let t: TestGatehouse;
  let port: number;
  let redis: { stop(): Promise<void> } | undefined;
  const email = uniqueEmail('redis-outage');
  let session: { accessToken: string; refreshToken: string };

  beforeAll(async () => {
    port = await freePort();
    redis = await redisOn(port);
    t = await openGatehouse('sqlite', {
      rateLimits: 'on',
      redisUrl: `redis://127.0.0.1:${port}`,
      limits: { ip: { max: 10_000, window: 60 }, credentialIp: { max: 10_000, window: 60 } },
      lockout: { threshold: 3 },
    });
    await t.signUp(email);
    const signIn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(signIn.status).toBe(200);
    session = signIn.body;
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const signIn = (password = PASSWORD) =>
    t.request('POST', '/auth/sign-in/email', { body: { email, password } });

  function expectUnavailable(reply: Reply): void {
    expect(reply.status, JSON.stringify(reply.body)).toBe(503);
    expect(reply.body.error.code).toBe('UNAVAILABLE');
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  }

  it('fails closed on counted routes, keeps the others, and recovers when Redis is back', async () => {
    // Sign-ins in flight while Redis goes away: each is answered either normally or with 503.
    let flowing = true;
    const inFlight: number[] = [];
    const flow = (async () => {
      while (flowing) {
        inFlight.push((await signIn()).status);
        // A refusal can come back without any I/O: let the timers below run.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await until(async () => inFlight.length >= 3, 'sign-ins to flow');
    await redis?.stop();
    redis = undefined;
    await until(async () => inFlight.includes(503), 'a sign-in to meet the outage');
    flowing = false;
    await flow;
    expect(new Set(inFlight)).toEqual(new Set([200, 503]));

    // Sign-ins (right and wrong password), sign-ups and mail requests flowing side by side.
    const counted = await Promise.all([
      ...Array.from({ length: 6 }, () => signIn()),
      ...Array.from({ length: 6 }, () => signIn('wrong password, guessed')),
      ...Array.from({ length: 3 }, () =>
        t.request('POST', '/auth/sign-up/email', {
          body: { email: uniqueEmail('down'), password: PASSWORD },
        }),
      ),
      t.request('POST', '/auth/forgot-password', { body: { email } }),
    ]);
    for (const reply of counted) expectUnavailable(reply);
    // The hosted sign-in page shows itself, and its form is refused the same way: a 503 page.
    clearBrowser(t);
    expect((await open(t, '/sign-in')).status).toBe(200);
    const page = await submit(t, '/sign-in', { intent: 'password', login: email, password: PASSWORD });
    expectSafePage(page, 503);
    expect(Number(page.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // What counts nothing does not depend on Redis.
    const auth = { token: session.accessToken };
    expect((await t.request('GET', '/auth/session', auth)).status).toBe(200);
    expect((await t.request('GET', '/auth/me', auth)).status).toBe(200);
    expect((await t.request('GET', '/.well-known/jwks.json')).status).toBe(200);
    const refreshed = await t.request('POST', '/auth/refresh', {
      body: { refreshToken: session.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    // Readiness is about this instance's database: Redis is shared by every instance, so
    // taking them all out of the load balancer would turn a partial outage into a total one.
    expect((await t.request('GET', '/readyz')).status).toBe(200);

    // The outage lasts: later requests are still refused cleanly, none becomes a 500.
    expectUnavailable(await signIn());

    redis = await redisOn(port);
    let last: Reply | undefined;
    await until(async () => {
      last = await signIn();
      expect([200, 503]).toContain(last.status);
      return last.status === 200;
    }, 'sign-in to work again after Redis returned');
    expect(last?.body.accessToken).toEqual(expect.any(String));
  });

  it('after recovery, failed attempts are counted again (the lockout works)', async () => {
    const victim = uniqueEmail('redis-lockout');
    await t.signUp(victim);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await t.request('POST', '/auth/sign-in/email', { body: { email: victim, password: `wrong ${i}` } }))
          .status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('Redis counters: Redis down when the instance starts', () => {
  it('starts anyway, fails closed on counted routes, and recovers once Redis comes up', async () => {
    const port = await freePort();
    const t = await openGatehouse('sqlite', { rateLimits: 'on', redisUrl: `redis://127.0.0.1:${port}` });
    let redis: { stop(): Promise<void> } | undefined;
    try {
      const email = uniqueEmail('redis-late');
      const down = await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } });
      expect(down.status, JSON.stringify(down.body)).toBe(503);
      expect(down.body.error.code).toBe('UNAVAILABLE');
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await t.request('GET', '/.well-known/jwks.json')).status).toBe(200);
      expect((await t.request('GET', '/readyz')).status).toBe(200);

      redis = await redisOn(port);
      await until(async () => {
        const reply = await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } });
        expect([201, 503]).toContain(reply.status);
        return reply.status === 201;
      }, 'sign-up to work once Redis is up');
    } finally {
      await t.close();
      await redis?.stop();
    }
  });
});
