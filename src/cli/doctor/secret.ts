/**
 * The instance secret, which seals the signing keys, second-factor secrets and queued mail: set
 * (or, on SQLite, generated into a file beside the database), long enough, and not guessable.
 * Its value is handed on to open the signing keys, never shown.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ResolvedSettings } from '../../core/config.js';
import { secretFilePath } from '../../instance-secret.js';
import { type CheckResult, fail, pass, reason, warn } from './check.js';

export interface SecretFinding {
  readonly check: CheckResult;
  /** The secret the server would use, when it has one already. */
  readonly value?: string;
  /** Where it comes from, for messages. */
  readonly source: string;
  /** The generated secret file a SQLite installation uses, when it uses one. */
  readonly file?: string;
}

const MIN_LENGTH = 32;
// Below this many bits (by a character-frequency estimate) a secret is patterned, not random.
const MIN_BITS = 128;
/** Values from our own docs that an operator may have pasted. */
const EXAMPLES = new Set(['use-a-long-random-value-shared-by-every-process']);

const GENERATE = "node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"";
const KEEP_OLD =
  'An installation that already ran must keep the secret it started with: the keys sealed with it open with no other';

export function checkSecret(settings: ResolvedSettings, problems: readonly string[]): SecretFinding {
  const configured = 'GATEHOUSE_SECRET (or `secret`)';
  if (problems.length > 0) {
    return {
      source: configured,
      check: fail(
        'secret',
        problems.join('; '),
        `Set GATEHOUSE_SECRET in the secrets file to at least ${MIN_LENGTH} random characters, e.g. the output of ${GENERATE}. ${KEEP_OLD}`,
      ),
    };
  }
  if (settings.secret !== undefined) {
    const weak = guessable(settings.secret);
    return {
      source: configured,
      value: settings.secret,
      check: weak
        ? warn(
            'secret',
            `GATEHOUSE_SECRET is long enough but ${weak}`,
            `For a new installation, use a random value, e.g. the output of ${GENERATE}. ${KEEP_OLD}`,
          )
        : pass('secret', `GATEHOUSE_SECRET is set and looks random (${settings.secret.length} characters)`),
    };
  }
  if (!settings.databaseUrl.startsWith('sqlite:')) {
    return {
      source: configured,
      check: fail(
        'secret',
        'GATEHOUSE_SECRET is not set; PostgreSQL installations need it (every process must share it)',
        `Set GATEHOUSE_SECRET in the secrets file (or the environment) of every process to the same ${MIN_LENGTH}+ random characters, e.g. the output of ${GENERATE}`,
      ),
    };
  }
  const file = secretFilePath(settings.databaseUrl);
  if (!file)
    return {
      source: 'a per-process secret',
      check: pass('secret', 'in-memory database: a per-process secret'),
    };
  return { file, source: `the secret file ${file}`, check: generatedSecret(file) };
}

function generatedSecret(file: string): CheckResult {
  if (!existsSync(file))
    return pass('secret', `not set; the first start generates one in ${file} (mode 0600)`);
  let stored: string;
  try {
    stored = readFileSync(file, 'utf8').trim();
  } catch (error) {
    return fail(
      'secret',
      `${file} cannot be read: ${reason(error)}`,
      `Make ${file} readable by the user that runs gatehouse`,
    );
  }
  if (stored.length >= MIN_LENGTH) return pass('secret', `generated, in ${file}`);
  return fail(
    'secret',
    stored === ''
      ? `${file} is empty (a start was interrupted before it was written)`
      : `${file} is too short`,
    `If this database has no signing keys yet, delete ${file} and start again; otherwise restore it from a backup or set GATEHOUSE_SECRET to the original secret`,
  );
}

/** Why `secret` looks guessable, or undefined when it looks random. */
function guessable(secret: string): string | undefined {
  if (EXAMPLES.has(secret)) return 'is the example value from the documentation';
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const n of counts.values()) bitsPerChar -= (n / secret.length) * Math.log2(n / secret.length);
  return bitsPerChar * secret.length < MIN_BITS
    ? 'looks patterned (repeated characters or words)'
    : undefined;
}
