/**
 * `gatehouse init`: writes a working configuration — `gatehouse.toml` for the settings and the
 * secrets env file (`.env`, read by every command) for the instance secret and any URL that
 * carries a password — by asking a few questions, or from flags with `--yes`. Never overwrites
 * either file without `--force`; the secrets file is private (0600) from the moment it exists.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { settingsSchema } from '../core/config.js';
import { secretFilePath } from '../instance-secret.js';
import { shownUrl } from './doctor/shown.js';
import {
  type Answers,
  envText,
  hasPassword,
  InitError,
  tomlText,
  writeAtomically,
} from './init/config-files.js';
import { createPrompter, type Prompter } from './prompt.js';

export interface InitOptions {
  /** Where to write; default the current directory. */
  readonly dir?: string;
  /** Ask nothing: flags, else defaults. */
  readonly yes: boolean;
  /** Replace existing files. */
  readonly force: boolean;
  readonly databaseUrl?: string;
  readonly baseUrl?: string;
  readonly port?: string;
  readonly smtpUrl?: string;
  readonly mailFrom?: string;
}

const DEFAULTS = { database: './gatehouse.db', baseUrl: 'http://localhost:3000', smtpPort: '587' };

export async function init(options: InitOptions): Promise<void> {
  const dir = resolve(options.dir ?? '.');
  const configFile = join(dir, 'gatehouse.toml');
  const secretsFile = join(dir, '.env');
  for (const file of [configFile, secretsFile]) {
    if (existsSync(file) && !options.force)
      throw new InitError(`${file} already exists; nothing was written. Pass --force to overwrite it.`);
  }
  const answers = options.yes ? fromFlags(options) : await ask(options, dir);
  const secret = existingSqliteSecret(answers.databaseUrl, dir) ?? randomBytes(32).toString('base64url');
  const { port: _, ...settings } = answers;
  const parsed = settingsSchema.safeParse({ ...settings, secret });
  if (!parsed.success) {
    throw new InitError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }

  mkdirSync(dir, { recursive: true });
  const secrets = { GATEHOUSE_SECRET: secret } as Record<string, string>;
  if (hasPassword(answers.databaseUrl)) secrets.GATEHOUSE_DATABASE_URL = answers.databaseUrl;
  if (answers.smtpUrl && hasPassword(answers.smtpUrl)) secrets.GATEHOUSE_SMTP_URL = answers.smtpUrl;
  await writeAtomically(secretsFile, envText(secrets), 0o600, options.force);
  await writeAtomically(configFile, tomlText(answers), 0o644, options.force);

  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Wrote ${configFile}`);
  out(
    `Wrote ${secretsFile} (mode 0600): the instance secret${secrets.GATEHOUSE_DATABASE_URL ? ', the database URL' : ''}${secrets.GATEHOUSE_SMTP_URL ? ', the SMTP URL' : ''}.`,
  );
  out(`  Database: ${shownUrl(answers.databaseUrl)}`);
  out(`  Base URL: ${answers.baseUrl}`);
  out(
    `  Mail:     ${answers.smtpUrl ? `SMTP ${shownUrl(answers.smtpUrl)}` : 'printed to the log (console; development only)'}`,
  );
  out('');
  out(`Keep ${basename(secretsFile)} out of version control and back it up: without the secret, the`);
  out('signing keys and second-factor secrets in the database cannot be opened.');
  out('Next, in that directory:');
  out('  gatehouse doctor     check the installation');
  if (!answers.databaseUrl.startsWith('sqlite:')) out('  gatehouse migrate    create the tables');
  out('  gatehouse serve      start the server');
}

function fromFlags(options: InitOptions): Answers {
  const problem = (what: string, value: string, check: (v: string) => string | undefined) => {
    const reason = check(value);
    if (reason) throw new InitError(`${what}: ${reason}`);
    return value;
  };
  const databaseUrl = databaseUrlOf(
    problem('--database-url', options.databaseUrl ?? DEFAULTS.database, checkDatabase),
  );
  const baseUrl = problem('--base-url', options.baseUrl ?? DEFAULTS.baseUrl, checkBaseUrl);
  const port = problem('--port', options.port ?? defaultPort(baseUrl), checkPort);
  const smtpUrl = options.smtpUrl && problem('--smtp-url', options.smtpUrl, checkSmtpUrl);
  return {
    databaseUrl,
    baseUrl: trimSlash(baseUrl),
    port: Number(port),
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(options.mailFrom
      ? { mailFrom: options.mailFrom }
      : smtpUrl
        ? { mailFrom: defaultFrom(baseUrl) }
        : {}),
  };
}

async function ask(options: InitOptions, dir: string): Promise<Answers> {
  const prompt = createPrompter();
  try {
    process.stdout.write(`Writing gatehouse.toml and .env in ${dir}. Press Enter to take the [default].\n`);
    const databaseUrl = databaseUrlOf(
      options.databaseUrl ??
        (await prompt.ask('Database: a SQLite file path, or a postgres:// or mysql:// URL', {
          default: DEFAULTS.database,
          check: checkDatabase,
        })),
    );
    const baseUrl = trimSlash(
      options.baseUrl ??
        (await prompt.ask('Public base URL', { default: DEFAULTS.baseUrl, check: checkBaseUrl })),
    );
    const port =
      options.port ??
      (await prompt.ask('Port to listen on', { default: defaultPort(baseUrl), check: checkPort }));
    const smtpUrl = options.smtpUrl ?? (await askSmtp(prompt));
    const mailFrom =
      options.mailFrom ??
      (smtpUrl
        ? await prompt.ask('Sender (From) of mails', { default: defaultFrom(baseUrl), check: checkFrom })
        : undefined);
    return {
      databaseUrl,
      baseUrl,
      port: Number(port),
      ...(smtpUrl ? { smtpUrl } : {}),
      ...(mailFrom ? { mailFrom } : {}),
    };
  } finally {
    prompt.close();
  }
}

/** An SMTP URL from host, port and login, or undefined for the console transport. */
async function askSmtp(prompt: Prompter): Promise<string | undefined> {
  const transport = await prompt.ask('Mail: console (development; mails go to the log) or smtp', {
    default: 'console',
    check: (a) => (['console', 'smtp'].includes(a.toLowerCase()) ? undefined : 'answer console or smtp'),
  });
  if (transport.toLowerCase() === 'console') return undefined;
  const host = await prompt.ask('SMTP host', {
    check: (a) => (/^[\w.:[\]-]+$/.test(a) ? undefined : 'a host name or address, e.g. smtp.example.com'),
  });
  const port = await prompt.ask('SMTP port (465 for implicit TLS)', {
    default: DEFAULTS.smtpPort,
    check: checkPort,
  });
  const user = await prompt.ask('SMTP user (empty for none)', { default: '' });
  const password = user ? await prompt.ask('SMTP password', { secret: true, default: '' }) : '';
  const login = user ? `${encode(user)}${password ? `:${encode(password)}` : ''}@` : '';
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${port === '465' ? 'smtps' : 'smtp'}://${login}${shownHost}:${port}`;
}

