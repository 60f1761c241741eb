/**
 * `gatehouse serve` as a real process on SQLite: first start creates the database, the secret
 * and keys; request logs carry no secrets; SIGTERM lets in-flight requests finish.
 */
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, tempDir } from '../support/cli.js';

const PASSWORD = 'correct horse battery staple';

async function post(url: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

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

  it('serves the whole flow over real HTTP and logs one line per request without secrets', async () => {
    const email = `serve-${Date.now()}@example.com`;
    const up = await post(`${server.url}/auth/sign-up/email`, { email, password: PASSWORD });
    expect(up.status).toBe(201);
    const inn = await post(`${server.url}/auth/sign-in/email`, { email, password: PASSWORD });
    const refreshed = await post(`${server.url}/auth/refresh`, { refreshToken: inn.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const session = await fetch(`${server.url}/auth/session?token=${refreshed.body.accessToken}`, {
      headers: {
        authorization: `Bearer ${refreshed.body.accessToken}`,
        cookie: 'gh_access=cookie-secret-value',
      },
    });
    expect(session.status).toBe(200);
    expect((await post(`${server.url}/auth/sign-out`, {}, refreshed.body.accessToken)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));

    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => 'status' in l && 'method' in l);
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const line of requests) {
      expect(line).toMatchObject({
        method: expect.any(String),
        path: expect.any(String),
        status: expect.any(Number),
        ms: expect.any(Number),
      });
      expect(line.reqId).toMatch(/^[\w-]{8,}$/);
    }
    expect(requests.find((l) => l.path === '/auth/session')).toBeDefined();
    const everything = server.output();
    for (const secret of [
      PASSWORD,
      inn.body.refreshToken,
      inn.body.accessToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
      'cookie-secret-value',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('SIGTERM finishes in-flight requests, then exits 0', async () => {
    const local = await startServer([], { cwd: tempDir('sigterm') });
    const { hostname, port } = new URL(local.url);
    // Send only the headers: each request is then unmistakably in progress when SIGTERM arrives.
    const pending = Array.from({ length: 3 }, (_, i) => {
      const body = JSON.stringify({ email: `term${i}-${Date.now()}@example.com`, password: PASSWORD });
      const socket = connect(Number(port), hostname);
      socket.write(
        `POST /auth/sign-up/email HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`,
      );
      let received = '';
      const reply = new Promise<string>((resolve) => {
        socket.on('data', (d) => {
          received += d;
        });
        socket.on('close', () => resolve(received));
        socket.on('error', () => resolve(received));
      });
      return { socket, body, reply };
    });
    await new Promise((r) => setTimeout(r, 300));
    const code = local.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    for (const p of pending) p.socket.write(p.body);
    const replies = await Promise.all(pending.map((p) => p.reply));
    for (const reply of replies) expect(reply).toMatch(/^HTTP\/1\.1 201 /);
    expect(await code).toBe(0);
    expect(local.output()).toContain('stopped');
  });
});
