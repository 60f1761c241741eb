import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../src/core/errors.js';
import type { Logger } from '../../src/core/logger.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { unavailableLog } from '../../src/http/unavailable-log.js';
import { storeFromUrl } from '../../src/store/from-url.js';
import { TEST_SECRET } from '../support/gatehouse.js';

function recordingLogger() {
  const warnings: Array<{ obj: Record<string, unknown>; msg?: string }> = [];
  const noop = () => {};
  const logger: Logger = {
    debug: noop,
    info: noop,
    error: noop,
    warn: ((obj: Record<string, unknown>, msg?: string) => {
      warnings.push({ obj, msg });
    }) as unknown as Logger['warn'],
  };
  return { logger, warnings };
}

const failure = (code: string) =>
  new GatehouseError(
    'UNAVAILABLE',
    'The database is unavailable',
    {},
    {
      cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }),
    },
  );

describe('the cause of a 503 in the log', () => {
  it('logs each kind of cause once per interval, with how many it left out', () => {
    const { logger, warnings } = recordingLogger();
    let now = 0;
    const log = unavailableLog(logger, 10_000, () => now);
    log(failure('ECONNREFUSED'), 'r1');
    log(failure('ECONNREFUSED'), 'r2');
    log(failure('ECONNRESET'), 'r3');
    now = 10_000;
    log(failure('ECONNREFUSED'), 'r4');
    expect(
      warnings.map((w) => [w.obj.requestId, (w.obj.cause as { code: string }).code, w.obj.alsoSince]),
    ).toEqual([
      ['r1', 'ECONNREFUSED', undefined],
      ['r3', 'ECONNRESET', undefined],
      ['r4', 'ECONNREFUSED', 1],
    ]);
    expect(warnings[0]?.msg).toBe('answered 503: The database is unavailable');
  });

  it('leaves out 503s without a cause (a busy hash queue) and other errors', () => {
    const { logger, warnings } = recordingLogger();
    const log = unavailableLog(logger);
    log(
      new GatehouseError('UNAVAILABLE', 'The server is busy; try again shortly', { retryAfterSeconds: 1 }),
      'a',
    );
    log(new GatehouseError('RATE_LIMITED', 'Too many requests'), 'b');
    log(new Error('not ours'), 'c');
    expect(warnings).toEqual([]);
  });

  it('names the driver failure when the database cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const { logger, warnings } = recordingLogger();
    const store = await storeFromUrl(`postgres://nobody:not-the-password@127.0.0.1:${port}/none`);
    const gatehouse = createGatehouse({ store, secret: TEST_SECRET, logger, migrations: 'check' });
    try {
      const response = await gatehouse.handler(new Request('http://localhost/auth/session'));
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
      const logged = warnings.find((w) => w.msg?.startsWith('answered 503'));
      expect(logged?.obj.cause).toMatchObject({ code: 'ECONNREFUSED' });
      // The URL's password never reaches the log.
      expect(JSON.stringify(warnings)).not.toContain('not-the-password');
    } finally {
      await gatehouse.close();
    }
  });
});