// encodeURIComponent leaves ' unescaped, which the env file would then have to quote around.
const encode = (s: string) => encodeURIComponent(s).replaceAll("'", '%27');
const trimSlash = (url: string) => url.replace(/\/+$/, '');
const defaultFrom = (baseUrl: string) => `Gatehouse <no-reply@${new URL(baseUrl).hostname}>`;

/** The base URL's port when it names one, else 3000 (serve's default). */
function defaultPort(baseUrl: string): string {
  return URL.canParse(baseUrl) ? new URL(baseUrl).port || '3000' : '3000';
}

function databaseUrlOf(answer: string): string {
  return /^(postgres(ql)?|mysql|mariadb|sqlite):/i.test(answer) ? answer : `sqlite:${answer}`;
}

function checkDatabase(answer: string): string | undefined {
  if (/^postgres(ql)?:\/\//i.test(answer)) {
    return URL.canParse(answer) && new URL(answer).hostname
      ? undefined
      : 'not a valid URL; e.g. postgres://user:password@db.internal:5432/gatehouse';
  }
  if (/^(mysql|mariadb):\/\//i.test(answer)) {
    // The MySQL store needs the database named in the URL (it refuses one without).
    return URL.canParse(answer) && new URL(answer).hostname && /^\/[^/]+$/.test(new URL(answer).pathname)
      ? undefined
      : 'not a valid URL with a database; e.g. mysql://user:password@db.internal:3306/gatehouse';
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(answer))
    return 'use a SQLite file path, or a postgres:// or mysql:// URL';
  return answer === '' || answer === 'sqlite:' ? 'a file path, e.g. ./gatehouse.db' : undefined;
}

function checkBaseUrl(answer: string): string | undefined {
  return URL.canParse(answer) && /^https?:$/.test(new URL(answer).protocol)
    ? undefined
    : 'an http:// or https:// URL, e.g. https://auth.example.com';
}

function checkPort(answer: string): string | undefined {
  return /^\d{1,5}$/.test(answer) && Number(answer) >= 1 && Number(answer) <= 65535
    ? undefined
    : 'a port number (1–65535)';
}

function checkSmtpUrl(answer: string): string | undefined {
  return URL.canParse(answer) && /^smtps?:$/.test(new URL(answer).protocol)
    ? undefined
    : 'an smtp:// or smtps:// URL, e.g. smtp://user:password@smtp.example.com:587';
}

function checkFrom(answer: string): string | undefined {
  return answer.includes('@') ? undefined : 'an address, e.g. Example <no-reply@example.com>';
}

/**
 * The secret an existing SQLite database was started with (its generated secret file), so the
 * new configuration still opens the signing keys sealed with it. Relative paths are the server's,
 * which runs in `dir`.
 */
function existingSqliteSecret(databaseUrl: string, dir: string): string | undefined {
  const file = secretFilePath(databaseUrl);
  if (!file) return undefined;
  const path = isAbsolute(file) ? file : join(dir, file);
  if (!existsSync(path)) return undefined;
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) return undefined;
  process.stdout.write(`Using the secret of the existing database, from ${path}.\n`);
  return secret;
}
