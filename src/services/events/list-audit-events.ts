/** Reads the audit log, newest first, a page at a time. */
import { GatehouseError } from '../../core/errors.js';
import type { EventType } from '../../core/events.js';
import { type Id, isValidId } from '../../core/ids.js';
import type { AuditRecord } from '../../store/ports/audit-store.js';
import type { ServiceContext } from '../context.js';

export interface AuditPageQuery {
  readonly userId?: string;
  readonly type?: EventType;
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

export async function listAuditEvents(ctx: ServiceContext, query: AuditPageQuery = {}): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new GatehouseError('VALIDATION_ERROR', 'limit must be an integer from 1 to 500');
  }
  if (query.cursor !== undefined && !isValidId(query.cursor, 'evt')) {
    throw new GatehouseError('VALIDATION_ERROR', 'cursor is not one this log handed out');
  }
  if (query.userId !== undefined && !isValidId(query.userId, 'usr')) return { items: [], nextCursor: null };
  const items = await ctx.store.audit.list({
    limit,
    ...(query.userId ? { userId: query.userId } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.cursor ? { before: query.cursor as Id<'evt'> } : {}),
  });
  return { items, nextCursor: items.length === limit ? items[items.length - 1]!.id : null };
}
