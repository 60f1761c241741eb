/** Port: the append-only audit log of events. */
import type { EventType, GatehouseEvent } from '../../core/events.js';
import type { Id, UserId } from '../../core/ids.js';

export interface AuditRecord extends GatehouseEvent {
  /** Time-sortable (UUIDv7): the newest record has the greatest id. */
  readonly id: Id<'evt'>;
}

export interface AuditQuery {
  readonly userId?: UserId;
  readonly type?: EventType;
  /** Only records older than this id (the `nextCursor` of the previous page). */
  readonly before?: Id<'evt'>;
  /** Page size, 1–500. */
  readonly limit: number;
}

export interface AuditStore {
  /** Appends one record. Records are never changed or removed by Gatehouse. */
  append(record: AuditRecord): Promise<void>;
  /** Newest first; at most `limit` records, all strictly older than `before`. */
  list(query: AuditQuery): Promise<AuditRecord[]>;
}
