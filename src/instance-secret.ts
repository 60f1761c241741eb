/**
 * Where the secret that seals signing keys comes from when none is configured:
 * - a SQLite file database gets a random secret in a file beside it (`gatehouse.db` →
 *   `gatehouse.secret`, mode 0600), created on first start — kept out of the database, so a
 *   copy of the database alone does not yield the signing keys;
 * - an in-memory database gets a random secret that lives as long as the process;
 * - PostgreSQL requires `GATEHOUSE_SECRET`: every process must share it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { GatehouseError } from './core/errors.js';
import type { Random } from './core/random.js';

export function secretFilePath(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:') || databaseUrl === 'sqlite::memory:') return null;
  const file = databaseUrl.slice('sqlite:'.length);
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
  if (databaseUrl === 'sqlite::memory:') return Buffer.from(random.bytes(32)).toString('base64url');
  const path = secretFilePath(databaseUrl);
  if (!path) throw secretRequired();
  const fresh = Buffer.from(random.bytes(32)).toString('base64url');
  try {
    await writeFile(path, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stored = (await readFile(path, 'utf8')).trim();
  if (stored.length < 32)
    throw new GatehouseError('VALIDATION_ERROR', `The secret file ${path} is too short`);
  return stored;
}
