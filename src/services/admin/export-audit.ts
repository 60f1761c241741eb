/**
 * Exports the audit log as CSV or JSON lines, oldest first, streamed: the lines are produced a
 * page (1,000 records, by id cursor) at a time as the reader takes them, so an export of any size
 * holds one page in memory. The export covers the records that matched when it started — ones
 * appended while it runs (its own `audit.exported` among them) are left for the next export.
 * Starting an export is audited (`audit.exported`, with the filter and format; the actor is the
 * operator or `cli`).
 */
import { GatehouseError } from '../../core/errors.js';
import type { EventData } from '../../core/events.js';
import { type Id, isValidId } from '../../core/ids.js';
import type { AuditQuery } from '../../store/ports/audit-store.js';
import type { ServiceContext } from '../context.js';
import { type AuditFilter, type CheckedAuditFilter, checkAuditFilter } from './audit-filter.js';
import { type AuditExportFormat, csvHeader, csvLine, jsonLine } from './audit-lines.js';

/** Records read per query. */
export const EXPORT_PAGE_SIZE = 1000;

export interface ExportOptions {
  /**
   * Only records after this id — the first field of the last line an interrupted export wrote —
   * and no CSV header: a re-run appends the rest to the same file, repeating nothing.
   */
  readonly after?: string;
}

/**
 * @example
 * for await (const line of await gatehouse.exportAudit({ type: ['user.sign_in_failed'] }, 'csv')) {
 *   out.write(line);
 * }
 */
export async function exportAudit(
  ctx: ServiceContext,
  filter: AuditFilter = {},
  format: AuditExportFormat = 'jsonl',
  options: ExportOptions = {},
): Promise<AsyncIterable<string>> {
  if (format !== 'csv' && format !== 'jsonl') {
    throw new GatehouseError('VALIDATION_ERROR', 'format must be csv or jsonl', {
      issues: [{ path: 'format', message: 'must be csv or jsonl' }],
    });
  }
  const { after } = options;
  if (after !== undefined && !isValidId(after, 'evt')) {
    throw new GatehouseError('VALIDATION_ERROR', 'after must be the id of an exported event', {
      issues: [{ path: 'after', message: 'must be an event id (evt_…)' }],
    });
  }
  const checked = checkAuditFilter(filter);
  // The newest matching record now is where the export ends.
  const last = checked ? (await ctx.store.audit.list({ ...checked, limit: 1 }))[0] : undefined;
  await ctx.events.emit({
    type: 'audit.exported',
    data: { format, ...filterData(checked, filter), after: after ?? null },
  });
  return lines(ctx, checked ?? {}, after, last?.id, format);
}

async function* lines(
  ctx: ServiceContext,
  filter: CheckedAuditFilter,
  resumeAfter: Id<'evt'> | undefined,
  last: Id<'evt'> | undefined,
  format: AuditExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv' && resumeAfter === undefined) yield csvHeader();
  if (last === undefined) return;
  const line = format === 'csv' ? csvLine : jsonLine;
  let after = resumeAfter;
  for (;;) {
    const query: AuditQuery = { ...filter, order: 'oldest', limit: EXPORT_PAGE_SIZE };
    const page = await ctx.store.audit.list(after ? { ...query, after } : query);
    for (const record of page) {
      // Ids are lower-case hex of one length: JavaScript orders them as the database does.
      if (record.id > last) return;
      yield line(record);
    }
    if (page.length < EXPORT_PAGE_SIZE || page[page.length - 1]!.id >= last) return;
    after = page[page.length - 1]!.id;
  }
}

/** The filter as the audit event records it: flat, every key present, times as ISO text. */
function filterData(checked: CheckedAuditFilter | null, filter: AuditFilter): EventData {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const types = checked?.type;
  return {
    user: filter.userId ?? null,
    actor: checked?.actorId ?? null,
    target: checked?.targetId ?? null,
    types: types === undefined ? null : typeof types === 'string' ? types : types.join(','),
    outcome: checked?.outcome ?? null,
    from: iso(checked?.from),
    to: iso(checked?.to),
  };
}
