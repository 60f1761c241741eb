/**
 * Where the secret that seals signing keys comes from when none is configured:
 * - a SQLite file database gets a random secret in a file beside it (`gatehouse.db` →
 *   `gatehouse.secret`, mode 0600 whatever the umask), created on first start — kept out of the
 *   database, so a copy of the database alone does not yield the signing keys;
 * - an in-memory database gets a random secret that lives as long as the process;
 * - PostgreSQL requires `GATEHOUSE_SECRET`: every process must share it.
 *
 * The file is published atomically (written and synced under a temporary name, then hard-linked
 * into place), so a start that crashes at any moment leaves either no secret file or a complete
 * one — never an empty file that every later start would trip over — and two processes starting
 * at once agree on one secret.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GatehouseError } from './core/errors.js';
import type { Random } from './core/random.js';

const MIN_LENGTH = 32;
// A temporary file this old was left by a crash even if its process id now names a live process.
const STALE_TEMP_MS = 10 * 60_000;

/** The database file a `sqlite:` URL names, read the way `storeFromUrl` reads it. */
function sqliteFile(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:')) return null;
  const rest = databaseUrl.slice('sqlite:'.length);
  // `sqlite:///abs.db` and `sqlite://./rel.db` are spellings of `sqlite:/abs.db`, `sqlite:./rel.db`.
  return rest.startsWith('//') ? rest.slice(2) : rest;
}

const inMemory = (databaseUrl: string) => sqliteFile(databaseUrl) === ':memory:';

/** The secret file beside a SQLite database file, or null for other databases and `:memory:`. */
export function secretFilePath(databaseUrl: string): string | null {
  const file = sqliteFile(databaseUrl);
  if (file === null || file === '' || file === ':memory:') return null;
  return /\.[^./\\]+$/.test(file) ? file.replace(/\.[^./\\]+$/, '.secret') : `${file}.secret`;
}

/** The error for a database that needs a configured secret (PostgreSQL). */
export function secretRequired(): GatehouseError {
  return new GatehouseError(
    'VALIDATION_ERROR',
    'Set GATEHOUSE_SECRET (at least 32 characters, the same for every process): it seals the token-signing keys stored in PostgreSQL',
  );
}

export async function resolveInstanceSecret(databaseUrl: string, random: Random): Promise<string> {
  if (inMemory(databaseUrl)) return Buffer.from(random.bytes(32)).toString('base64url');
  const path = secretFilePath(databaseUrl);
  if (!path) throw secretRequired();
  await removeStaleTemps(path);
  return (await readSecretFile(path)) ?? (await createSecretFile(path, random));
}

/** The secret in `path`, or undefined when there is no such file. */
async function readSecretFile(path: string): Promise<string | undefined> {
  let stored: string;
  try {
    stored = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (stored.length >= MIN_LENGTH) return stored;
  // One line that says what is wrong and what to do; never the file's content.
  const fix =
    'If this database has no signing keys yet, delete the file and start again; otherwise restore it from a backup or set GATEHOUSE_SECRET to the original secret.';
  throw new GatehouseError(
    'VALIDATION_ERROR',
    stored === ''
      ? `${path} is empty (a start was interrupted before it was written). ${fix}`
      : `${path} is too short (a secret has at least ${MIN_LENGTH} characters). ${fix}`,
  );
}

async function createSecretFile(path: string, random: Random): Promise<string> {
  const secret = Buffer.from(random.bytes(32)).toString('base64url');
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(temp, 'wx', 0o600);
  try {
    try {
      // The creation mode passes through the umask; the secret must be private whatever it is.
      await file.chmod(0o600);
      await file.writeFile(`${secret}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      // Unlike rename, link never replaces a file another process published meanwhile.
      await link(temp, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        const winner = await readSecretFile(path);
        if (winner !== undefined) return winner;
      }
      // A file system without hard links: rename is still atomic, only not exclusive.
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(code ?? '')) throw error;
      await rename(temp, path);
    }
    await syncDirectory(dirname(path));
    return secret;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** Makes the new directory entry durable; not every platform can open a directory, and that is fine. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {}
}

/** Deletes temporary files of starts that crashed before publishing the secret or cleaning up. */
async function removeStaleTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const pattern = new RegExp(`^${escapeRegExp(basename(path))}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return; // a missing directory is reported when the database opens
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid) continue;
    const temp = join(dir, name);
    const age = await stat(temp).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > STALE_TEMP_MS || (pid !== process.pid && !isAlive(pid))) await unlink(temp).catch(() => {});
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
