/**
 * Where `gatehouse serve` and the other commands get their settings, highest first:
 * command-line flags > `GATEHOUSE_*` environment > a secrets env file (`.env` by default) >
 * `gatehouse.toml` > defaults. Every value remembers where it came from, so a bad one is
 * reported by the name the operator actually wrote.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { type ResolvedSettings, SettingsError, settingsSchema } from '../core/config.js';

type Kind = 'string' | 'number' | 'list' | 'boolean' | 'json';

/** Each setting: its key in the schema, its kind, and its names in env and TOML. */
const KEYS: ReadonlyArray<{ key: string; kind: Kind }> = [
  { key: 'baseUrl', kind: 'string' },
  { key: 'basePath', kind: 'string' },
  { key: 'databaseUrl', kind: 'string' },
  { key: 'databasePoolSize', kind: 'number' },
  { key: 'tablePrefix', kind: 'string' },
  { key: 'secret', kind: 'string' },
  { key: 'issuer', kind: 'string' },
  { key: 'audience', kind: 'string' },
  { key: 'accessTokenTtl', kind: 'number' },
  { key: 'sessionIdleTtl', kind: 'number' },
  { key: 'sessionAbsoluteTtl', kind: 'number' },
  { key: 'refreshReuseGrace', kind: 'number' },
  { key: 'cookies.accessName', kind: 'string' },
  { key: 'cookies.refreshName', kind: 'string' },
  { key: 'cookies.domain', kind: 'string' },
  { key: 'cookies.sameSite', kind: 'string' },
  { key: 'passwordMinLength', kind: 'number' },
  { key: 'argon2.memoryCost', kind: 'number' },
  { key: 'argon2.timeCost', kind: 'number' },
  { key: 'argon2.parallelism', kind: 'number' },
  { key: 'bodyLimit', kind: 'number' },
  { key: 'trustedOrigins', kind: 'list' },
  { key: 'mailTransport', kind: 'string' },
  { key: 'ses.region', kind: 'string' },
  { key: 'ses.endpoint', kind: 'string' },
  { key: 'ses.configurationSet', kind: 'string' },
  { key: 'smtpUrl', kind: 'string' },
  { key: 'mailFrom', kind: 'string' },
  { key: 'mailTemplatesDir', kind: 'string' },
  { key: 'emailVerificationTtl', kind: 'number' },
  { key: 'passwordResetTtl', kind: 'number' },
  { key: 'requireEmailVerified', kind: 'boolean' },
  { key: 'emailChangeTtl', kind: 'number' },
  { key: 'verificationResendInterval', kind: 'number' },
  { key: 'notifyNewDevice', kind: 'boolean' },
  { key: 'accountDeletion', kind: 'string' },
  { key: 'deletedRetentionDays', kind: 'number' },
  { key: 'recordRetentionDays', kind: 'number' },
  { key: 'auditRetentionDays', kind: 'number' },
  { key: 'profileMetadataLimit', kind: 'number' },
  { key: 'webhooks', kind: 'json' },
  { key: 'rateLimits', kind: 'string' },
  { key: 'limits', kind: 'json' },
  { key: 'lockout.threshold', kind: 'number' },
  { key: 'lockout.baseSeconds', kind: 'number' },
  { key: 'lockout.maxSeconds', kind: 'number' },
  { key: 'trustedProxies', kind: 'list' },
  { key: 'redisUrl', kind: 'string' },
  { key: 'firebaseScrypt.signerKey', kind: 'string' },
  { key: 'firebaseScrypt.saltSeparator', kind: 'string' },
  { key: 'firebaseScrypt.rounds', kind: 'number' },
  { key: 'firebaseScrypt.memCost', kind: 'number' },
  { key: 'hashQueueLimit', kind: 'number' },
  { key: 'breachedPasswords.enabled', kind: 'boolean' },
  { key: 'breachedPasswords.url', kind: 'string' },
  { key: 'breachedPasswords.timeoutMs', kind: 'number' },
  { key: 'breachedPasswords.onError', kind: 'string' },
  { key: 'corsOrigins', kind: 'list' },
  { key: 'usernames.reserved', kind: 'list' },
  { key: 'pages.enabled', kind: 'boolean' },
  { key: 'pages.productName', kind: 'string' },
  { key: 'pages.logoUrl', kind: 'string' },
  { key: 'pages.themeCssUrl', kind: 'string' },
  { key: 'pages.colors.accent', kind: 'string' },
  { key: 'pages.colors.onAccent', kind: 'string' },
  { key: 'pages.colors.accentDark', kind: 'string' },
  { key: 'pages.colors.onAccentDark', kind: 'string' },
  { key: 'pages.templatesDir', kind: 'string' },
  { key: 'pages.console', kind: 'boolean' },
  { key: 'mfa.pendingTtl', kind: 'number' },
  { key: 'mfa.maxAttempts', kind: 'number' },
  { key: 'mfa.lockBaseSeconds', kind: 'number' },
  { key: 'mfa.lockMaxSeconds', kind: 'number' },
  { key: 'mfa.reauthMaxAge', kind: 'number' },
  { key: 'mfa.totpIssuer', kind: 'string' },
  { key: 'mfa.recoveryCodesLowAt', kind: 'number' },
  { key: 'passkeys.rpId', kind: 'string' },
  { key: 'passkeys.rpName', kind: 'string' },
  { key: 'passkeys.origins', kind: 'list' },
  { key: 'passkeys.userVerification', kind: 'string' },
  { key: 'passkeys.challengeTtl', kind: 'number' },
  { key: 'sms.transport', kind: 'string' },
  { key: 'sms.codeTtl', kind: 'number' },
  { key: 'sms.maxAttempts', kind: 'number' },
  { key: 'sms.resendInterval', kind: 'number' },
  { key: 'sms.perAccount', kind: 'json' },
  { key: 'sms.outbox', kind: 'boolean' },
  { key: 'sms.twilio.accountSid', kind: 'string' },
  { key: 'sms.twilio.authToken', kind: 'string' },
  { key: 'sms.twilio.from', kind: 'string' },
  { key: 'sms.twilio.messagingServiceSid', kind: 'string' },
  { key: 'sms.twilio.baseUrl', kind: 'string' },
  { key: 'sms.sns.region', kind: 'string' },
  { key: 'sms.sns.endpoint', kind: 'string' },
  { key: 'sms.sns.senderId', kind: 'string' },
  { key: 'openSignUp', kind: 'boolean' },
  { key: 'passwordless.enabled', kind: 'boolean' },
  { key: 'passwordless.linkTtl', kind: 'number' },
  { key: 'passwordless.codeTtl', kind: 'number' },
  { key: 'passwordless.maxAttempts', kind: 'number' },
  { key: 'pats.maxPerUser', kind: 'number' },
  { key: 'pats.maxLifetimeDays', kind: 'number' },
  { key: 'admin.requireMfa', kind: 'boolean' },
  { key: 'admin.impersonationTtl', kind: 'number' },
  { key: 'admin.notifyImpersonatedUser', kind: 'boolean' },
  { key: 'identities.autoLink', kind: 'boolean' },
  { key: 'idTokens.providers', kind: 'json' },
  { key: 'oauth.providers', kind: 'json' },
  { key: 'oauth.redirectUrls', kind: 'list' },
  { key: 'oauth.defaultRedirect', kind: 'string' },
  { key: 'oauth.flowTtl', kind: 'number' },
  { key: 'oauth.clientSecrets', kind: 'json' },
  { key: 'logLevel', kind: 'string' },
  { key: 'server.port', kind: 'number' },
  { key: 'server.host', kind: 'string' },
  { key: 'server.headersTimeout', kind: 'number' },
  { key: 'server.requestTimeout', kind: 'number' },
  { key: 'server.maxConnections', kind: 'number' },
];

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const envName = (key: string) =>
  `GATEHOUSE_${snake(key.replace('server.', '').replaceAll('.', '_')).toUpperCase()}`;
