/**
 * Reads the audit log, newest first, a page at a time, by user, actor, target, type, outcome and
 * time range — the one query behind `listAuditEvents` (embedding code, the CLI) and
 * `GET /admin/audit`. Reading is not audited; exporting is (see export-audit.ts).
 */
import { GatehouseError } from '../../core/errors.js';
import { type Id, isValidId } from '../../core/ids.js';
import type { AuditRecord } from '../../store/ports/audit-store.js';
import type { ServiceContext } from '../context.js';
import { type AuditFilter, checkAuditFilter } from './audit-filter.js';

export interface AuditPageQuery extends AuditFilter {
  /** `nextCursor` from the previous page. */
  readonly cursor?: string;
  /** 1–500, default 50. */
  readonly limit?: number;
}

export interface AuditPage {
  readonly items: AuditRecord[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * @example
 * const { items, nextCursor } = await gatehouse.listAuditEvents({
 *   type: ['user.sign_in_failed'], from: '2024-06-01', limit: 100,
 * });
 */
export async function queryAudit(ctx: ServiceContext, query: AuditPageQuery = {}): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new GatehouseError('VALIDATION_ERROR', 'limit must be an integer from 1 to 500');
  }
  if (query.cursor !== undefined && !isValidId(query.cursor, 'evt')) {
    throw new GatehouseError('VALIDATION_ERROR', 'cursor is not one this log handed out');
  }
  const filter = checkAuditFilter(query);
  if (filter === null) return { items: [], nextCursor: null };
  const items = await ctx.store.audit.list({
    ...filter,
    limit,
    ...(query.cursor ? { before: query.cursor as Id<'evt'> } : {}),
  });
  return { items, nextCursor: items.length === limit ? items[items.length - 1]!.id : null };
}
