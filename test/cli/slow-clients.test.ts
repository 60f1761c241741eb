/**
 * Slow clients against a real `gatehouse serve` (issue 8, "slow clients"): a trickled header or
 * body is cut off after the configured `server.headersTimeout` / `server.requestTimeout` rather
 * than Node's defaults (60 s / 300 s), and past `server.maxConnections` new connections are
 * dropped while the first ones are held. The deadlines below are far under Node's defaults, so on
 * a server that ignores the settings these tests fail.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/cli.js';
import { listening, openSocket, type ServeProcess, spawnServe, stopServe, trickle } from './serve-process.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serveWith(env: Record<string, string>): Promise<{ serve: ServeProcess; url: URL }> {
  const cwd = tempDir('slow');
  dirs.push(cwd);
  const serve = spawnServe({ cwd, env: { GATEHOUSE_LOG_LEVEL: 'warn', ...env } });
  return { serve, url: await listening(serve) };
}

describe('gatehouse serve: headers and request timeouts', () => {
  let serve: ServeProcess;
  let url: URL;
  beforeAll(async () => {
    ({ serve, url } = await serveWith({ GATEHOUSE_HEADERS_TIMEOUT: '1', GATEHOUSE_REQUEST_TIMEOUT: '2' }));
  });
  afterAll(() => stopServe(serve));

  it('cuts off a client that trickles its headers one byte at a time, shortly after headersTimeout', async () => {
    const client = await openSocket(url);
    client.socket.write(`GET /healthz HTTP/1.1\r\nhost: ${url.host}\r\nx-slow: `);
    trickle(client.socket, 'a', 100);
    const reply = await client.closed(10_000);
    // Node answers 408 when it still can; a bare close is as good.
    if (reply !== '') expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off a client that sends its headers and then trickles the body, shortly after requestTimeout', async () => {
    const client = await openSocket(url);
    client.socket.write(
      `POST /auth/sign-in/email HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: 4000\r\n\r\n{"email":"`,
    );
    trickle(client.socket, 'a', 100);
    const reply = await client.closed(15_000);
    if (reply !== '') expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still answers a client that sends its request at once', async () => {
    const reply = await fetch(new URL('/healthz', url));
    expect(reply.status).toBe(200);
  });
});

describe('gatehouse serve: connection cap', () => {
  let serve: ServeProcess;
  let url: URL;
  beforeAll(async () => {
    // Long timeouts: the held connections must outlive the test, not be cut off by a timeout.
    ({ serve, url } = await serveWith({
      GATEHOUSE_MAX_CONNECTIONS: '2',
      GATEHOUSE_HEADERS_TIMEOUT: '60',
      GATEHOUSE_REQUEST_TIMEOUT: '120',
    }));
  });
  afterAll(() => stopServe(serve));

  it('past maxConnections, a new connection is closed unanswered while the first ones are held', async () => {
    // Two connections with a request in progress (headers not finished).
    const held = await Promise.all([openSocket(url), openSocket(url)]);
    for (const h of held) h.socket.write(`GET /healthz HTTP/1.1\r\nhost: ${url.host}\r\n`);
    // Accepted in arrival order: the third is over the cap whatever the server's scheduling.
    const third = await openSocket(url);
    third.socket.write(`GET /healthz HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`);
    expect(await third.closed(5_000)).toBe('');

    // The held ones were accepted and still work: finish their requests.
    for (const h of held) h.socket.write('connection: close\r\n\r\n');
    const replies = await Promise.all(held.map((h) => h.closed(10_000)));
    for (const reply of replies) expect(reply).toMatch(/^HTTP\/1\.1 200 /);

    // With the held ones gone (the server notices a moment later), a new connection is served.
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50));
      status = await fetch(new URL('/healthz', url), { headers: { connection: 'close' } }).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
  });
});
