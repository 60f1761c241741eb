/**
 * `gatehouse audit export --format csv|jsonl [--out FILE] [filters]`: the admin API's export,
 * streamed line by line to stdout or a file, never gathered in memory; progress on stderr. A
 * file is written under `FILE.partial` and renamed when complete, so an interrupted export never
 * leaves a file that looks whole: it is removed, and running the command again starts afresh.
 */

import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { auditFilterOf, FILTER_OPTIONS, FILTER_USAGE } from './audit-filter-options.js';
import type { Command } from './command.js';
import { watchInterruption } from './interruption.js';
import { withInstance } from './open-instance.js';
import { printJson, usageError } from './output.js';
import { everySeconds, startProgress } from './progress.js';

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  // Waits for a slow reader (a pipe to gzip, a full disk cache) instead of buffering the log.
  if (!out.write(text)) await once(out, 'drain');
}

export const auditExportCommand: Command = {
  usage: `audit export --format csv|jsonl [--out FILE] ${FILTER_USAGE} [--progress-every SECONDS]`,
  summary: 'Export the matching audit records, oldest first, as CSV or JSON lines',
  options: [...FILTER_OPTIONS, 'format', 'out', 'progress-every'],
  args: 0,
  async run({ values, json, instance }) {
    const format = values.format;
    if (format !== 'csv' && format !== 'jsonl') throw usageError('audit export needs --format csv or jsonl');
    if (json && !values.out) throw usageError('--json needs --out FILE: stdout carries the export');
    const filter = auditFilterOf(values);
    const every = everySeconds(values['progress-every']);
    return withInstance(instance, async (gatehouse) => {
      const lines = await gatehouse.exportAudit(filter, format);
      const partial = values.out ? `${values.out}.partial` : null;
      const file: WriteStream | null = partial ? createWriteStream(partial, { mode: 0o600 }) : null;
      const out: NodeJS.WritableStream = file ?? process.stdout;
      const interruption = watchInterruption('the current line');
      const progress = startProgress({ label: 'audit export', everySeconds: every });
      // A reader that goes away (`| head`) ends the export like an interruption, quietly.
      let readerGone = false;
      out.on('error', () => {
        readerGone = true;
      });
      let records = format === 'csv' ? -1 : 0;
      try {
        for await (const line of lines) {
          if (interruption.requested || readerGone) break;
          await write(out, line);
          records++;
          if (records > 0) progress.advance();
        }
      } catch (error) {
        // A closed pipe is the reader's choice; anything else (a full disk) is a failure.
        if (!readerGone) {
          if (partial) rmSync(partial, { force: true });
          throw error;
        }
      } finally {
        progress.finish(interruption.requested ? 'interrupted' : readerGone ? 'stopped' : 'done');
        interruption.dispose();
        if (file) {
          file.end();
          await once(file, 'close');
        }
      }
      records = Math.max(0, records);
      if (interruption.requested) {
        if (partial) rmSync(partial, { force: true });
        process.stderr.write(
          `Interrupted after ${records} record(s)${partial ? `; ${partial} removed` : ''}. Run the command again to export from the start.\n`,
        );
        return interruption.exitCode;
      }
      if (readerGone) return 0;
      if (partial) renameSync(partial, values.out!);
      const where = values.out ?? 'stdout';
      if (json) printJson({ records, format, out: where });
      else process.stderr.write(`Exported ${records} audit record(s) as ${format} to ${where}.\n`);
      return 0;
    });
  },
};
