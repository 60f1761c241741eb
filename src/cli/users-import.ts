/**
 * `gatehouse users import FILE.jsonl [--firebase-project-id ID]`: one JSON object per line,
 * `{"email": "...", "name": "...", "passwordHash": "$argon2id$…|$2b$…", "emailVerified": true}`, or a
 * user from Firebase's `auth:export` (`passwordHash` and `salt`, with the `firebaseScrypt` setting;
 * `localId` and linked Google and Apple accounts become identities — see `ImportOptions`).
 *
 * The file is read a line at a time and each record goes through `importUsers` on its own, so a
 * file of any size holds one line in memory, and a record is in whole or not at all. Progress
 * goes to stderr. Ctrl-C stops after the record in hand and prints the summary so far (exit
 * 130); running the same command again carries on: records already imported are skipped with
 * the reason `exists`, so nothing is imported twice. The summary counts imported, skipped (by
 * reason, with the first line numbers of each) and failed records.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isGatehouseError } from '../core/errors.js';
import type { Gatehouse } from '../gatehouse.js';
import type { ImportedUser, ImportOptions } from '../services/accounts/import-users.js';
import type { Command } from './admin/command.js';
import { watchInterruption } from './admin/interruption.js';
import { withInstance } from './admin/open-instance.js';
import { CliError, print, printJson } from './admin/output.js';
import { everySeconds, startProgress } from './admin/progress.js';

/** Lines listed per reason in the summary; the rest are counted. */
const LISTED = 20;
/** Failures in a row (the database gone, say) after which the import stops. */
const FAILURES_IN_A_ROW = 10;

/** The summary's name for why a record was skipped. */
function reasonOf(code: string): string {
  if (code === 'USER_EXISTS') return 'exists';
  if (code === 'VALIDATION_ERROR') return 'invalid';
  return code.toLowerCase();
}

interface Problem {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

interface Tally {
  count: number;
  readonly first: Problem[];
}

export interface ImportSummary {
  readonly file: string;
  /** Lines read (blank ones included). */
  lines: number;
  imported: number;
  readonly skipped: Record<string, Tally>;
  readonly failed: Tally;
  interrupted: boolean;
  /** Set when the import stopped because records kept failing. */
  stoppedBecause: string | null;
}

function note(tally: Tally, problem: Problem): void {
  tally.count++;
  if (tally.first.length < LISTED) tally.first.push(problem);
}

/** Counts lines without holding the file: the progress bar's total. */
async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) lines++;
    if (bytes.length > 0) last = bytes[bytes.length - 1]!;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** Imports one line's record; says what became of it. */
async function importLine(
  gatehouse: Gatehouse,
  summary: ImportSummary,
  n: number,
  line: string,
  options: ImportOptions,
): Promise<'imported' | 'skipped' | 'failed'> {
  let record: ImportedUser;
  try {
    record = JSON.parse(line) as ImportedUser;
  } catch {
    summary.skipped.not_json ??= { count: 0, first: [] };
    note(summary.skipped.not_json, { line: n, code: 'NOT_JSON', message: 'not valid JSON' });
    return 'skipped';
  }
  try {
    const report = await gatehouse.importUsers([record], options);
    const skip = report.skipped[0];
    if (!skip) {
      summary.imported += report.imported;
      return 'imported';
    }
    const reason = reasonOf(skip.code);
    summary.skipped[reason] ??= { count: 0, first: [] };
    note(summary.skipped[reason], { line: n, code: skip.code, message: skip.message });
    return 'skipped';
  } catch (error) {
    const code = isGatehouseError(error) ? error.code : 'INTERNAL';
    const message = error instanceof Error ? error.message : String(error);
    note(summary.failed, { line: n, code, message });
    return 'failed';
  }
}

function skippedTotal(summary: ImportSummary): number {
  return Object.values(summary.skipped).reduce((sum, t) => sum + t.count, 0);
}

function printSummary(summary: ImportSummary, json: boolean): void {
  if (json) {
    printJson({ ...summary, skippedTotal: skippedTotal(summary) });
    return;
  }
  // The first line is the one scripts of earlier versions looked for.
  print(`Imported ${summary.imported} user(s); skipped ${skippedTotal(summary)}.`);
  for (const [reason, tally] of Object.entries(summary.skipped)) {
    const lines = tally.first.map((p) => p.line).join(', ');
    print(
      `  skipped, ${reason}: ${tally.count} (line${tally.count > 1 ? 's' : ''} ${lines}${tally.count > tally.first.length ? ', …' : ''})`,
    );
  }
  if (summary.failed.count > 0) print(`Failed: ${summary.failed.count}.`);
  for (const p of [...Object.values(summary.skipped).flatMap((t) => t.first), ...summary.failed.first]) {
    process.stderr.write(
      `  line ${p.line}: ${p.code === 'NOT_JSON' ? p.message : `${p.code} ${p.message}`}\n`,
    );
  }
  if (summary.stoppedBecause) process.stderr.write(`Stopped: ${summary.stoppedBecause}\n`);
  if (summary.interrupted) {
    print(
      `Interrupted after line ${summary.lines}. Run the same command again to carry on: the users already imported are skipped as "exists".`,
    );
  }
}

export async function importUsersFromFile(
  instance: { configPath?: string | undefined; secretsPath?: string | undefined },
  file: string,
  options: ImportOptions,
  output: { json: boolean; everySeconds: number },
): Promise<number> {
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new CliError(`Cannot read ${file}`);
  }
  const total = await countLines(file);
  return withInstance(instance, async (gatehouse) => {
    const summary: ImportSummary = {
      file,
      lines: 0,
      imported: 0,
      skipped: {},
      failed: { count: 0, first: [] },
      interrupted: false,
      stoppedBecause: null,
    };
    const interruption = watchInterruption('the record in hand');
    const progress = startProgress({ label: 'users import', total, everySeconds: output.everySeconds });
    const input = createReadStream(file);
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    let failuresInARow = 0;
    try {
      for await (const line of lines) {
        if (interruption.requested) break;
        summary.lines++;
        if (line.trim() !== '') {
          const outcome = await importLine(gatehouse, summary, summary.lines, line, options);
          failuresInARow = outcome === 'failed' ? failuresInARow + 1 : 0;
          if (failuresInARow >= FAILURES_IN_A_ROW) {
            summary.stoppedBecause = `${FAILURES_IN_A_ROW} records in a row failed (${summary.failed.first.at(-1)?.message ?? 'unknown error'})`;
            break;
          }
        }
        progress.advance();
      }
    } finally {
      lines.close();
      input.destroy();
      summary.interrupted = interruption.requested;
      progress.finish(summary.interrupted ? 'interrupted' : summary.stoppedBecause ? 'stopped' : 'done');
      interruption.dispose();
    }
    printSummary(summary, output.json);
    if (summary.interrupted) return interruption.exitCode;
    const refused = Object.keys(summary.skipped).some((reason) => reason !== 'exists');
    return refused || summary.failed.count > 0 || summary.stoppedBecause ? 1 : 0;
  });
}

export const usersImportCommand: Command = {
  usage: 'users import FILE.jsonl [--firebase-project-id ID] [--progress-every SECONDS]',
  summary:
    'Import users with their password hashes (and, from Firebase, identities); safe to run again after a stop',
  options: ['firebase-project-id', 'progress-every'],
  args: 1,
  run({ args, values, json, instance }) {
    return importUsersFromFile(
      instance,
      args[0]!,
      values['firebase-project-id'] ? { firebaseProjectId: values['firebase-project-id'] } : {},
      { json, everySeconds: everySeconds(values['progress-every']) },
    );
  },
};
