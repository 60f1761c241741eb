/**
 * `gatehouse serve`: the standalone server. One structured log line per request (method, path
 * without query, status, ms, request id — never a token, password, cookie or Authorization
 * header). A client gets `server.headersTimeout` seconds for its headers and
 * `server.requestTimeout` for the whole request, and at most `server.maxConnections` are open at
 * once, so slow or idle clients cannot hold the server. SIGTERM/SIGINT stop accepting, let
 * in-flight requests finish, then close the database.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerOptions } from 'node:http';
import pino from 'pino';
import { toNodeHandler } from '../adapters/node.js';
import { createGatehouse } from '../create-gatehouse.js';
import { printsMailedLinks, printsTextedCodes } from './doctor/production.js';
import { redactUrl } from './redact.js';
import type { LoadedSettings } from './settings-sources.js';

const SHUTDOWN_GRACE_MS = 10_000;
const REQUEST_ID = /^[\w.-]{1,64}$/;
// Dropped connections come in floods when they come at all: one log line per this period.
const DROP_LOG_INTERVAL_MS = 60_000;

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

  if (printsMailedLinks(settings)) {
    logger.warn(
      'MAIL IS NOT SENT: baseUrl is https but no mail transport is configured, so every mailed link (email verification, password reset, email change) is printed to stdout instead of being delivered, where anyone who reads the logs can use it. Set GATEHOUSE_SMTP_URL (or mail_transport = "ses").',
    );
  }

  if (printsTextedCodes(settings)) {
    logger.warn(
      'SMS IS NOT SENT: baseUrl is https but no SMS transport is configured, so every text-message code (phone setup, SMS sign-in) is printed to stdout instead of being delivered. Set GATEHOUSE_SMS_TRANSPORT to "twilio" or "sns" (or "console" to keep printing them).',
    );
  }

  const handle = toNodeHandler(gatehouse, {
    context: (req) => ({ ip: req.socket.remoteAddress ?? null, requestId: requestIds.get(req) }),
  });
  const requestIds = new WeakMap<IncomingMessage, string>();
  const server = createServer(listenerOptions(where), (req, res) => {
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
  server.maxConnections = where.maxConnections;
  let dropped = 0;
  let lastDropLog = 0;
  server.on('drop', () => {
    dropped++;
    if (Date.now() - lastDropLog < DROP_LOG_INTERVAL_MS) return;
    lastDropLog = Date.now();
    logger.warn(
      { dropped, maxConnections: where.maxConnections },
      'connection limit reached: new connections are being closed (server.maxConnections)',
    );
    dropped = 0;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : where.port;
  const shownHost = where.host.includes(':') ? `[${where.host}]` : where.host;
  // Before the line that tells a supervisor we are up: a SIGTERM sent right after reading it must
  // find the handler in place, or the default action kills the process mid-start.
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
  logger.info({ database: redactUrl(settings.databaseUrl), files: loaded.files }, 'gatehouse started');
  process.stdout.write(
    `Gatehouse listening on http://${shownHost}:${port} (database ${redactUrl(settings.databaseUrl)})\n`,
  );
  if (!settings.baseUrl)
    logger.warn('GATEHOUSE_BASE_URL is not set; set it to the public URL before production use');
}

/**
 * Node's defaults (60 s for headers, 300 s for a request) let a trickling client hold a
 * connection for minutes; these are the operator's, in milliseconds.
 */
function listenerOptions(where: LoadedSettings['server']): ServerOptions {
  return {
    headersTimeout: where.headersTimeout * 1000,
    requestTimeout: where.requestTimeout * 1000,
    // Node enforces both timeouts only when it sweeps its connections (every 30 s by default),
    // which would let a client overstay a 10 s limit by up to 30 s.
    connectionsCheckingInterval: Math.min(1_000, (where.headersTimeout * 1000) / 2),
  };
}
