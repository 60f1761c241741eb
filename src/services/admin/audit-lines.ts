/**
 * Audit records as export lines: CSV (RFC 4180) or JSON lines. User agents and event data come
 * from clients, so every CSV cell is quoted when it holds a comma, a quote or a line break, and
 * a cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) is defused with a leading `'` (OWASP "CSV injection").
 */

import type { AuditRecord } from '../../store/ports/audit-store.js';
import { type AuditEventView, auditEventView } from './audit-event-view.js';

export type AuditExportFormat = 'csv' | 'jsonl';

/** The CSV columns, in order; the same names as the JSON fields. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'type',
  'outcome',
  'actorId',
  'targetId',
  'userId',
  'sessionId',
  'ip',
  'userAgent',
  'data',
] as const satisfies ReadonlyArray<keyof AuditEventView>;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: null is empty; formulas defused; quoted only when it must be. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 ends every record, the header included, with CRLF. */
export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

export function csvLine(record: AuditRecord): string {
  const view = auditEventView(record);
  const cells = AUDIT_CSV_COLUMNS.map((column) =>
    csvCell(column === 'data' ? JSON.stringify(view.data) : view[column]),
  );
  return `${cells.join(',')}\r\n`;
}

/** One JSON object per line; JSON escapes every line break inside a value. */
export function jsonLine(record: AuditRecord): string {
  return `${JSON.stringify(auditEventView(record))}\n`;
}
