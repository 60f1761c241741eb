/**
 * `gatehouse serve`: the standalone server. One structured log line per request (method, path
 * without query, status, ms, request id — never a token, password, cookie or Authorization
 * header). SIGTERM/SIGINT stop accepting, let in-flight requests finish, then close the database.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import pino from 'pino';
import { toNodeHandler } from '../adapters/node.js';
import { createGatehouse } from '../create-gatehouse.js';
import { redactUrl } from './redact.js';
import type { LoadedSettings } from './settings-sources.js';

const SHUTDOWN_GRACE_MS = 10_000;
const REQUEST_ID = /^[\w.-]{1,64}$/;

export async function serve(loaded: LoadedSettings, options: { migrate: boolean }): Promise<void> {
  const { settings, server: where } = loaded;
  const logger = pino({ level: settings.logLevel, base: null });
  const isSqlite = settings.databaseUrl.startsWith('sqlite:');
  const gatehouse = createGatehouse({
    ...settings,
    logger,
    migrations: isSqlite || options.migrate ? 'apply' : 'check',
  });
  try {
    await gatehouse.ready();
  } catch (error) {
    await gatehouse.close().catch(() => {});
    throw error;
  }

  const handle = toNodeHandler(gatehouse, {
    context: (req) => ({ ip: req.socket.remoteAddress ?? null, requestId: requestIds.get(req) }),
  });
  const requestIds = new WeakMap<IncomingMessage, string>();
  const server = createServer((req, res) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const reqId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    requestIds.set(req, reqId);
    res.on('finish', () => {
      logger.info({
        reqId,
        method: req.method,
        path: (req.url ?? '/').split('?')[0],
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    handle(req, res).catch((error: unknown) => {
      logger.error(
        { err: error instanceof Error ? { type: error.name, message: error.message } : {} },
        'request failed',
      );
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal error' } }));
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : where.port;
  const shownHost = where.host.includes(':') ? `[${where.host}]` : where.host;
  logger.info({ database: redactUrl(settings.databaseUrl), files: loaded.files }, 'gatehouse started');
  process.stdout.write(
    `Gatehouse listening on http://${shownHost}:${port} (database ${redactUrl(settings.databaseUrl)})\n`,
  );
  if (!settings.baseUrl)
    logger.warn('GATEHOUSE_BASE_URL is not set; set it to the public URL before production use');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('grace period over; closing remaining connections');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    // Since Node 19, close() also ends idle keep-alive connections; busy ones finish first.
    server.close(() => {
      gatehouse
        .close()
        .then(() => {
          logger.info('stopped');
          process.exit(0);
        })
        .catch(() => process.exit(1));
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
