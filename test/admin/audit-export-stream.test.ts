/**
 * The audit export through a real `node:http` server (`toNodeHandler`), on SQLite and
 * PostgreSQL: sent with chunked transfer encoding and no Content-Length, complete, and with
 * backpressure — the export writes no further than the socket takes. Over a Unix socket, whose
 * kernel buffer is small (about 200 KB), with an export of several megabytes (pages of 1,000
 * records of 2 KB): at every write, what the server has written minus what the client has
 * received stays under 1 MB. An export that ignored `write()` returning false would push a whole
 * 2 MB page into memory in one go (the lines of a page follow each other without giving the
 * event loop a turn, so the client cannot read meanwhile), and break that bound on the first page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/adapters/node.js';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import type { AuditRecord } from '../../src/store/ports/audit-store.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const RECORDS = 4_000;
const BOUND = 1024 * 1024;

describe.each(storeKinds)('audit export over node:http (%s)', (kind) => {
  let t: TestGatehouse;
  let operator: SignedInOperator;
  let server: Server;
  let dir: string;
  let socketPath: string;
  /** Bytes the server has written into the response body, and the most it ran ahead of the client. */
  const flow = { written: 0, received: 0, maxAhead: 0 };

  beforeAll(async () => {
    t = await openGatehouse(kind, { accessTokenTtl: 24 * 3600 });
    operator = await signInOperator(t);
    const start = t.clock.now() + 1;
    const padding = 'x'.repeat(1800);
    const records = Array.from(
      { length: RECORDS },
      (_, i): AuditRecord => ({
        id: newId('evt', start + i, systemRandom),
        type: 'user.updated',
        at: start + i,
        outcome: 'success',
        userId: null,
        sessionId: null,
        actorId: 'cli',
        targetId: null,
        ip: null,
        userAgent: null,
        data: { n: i, padding },
      }),
    );
    for (let i = 0; i < records.length; i += 100) {
      await Promise.all(records.slice(i, i + 100).map((r) => t.store.audit.append(r)));
    }
    t.clock.advance(RECORDS + 1000);

    const handle = toNodeHandler(t.gatehouse);
    server = createServer((req, res) => {
      const write = res.write.bind(res) as (chunk: string) => boolean;
      res.write = ((chunk: string) => {
        flow.written += Buffer.byteLength(chunk);
        flow.maxAhead = Math.max(flow.maxAhead, flow.written - flow.received);
        return write(chunk);
      }) as typeof res.write;
      void handle(req, res);
    });
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-export-'));
    socketPath = join(dir, 'http.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('is sent chunked without Content-Length, complete, never more than the socket holds ahead of the client', async () => {
    const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = request(
          {
            socketPath,
            path: '/auth/admin/audit/export?format=jsonl&type=user.updated',
            headers: { authorization: `Bearer ${operator.accessToken}` },
          },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (part: Buffer) => {
              flow.received += part.length;
              parts.push(part);
            });
            res.on('end', () =>
              resolve({ headers: res.headers, body: Buffer.concat(parts).toString('utf8') }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    expect(headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => e.data.n)).toEqual(Array.from({ length: RECORDS }, (_, i) => i));
    expect(flow.written).toBe(Buffer.byteLength(body));
    // Several megabytes went through, yet the server never ran a megabyte ahead of the reader.
    expect(flow.written).toBeGreaterThan(4 * BOUND);
    expect(flow.maxAhead).toBeLessThan(BOUND);
  });
});
