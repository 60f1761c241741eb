/**
 * The two files `gatehouse init` writes: `gatehouse.toml` and the secrets env file, in the forms
 * the settings loader reads (TOML, and `node:util` parseEnv), each moved into place whole.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What init asked for, checked. */
export interface Answers {
  readonly databaseUrl: string;
  readonly baseUrl: string;
  readonly port: number;
  readonly smtpUrl?: string;
  readonly mailFrom?: string;
}

/** Something the operator must fix before init writes anything; exit code 1. */
export class InitError extends Error {
  override readonly name = 'InitError';
}

/** Whether a URL carries a password (in its user part or its query), so it belongs in the env file. */
export const hasPassword = (url: string) =>
  /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:[^/@]+@/i.test(url) || /[?&]password=/i.test(url);

export function tomlText(answers: Answers): string {
  const str = (s: string) => JSON.stringify(s); // JSON strings are TOML basic strings
  const lines = [
    `# Written by gatehouse init on ${new Date().toISOString().slice(0, 10)}. Every setting: docs/configuration.md.`,
    '# Secrets (GATEHOUSE_SECRET, URLs with passwords) are in .env, next to this file.',
    '',
    `base_url = ${str(answers.baseUrl)}`,
  ];
  if (!hasPassword(answers.databaseUrl)) lines.push(`database_url = ${str(answers.databaseUrl)}`);
  if (answers.smtpUrl && !hasPassword(answers.smtpUrl)) lines.push(`smtp_url = ${str(answers.smtpUrl)}`);
  if (!answers.smtpUrl) {
    // Left unset rather than `console`, so an https deployment still gets serve's loud warning.
    lines.push('# No mail transport: mails (with their links) are printed to the log. Set smtp_url');
    lines.push('# (GATEHOUSE_SMTP_URL in .env) before production.');
  }
  if (answers.mailFrom) lines.push(`mail_from = ${str(answers.mailFrom)}`);
  lines.push(
    '',
    '[server]',
    `port = ${answers.port}`,
    '# host = "0.0.0.0"  # every interface (in a container)',
    '',
  );
  return lines.join('\n');
}

/** Lines `node:util` parseEnv reads back as written: quoted when a value has `#`, spaces or quotes. */
export function envText(vars: Record<string, string>): string {
  const lines = [
    '# Secrets for gatehouse (written by gatehouse init). Keep private (mode 0600) and out of version control.',
  ];
  for (const [name, value] of Object.entries(vars)) {
    if (/^[\w@%+=:,./~?&*!$-]*$/.test(value)) lines.push(`${name}=${value}`);
    else if (!value.includes("'")) lines.push(`${name}='${value}'`);
    else
      throw new InitError(
        `${name} cannot be written to the env file: it holds both a quote and characters that need quoting`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes under a temporary name created with `mode` (so the content is never readable by others,
 * even briefly, whatever the umask), synced, then moved into place: link() refuses an existing
 * file, rename() (with --force) replaces one atomically.
 */
export async function writeAtomically(
  path: string,
  text: string,
  mode: number,
  replace: boolean,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', mode);
  try {
    try {
      await file.chmod(mode);
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    if (replace) await rename(temp, path);
    else {
      try {
        await link(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST')
          throw new InitError(`${path} already exists; pass --force to overwrite it.`);
        throw error;
      }
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
}