const tomlName = (key: string) => key.split('.').map(snake).join('.');

export interface ServerSettings {
  readonly port: number;
  readonly host: string;
  /** Seconds a client has to send a request's headers; then 408 and the connection is closed. */
  readonly headersTimeout: number;
  /** Seconds a client has to send a whole request, body included; then 408 and closed. */
  readonly requestTimeout: number;
  /** Open connections at most; past it, new connections are closed at once. */
  readonly maxConnections: number;
}

/** Short enough that a trickling client cannot hold a connection for long; see docs/configuration.md. */
export const SERVER_DEFAULTS = { headersTimeout: 10, requestTimeout: 30, maxConnections: 1024 } as const;

export interface LoadedSettings {
  readonly settings: ResolvedSettings;
  readonly server: ServerSettings;
  /** Which files were read. */
  readonly files: string[];
}

export interface LoadOptions {
  readonly configPath?: string;
  readonly secretsPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Highest-priority values, keyed like `KEYS` (e.g. `server.port`). */
  readonly flags?: Readonly<Record<string, string | number | undefined>>;
  readonly cwd?: string;
}

function convert(kind: Kind, raw: unknown, source: string): unknown {
  if (kind === 'number' && typeof raw === 'string') {
    const n = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(n))
      throw new SettingsError(`${source}: expected a number, got "${raw}"`, [source]);
    return n;
  }
  if (kind === 'boolean' && typeof raw === 'string') {
    if (/^(true|1|yes|on)$/i.test(raw.trim())) return true;
    if (/^(false|0|no|off)$/i.test(raw.trim())) return false;
    throw new SettingsError(`${source}: expected true or false, got "${raw}"`, [source]);
  }
  if (kind === 'json' && typeof raw === 'string') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      throw new SettingsError(`${source}: expected JSON`, [source]);
    }
  }
  if (kind === 'list' && typeof raw === 'string')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return raw;
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      camelKeys(v),
    ]),
  );
}

