/**
 * What the operator commands print: aligned tables and short lines for people on stdout, one
 * JSON document (or JSON lines for a stream) with `--json` for scripts, and `CliError` for a
 * refusal — one line on stderr and exit 1, or 2 for a command line that cannot be read.
 */
import { type GatehouseError, isGatehouseError } from '../../core/errors.js';

/** A refusal the command reports itself; `exitCode` 2 is a usage error. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A usage error: the command line itself is wrong (exit 2). */
export const usageError = (message: string) => new CliError(message, 2);

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
}

/** Cells keep to one line: a control character in a stored name must not break the table. */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  return String(value).replace(/\p{Cc}/gu, ' ');
}

/** Rows as an aligned table (header, then one line per row); `empty` when there are none. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], empty = '(none)'): string {
  return rows.length === 0 ? `${empty}\n` : pagedTable(columns).page(rows);
}

/**
 * A table printed a page at a time as the pages arrive (`--all`), never holding every row: the
 * header once, and columns that widen when a later page needs it but never narrow, so the pages
 * line up as far as they can.
 */
export function pagedTable<T>(columns: readonly Column<T>[]) {
  const widths = columns.map((c) => c.header.length);
  const render = (parts: readonly string[]) =>
    parts
      .map((p, i) => (i === parts.length - 1 ? p : p.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  let started = false;
  return {
    /** The lines of one page, after the header when it is the first. */
    page(rows: readonly T[]): string {
      if (rows.length === 0) return '';
      const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
      for (const [i, width] of widths.entries()) {
        widths[i] = Math.max(width, ...cells.map((r) => r[i]!.length));
      }
      const lines = cells.map(render);
      if (!started) lines.unshift(render(columns.map((c) => c.header.toUpperCase())));
      started = true;
      return `${lines.join('\n')}\n`;
    },
  };
}

/** `label: value` pairs, the labels aligned, for one record. */
export function fields(
  pairs: ReadonlyArray<readonly [string, string | number | boolean | null | undefined]>,
) {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${cell(value)}\n`).join('');
}

export function printJson(document: unknown): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The line for a Gatehouse refusal, with the fields a validation error names. */
export function describeError(error: GatehouseError): string {
  // Issues the message already states (`from must be …`) are not repeated.
  const issues = (error.details.issues ?? []).filter((i) => !error.message.includes(i.message));
  const detail = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return detail ? `${error.message} (${detail})` : error.message;
}

/** Reports what a command threw and returns its exit code; anything unexpected is rethrown. */
export function reportError(error: unknown, json: boolean): number {
  let message: string;
  let code: string;
  let exitCode: number;
  if (error instanceof CliError) {
    message = error.message;
    code = error.exitCode === 2 ? 'USAGE' : 'FAILED';
    exitCode = error.exitCode;
  } else if (isGatehouseError(error)) {
    message = describeError(error);
    code = error.code;
    exitCode = 1;
  } else throw error;
  process.stderr.write(`gatehouse: ${message}\n`);
  if (json && exitCode === 1) printJson({ error: { code, message } });
  return exitCode;
}
