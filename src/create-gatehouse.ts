/**
 * `createGatehouse(options)`: the facade wired with defaults — the database from
 * `databaseUrl` (SQLite `./gatehouse.db` unless told otherwise), Argon2id, the system clock and
 * CSPRNG, and a pino logger. Pass any of them to replace it.
 */
import pino from 'pino';
import { type Clock, systemClock } from './core/clock.js';
import { resolveSettings, type Settings } from './core/config.js';
import type { Logger } from './core/logger.js';
import { type Random, systemRandom } from './core/random.js';
import { argon2Hasher, type PasswordHasher } from './crypto/password-hasher.js';
import { mailerFromSettings } from './delivery/from-settings.js';
import type { Mailer } from './delivery/mailer.js';
import { smsSenderFromSettings } from './delivery/sms/from-settings.js';
import type { SmsSender } from './delivery/sms/sms-sender.js';
import { createGatehouseWith, type Gatehouse } from './gatehouse.js';
import { resolveInstanceSecret, secretFilePath, secretRequired } from './instance-secret.js';
import type { Hooks } from './services/events/hooks.js';
import type { OutboundFetch } from './services/outbound-fetch.js';
import { storeFromUrl } from './store/from-url.js';
import type { Store } from './store/ports/store.js';

export interface GatehouseOptions extends Settings {
  /** Use this store instead of opening `databaseUrl`. Requires `secret` unless it is in memory. */
  store?: Store;
  hasher?: PasswordHasher;
  clock?: Clock;
  random?: Random;
  logger?: Logger;
  /**
   * `apply` (default on SQLite) runs pending migrations at start; `check` (default on
   * PostgreSQL) refuses to start while migrations are pending — run `gatehouse migrate`.
   */
  migrations?: 'apply' | 'check';
  /** Before-hooks that may refuse or adjust an operation (see docs/events.md). */
  hooks?: Hooks;
  /** Mail delivery; default from `mailTransport` (SMTP when `smtpUrl` is set, otherwise the console). */
  mailer?: Mailer;
  /** Text-message delivery; default from `sms.transport` (the console unless set). */
  smsSender?: SmsSender;
  /** Calls outside providers (discovery, tokens, user APIs, ID-token keys); the global `fetch` by default. */
  fetch?: OutboundFetch;
}

/**
 * @example
 * const gatehouse = createGatehouse({ databaseUrl: 'sqlite:./app.db', baseUrl: 'https://app.example.com' });
 * const { user, accessToken } = await gatehouse.signUp({ email: 'ada@example.com', password: 'a long passphrase' });
 */
export function createGatehouse(options: GatehouseOptions = {}): Gatehouse {
  const { store, hasher, clock, random, logger, migrations, hooks, mailer, smsSender, fetch, ...rest } =
    options;
  const settings = resolveSettings(rest);
  const rng = random ?? systemRandom;
  const resolvedStore =
    store ??
    storeFromUrl(settings.databaseUrl, {
      tablePrefix: settings.tablePrefix,
      poolSize: settings.databasePoolSize,
    });
  const kind = store?.kind ?? (settings.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres');
  const log = logger ?? pino({ level: settings.logLevel, base: null });
  let secret: string | Promise<string>;
  let secretSource = 'GATEHOUSE_SECRET or the `secret` setting';
  if (settings.secret) secret = settings.secret;
  else if (store && store.kind !== 'sqlite') secret = Promise.reject(secretRequired());
  else if (store) {
    log.warn(
      'no `secret` given with a custom store: signing keys are sealed with a per-process secret and will not open after a restart',
    );
    secret = resolveInstanceSecret('sqlite::memory:', rng);
    secretSource = 'a per-process secret (no `secret` was given)';
  } else {
    secret = resolveInstanceSecret(settings.databaseUrl, rng);
    const file = secretFilePath(settings.databaseUrl);
    secretSource = file ? `the secret file ${file}` : 'a per-process secret (in-memory database)';
  }
  return createGatehouseWith({
    settings,
    store: resolvedStore,
    secret,
    secretSource,
    hasher:
      hasher ??
      argon2Hasher(settings.argon2, {
        queueLimit: settings.hashQueueLimit,
        ...(settings.firebaseScrypt ? { firebaseScrypt: settings.firebaseScrypt } : {}),
      }),
    clock: clock ?? systemClock,
    random: rng,
    logger: log,
    migrations: migrations ?? (kind === 'sqlite' ? 'apply' : 'check'),
    ...(hooks ? { hooks } : {}),
    ...(fetch ? { fetch } : {}),
    mailer: mailer ?? mailerFromSettings(settings),
    smsSender: smsSender ?? smsSenderFromSettings(settings),
  });
}
