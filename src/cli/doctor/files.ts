/**
 * Who can read the files that hold secrets: the secrets env file and the generated secret file
 * must be the owner's alone; the SQLite database (password hashes, sealed keys, audit trail)
 * should be, and must not be readable by everyone.
 */
import { existsSync, statSync } from 'node:fs';
import { type CheckResult, fail, pass, warn } from './check.js';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** A file holding a secret: any access for group or others fails. */
export function checkSecretFile(name: string, file: string): CheckResult | undefined {
  const mode = modeOf(file);
  if (mode === undefined) return undefined;
  if ((mode & 0o077) === 0) return pass(name, `${file} is private (mode ${octal(mode)})`);
  return fail(
    name,
    `${file} is ${who(mode)} (mode ${octal(mode)}); it holds the instance secret`,
    `chmod 600 ${file}`,
  );
}

/** The SQLite database and its -wal/-shm: group access warns, access by others fails. */
export function checkDatabaseFile(file: string): CheckResult | undefined {
  const files = [file, `${file}-wal`, `${file}-shm`].filter(existsSync);
  if (files.length === 0) return undefined;
  const modes = files.map((f) => ({ file: f, mode: modeOf(f) ?? 0 }));
  const open = modes.filter((m) => (m.mode & 0o077) !== 0);
  if (open.length === 0) return pass('database-file', `${file} is private (mode ${octal(modes[0]!.mode)})`);
  const shown = open.map((m) => `${m.file} is ${who(m.mode)} (mode ${octal(m.mode)})`).join('; ');
  const fix = `chmod 600 ${open.map((m) => m.file).join(' ')}`;
  const byOthers = open.some((m) => (m.mode & 0o007) !== 0);
  return byOthers
    ? fail('database-file', `${shown}: password hashes and sessions for anyone on this machine`, fix)
    : warn('database-file', `${shown}: its members can read password hashes and sessions`, fix);
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode;
  } catch {
    return undefined;
  }
}

function who(mode: number): string {
  const verbs = (bits: number) =>
    [bits & 4 ? 'readable' : '', bits & 2 ? 'writable' : '', bits & 1 ? 'executable' : '']
      .filter(Boolean)
      .join(' and ');
  const group = verbs((mode >> 3) & 7);
  const others = verbs(mode & 7);
  if (group && group === others) return `${group} by its group and everyone`;
  return [group && `${group} by its group`, others && `${others} by everyone`].filter(Boolean).join(', ');
}
