/**
 * `gatehouse users import FILE.jsonl [--firebase-project-id ID]`: one JSON object per line,
 * `{"email": "...", "name": "...", "passwordHash": "$argon2id$…|$2b$…", "emailVerified": true}`, or a
 * user from Firebase's `auth:export` (`passwordHash` and `salt`, with the `firebaseScrypt` setting;
 * `localId` and linked Google and Apple accounts become identities — see `ImportOptions`).
 * Lines that cannot be imported are listed with their line number and reason; the rest go in.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import pino from 'pino';
import type { ResolvedSettings } from '../core/config.js';
import { createGatehouse } from '../create-gatehouse.js';
import type { ImportedUser, ImportOptions } from '../services/accounts/import-users.js';

export async function importUsersFromFile(
  settings: ResolvedSettings,
  file: string,
  options: ImportOptions = {},
): Promise<{ skipped: number }> {
  const gatehouse = createGatehouse({ ...settings, logger: pino({ level: 'warn' }), migrations: 'check' });
  const problems: string[] = [];
  const lineOf: number[] = [];
  async function* records(): AsyncGenerator<ImportedUser> {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        problems.push(`line ${n}: not valid JSON`);
        continue;
      }
      lineOf.push(n);
      yield record as ImportedUser;
    }
  }
  try {
    const report = await gatehouse.importUsers(records(), options);
    for (const s of report.skipped) problems.push(`line ${lineOf[s.index]}: ${s.code} ${s.message}`);
    process.stdout.write(`Imported ${report.imported} user(s); skipped ${problems.length}.\n`);
    for (const p of problems) process.stderr.write(`  ${p}\n`);
    return { skipped: problems.length };
  } finally {
    await gatehouse.close();
  }
}
