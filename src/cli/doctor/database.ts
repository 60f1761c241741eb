/**
 * The database as the server will find it: reachable, migrated, and holding signing keys that the
 * secret opens. A SQLite file that does not exist yet is not created here (the first start
 * creates it); nothing is written.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResolvedSettings } from '../../core/config.js';
import { systemRandom } from '../../core/random.js';
import { keySeal } from '../../crypto/key-seal.js';
import { storeFromUrl } from '../../store/from-url.js';
import type { Store } from '../../store/ports/store.js';
import { type CheckResult, fail, pass, reason, warn } from './check.js';
import type { SecretFinding } from './secret.js';
import { shownUrl } from './shown.js';

export interface DatabaseFindings {
  readonly checks: CheckResult[];
  /** The latest time the database recorded (a migration run, a key's creation), for the clock check. */
  readonly latestRecord?: number;
  /** Whether the database answered. */
  readonly reachable: boolean;
}

/** The database file a `sqlite:` URL names, read the way `storeFromUrl` reads it. */
export function sqliteFile(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const rest = databaseUrl.slice('sqlite:'.length);
  const file = rest.startsWith('//') ? rest.slice(2) : rest;
  return file === ':memory:' ? undefined : file;
}

export async function checkDatabase(
  settings: ResolvedSettings,
  secret: SecretFinding,
): Promise<DatabaseFindings> {
  const url = settings.databaseUrl;
  const shown = shownUrl(url);
  const file = sqliteFile(url);
  if (file !== undefined && !existsSync(file)) {
    if (!existsSync(dirname(file))) {
      return {
        reachable: false,
        checks: [
          fail(
            'database',
            `the directory of ${file} does not exist`,
            `Create it (mkdir -p ${dirname(file)}) or change database_url`,
          ),
        ],
      };
    }
    const later = 'Nothing to do: `gatehouse serve` (or `gatehouse migrate`) creates it';
    return {
      reachable: false,
      checks: [
        warn('database', `${file} does not exist yet`, later),
        warn(
          'migrations',
          'not applied yet (no database)',
          'Nothing to do: `gatehouse serve` applies them at start',
        ),
        warn('signing-keys', 'none yet (no database)', 'Nothing to do: the first start creates one'),
      ],
    };
  }

  let store: Store | undefined;
  try {
    store = await storeFromUrl(url, { tablePrefix: settings.tablePrefix });
    await store.ping();
  } catch (error) {
    await store?.close().catch(() => {});
    const fix = file
      ? `Check that ${file} is a SQLite database that this user can read and write`
      : `Check that ${/^(mysql|mariadb):/i.test(url) ? 'MySQL/MariaDB' : 'PostgreSQL'} is running and reachable from here, and the host, port, user, password and database name in database_url (GATEHOUSE_DATABASE_URL)`;
    return { reachable: false, checks: [fail('database', `cannot reach ${shown}: ${reason(error)}`, fix)] };
  }
  try {
    const checks = [pass('database', `${shown} answers`)];
    const migrations = await store.migrationStatus();
    const pending = migrations.filter((m) => m.executedAt === null).map((m) => m.name);
    const ran = migrations.flatMap((m) => (m.executedAt === null ? [] : [m.executedAt]));
    if (pending.length === 0) checks.push(pass('migrations', `all ${migrations.length} applied`));
    else if (store.kind === 'sqlite')
      checks.push(
        warn(
          'migrations',
          `${pending.length} pending: ${pending.join(', ')}`,
          '`gatehouse serve` applies them at start on SQLite, or run `gatehouse migrate`',
        ),
      );
    else
      checks.push(
        fail(
          'migrations',
          `${pending.length} pending: ${pending.join(', ')}; the server refuses to start until they are applied`,
          'Run `gatehouse migrate` (once per release, e.g. as a deploy step), or start one server with `gatehouse serve --migrate`',
        ),
      );
    const keys = pending.includes('0001_initial') ? undefined : await store.signingKeys.list();
    checks.push(signingKeys(keys, secret));
    const times = [...ran, ...(keys ?? []).map((k) => k.createdAt)];
    return { reachable: true, checks, ...(times.length > 0 ? { latestRecord: Math.max(...times) } : {}) };
  } catch (error) {
    return {
      reachable: true,
      checks: [
        fail(
          'database',
          `${shown} answers, but reading it failed: ${reason(error)}`,
          "Check the table_prefix setting and the database user's privileges",
        ),
      ],
    };
  } finally {
    await store.close().catch(() => {});
  }
}

function signingKeys(
  keys: ReadonlyArray<{ kid: string; sealedPrivateKey: string; retiredAt: number | null }> | undefined,
  secret: SecretFinding,
): CheckResult {
  if (!keys || keys.length === 0)
    return warn(
      'signing-keys',
      'none yet',
      'Nothing to do: the first start creates one (with the secret it then has)',
    );
  if (secret.value === undefined) {
    return fail(
      'signing-keys',
      `${keys.length} stored, but there is no secret to open them with (none is configured, or it is invalid)`,
      'Set GATEHOUSE_SECRET to the secret they were sealed with (restore the secrets file from a backup)',
    );
  }
  const seal = keySeal(secret.value, systemRandom, { secretSource: secret.source });
  const unopenable = keys.filter((key) => {
    try {
      createPrivateKey(seal.open(key.sealedPrivateKey));
      return false;
    } catch {
      return true;
    }
  });
  if (unopenable.length === 0) {
    const active = keys.filter((k) => k.retiredAt === null).length;
    return pass('signing-keys', `${keys.length} stored (${active} active), all open with ${secret.source}`);
  }
  return fail(
    'signing-keys',
    `${unopenable.length} of ${keys.length} cannot be opened with ${secret.source} (${unopenable.map((k) => k.kid).join(', ')}): the secret differs from the one that sealed them`,
    'Set GATEHOUSE_SECRET back to the secret the installation was started with (restore the secrets file from a backup); the server cannot start without it',
  );
}
