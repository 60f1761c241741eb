/**
 * `gatehouse serve` as a real process on SQLite: first start creates the database, the secret
 * and keys; SIGTERM lets in-flight requests finish. Its request log is checked for secrets in
 * test/security/logging.test.ts (LOG-01).
 */
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, tempDir } from '../support/cli.js';
import { waitUntil } from '../support/wait.js';

const PASSWORD = 'correct horse battery staple';

describe('gatehouse serve (SQLite default)', () => {
  let cwd: string;
  let server: RunningServer;
  beforeAll(async () => {
    cwd = tempDir('serve');
    server = await startServer([], { cwd });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('creates ./gatehouse.db and a private secret file on first start', () => {
    expect(existsSync(join(cwd, 'gatehouse.db'))).toBe(true);
    expect(statSync(join(cwd, 'gatehouse.secret')).mode & 0o777).toBe(0o600);
  });

  it('SIGTERM finishes in-flight requests, then exits 0', async () => {
    const local = await startServer([], { cwd: tempDir('sigterm') });
    const { hostname, port } = new URL(local.url);
    // Send only the headers: each request is then unmistakably in progress when SIGTERM arrives.
    const pending = Array.from({ length: 3 }, (_, i) => {
      const body = JSON.stringify({ email: `term${i}-${Date.now()}@example.com`, password: PASSWORD });
      const socket = connect(Number(port), hostname);
      // `Expect: 100-continue`: the server answers "100 Continue" once it has the request in hand.
      socket.write(
        `POST /auth/sign-up/email HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\nexpect: 100-continue\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      let received = '';
      const reply = new Promise<string>((resolve) => {
        socket.on('data', (d) => {
          received += d;
        });
        socket.on('close', () => resolve(received));
        socket.on('error', () => resolve(received));
      });
      return { socket, body, reply, received: () => received };
    });
    await waitUntil(
      () => pending.every((p) => p.received().startsWith('HTTP/1.1 100')),
      'every request in hand',
    );
    const code = local.stop('SIGTERM');
    await waitUntil(() => local.output().includes('shutting down'), 'the server to take the signal');
    for (const p of pending) p.socket.write(p.body);
    const replies = await Promise.all(pending.map((p) => p.reply));
    for (const reply of replies) expect(reply).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 /);
    expect(await code).toBe(0);
    expect(local.output()).toContain('stopped');
  });
});