function lookup(table: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      table,
    );
}

export function loadSettings(options: LoadOptions = {}): LoadedSettings {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const files: string[] = [];
  const values = new Map<string, { value: unknown; source: string }>();

  const configPath = options.configPath ?? env.GATEHOUSE_CONFIG ?? `${cwd}/gatehouse.toml`;
  if (existsSync(configPath)) {
    files.push(configPath);
    let toml: Record<string, unknown>;
    try {
      toml = parseToml(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new SettingsError(`${configPath}: not valid TOML (${(error as Error).message.split('\n')[0]})`, [
        configPath,
      ]);
    }
    const known = new Set(KEYS.map((k) => tomlName(k.key)));
    // Tables nest (`[sms.twilio]`) down to a known key; a known key's value is its own business.
    const check = (table: Record<string, unknown>, prefix: string): void => {
      for (const [k, v] of Object.entries(table)) {
        const name = `${prefix}${k}`;
        if (known.has(name)) continue;
        if (v && typeof v === 'object' && !Array.isArray(v)) check(v as Record<string, unknown>, `${name}.`);
        else throw new SettingsError(`${configPath}: unknown setting "${name}"`, [name]);
      }
    };
    check(toml, '');
    for (const { key, kind } of KEYS) {
      const raw = lookup(toml, tomlName(key));
      const source = `${configPath} ${tomlName(key)}`;
      // Structured settings are written in TOML's snake_case all the way down.
      const value = kind === 'json' ? camelKeys(raw) : raw;
      if (raw !== undefined) values.set(key, { value: convert(kind, value, source), source });
    }
  } else if (options.configPath) {
    throw new SettingsError(`Config file not found: ${options.configPath}`, ['config']);
  }

  const secretsPath = options.secretsPath ?? env.GATEHOUSE_SECRETS_FILE ?? `${cwd}/.env`;
  const fromFile = existsSync(secretsPath) ? parseEnv(readFileSync(secretsPath, 'utf8')) : {};
  if (existsSync(secretsPath)) files.push(secretsPath);
  else if (options.secretsPath)
    throw new SettingsError(`Secrets file not found: ${options.secretsPath}`, ['secrets']);

  for (const [layer, vars] of [
    [secretsPath, fromFile],
    ['environment', env],
  ] as const) {
    for (const { key, kind } of KEYS) {
      const names =
        key === 'databaseUrl'
          ? ['DATABASE_URL', envName(key)]
          : key === 'server.port'
            ? ['PORT', envName(key)]
            : [envName(key)];
      for (const name of names) {
        const raw = vars[name];
        const source = layer === 'environment' ? name : `${layer} ${name}`;
        if (raw !== undefined && raw !== '') values.set(key, { value: convert(kind, raw, source), source });
      }
    }
  }
  for (const [key, raw] of Object.entries(options.flags ?? {})) {
    const spec = KEYS.find((k) => k.key === key);
    if (spec && raw !== undefined)
      values.set(key, {
        value: convert(spec.kind, raw, `--${key.replace('server.', '')}`),
        source: `--${key.replace('server.', '')}`,
      });
  }

  const input: Record<string, unknown> = {};
  for (const [key, { value }] of values) {
    if (key.startsWith('server.')) continue;
    const path = key.split('.');
    const leaf = path.pop() as string;
    let table = input;
    for (const part of path) {
      table[part] ??= {};
      table = table[part] as Record<string, unknown>;
    }
    table[leaf] = value;
  }
  const parsed = settingsSchema.safeParse(input);
  const port = values.get('server.port')?.value ?? 3000;
  const host = values.get('server.host')?.value ?? 'localhost';
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      // A value inside a structured setting (`webhooks.0.secret`) is named by where the whole
      // setting came from, plus the path within it.
      let where: string | undefined;
      for (let n = issue.path.length; n > 0 && where === undefined; n--) {
        const source = values.get(issue.path.slice(0, n).join('.'))?.source;
        if (source) where = n === issue.path.length ? source : `${source} (${key})`;
      }
      problems.push(`${where ?? key}: ${issue.message}`);
    }
  }
  if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) {
    problems.push(`${values.get('server.port')?.source}: must be a port number (0–65535)`);
  }
  if (typeof host !== 'string' || host === '')
    problems.push(`${values.get('server.host')?.source}: must be a host name`);
  const connections = serverLimits(values, problems);
  if (problems.length > 0 || !parsed.success) {
    throw new SettingsError(`Invalid settings:\n${problems.map((p) => `  ${p}`).join('\n')}`, problems);
  }
  return {
    settings: parsed.data,
    server: { port: port as number, host: host as string, ...connections },
    files,
  };
}

