/**
 * better-auth behind a plain `node:http` server, one process, for the side-by-side run in
 * `npm run bench` (bench/compare/). Plain JavaScript run by plain `node`, as `gatehouse serve`
 * runs from dist/. Configured to match Gatehouse where the comparison needs it:
 *
 * - SQLite through better-sqlite3 (better-auth's Kysely adapter), with the pragmas of Gatehouse's
 *   SQLite store (src/store/sqlite.ts): WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys.
 * - Passwords: Argon2id through @node-rs/argon2 at Gatehouse's parameters (m=19456, t=2, p=1)
 *   instead of better-auth's default scrypt.
 * - Rate limits off, as the bench runs Gatehouse with GATEHOUSE_RATE_LIMITS=off.
 * - Base path `/auth`, so sign-up and sign-in have Gatehouse's paths.
 *
 * Environment: BA_DATABASE (SQLite file), BA_SECRET, BA_COOKIE_CACHE=1 for `session.cookieCache`
 * (off by default, as in better-auth), BA_MIGRATE=1 to create the tables before listening.
 */
import { createServer } from 'node:http';
import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins/jwt';
import Database from 'better-sqlite3';

// Gatehouse's parameters (src/crypto/password-hasher.ts, ARGON2_MINIMUM); 2 is Argon2id.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 };

const file = process.env.BA_DATABASE;
if (!file) throw new Error('BA_DATABASE is not set');
const database = new Database(file, { timeout: 5_000 });
database.pragma('journal_mode = WAL');
database.pragma('busy_timeout = 5000');
database.pragma('foreign_keys = ON');
database.pragma('synchronous = NORMAL');

const options = {
  database,
  secret: process.env.BA_SECRET,
  basePath: '/auth',
  telemetry: { enabled: false },
  rateLimit: { enabled: false },
  emailAndPassword: {
    enabled: true,
    password: {
      hash: (password) => hash(password, ARGON2),
      verify: ({ hash: stored, password }) => verify(stored, password),
    },
  },
  session: { cookieCache: { enabled: process.env.BA_COOKIE_CACHE === '1' } },
  // GET /auth/token: a short-lived JWT for the session cookie, the closest thing to a refresh.
  // Not on every session check: that would sign a JWT per GET /auth/get-session.
  plugins: [jwt({ disableSettingJwtHeader: true })],
};

if (process.env.BA_MIGRATE === '1') {
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
}

// The port is known only once listening; better-auth wants its base URL (else it warns, and
// derives it from every request), so the handler is made then, before the port is announced.
let handle = (_req, res) => {
  res.writeHead(503).end();
};
const server = createServer((req, res) => handle(req, res));
// The same keep-alive window as `gatehouse serve`.
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseURL = `http://127.0.0.1:${port}`;
  handle = toNodeHandler(betterAuth({ ...options, baseURL }));
  process.stdout.write(`listening on ${baseURL}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => {
    database.close();
    process.exit(0);
  });
  server.closeIdleConnections();
});