/**
 * The timeouts and the connection cap, checked. A request timeout set below the default headers
 * timeout lowers the latter to match (as Node does), rather than failing over a value the
 * operator never wrote.
 */
function serverLimits(
  values: ReadonlyMap<string, { value: unknown; source: string }>,
  problems: string[],
): Pick<ServerSettings, 'headersTimeout' | 'requestTimeout' | 'maxConnections'> {
  const whole = (key: string, fallback: number, max: number, what: string): number => {
    const entry = values.get(key);
    if (!entry) return fallback;
    const n = entry.value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
      problems.push(`${entry.source}: must be a whole number${what}`);
      return fallback;
    }
    return n;
  };
  const seconds = ' of seconds, at least 1 (at most a day, 86400)';
  const requestTimeout = whole('server.requestTimeout', SERVER_DEFAULTS.requestTimeout, 86_400, seconds);
  const headersTimeout = whole(
    'server.headersTimeout',
    Math.min(SERVER_DEFAULTS.headersTimeout, requestTimeout),
    86_400,
    seconds,
  );
  const maxConnections = whole(
    'server.maxConnections',
    SERVER_DEFAULTS.maxConnections,
    Number.MAX_SAFE_INTEGER,
    ', at least 1',
  );
  if (headersTimeout > requestTimeout) {
    problems.push(
      `${values.get('server.headersTimeout')?.source}: must not be longer than the request timeout (${requestTimeout} s)`,
    );
  }
  return { headersTimeout, requestTimeout, maxConnections };
}
