/** Port: the append-only audit log of events. */
import type { EventType, GatehouseEvent } from '../../core/events.js';
import type { Id, UserId } from '../../core/ids.js';

export interface AuditRecord extends GatehouseEvent {
  /**
   * Time-sortable (UUIDv7): the newest record has the greatest id, and its time part is never
   * before `at` (the stats store bounds time ranges by id on that promise).
   */
  readonly id: Id<'evt'>;
}

/** Which records a query reads; every filter given must hold. */
export interface AuditQuery {
  readonly userId?: UserId;
  /** An operator's user id, or `cli`. */
  readonly actorId?: string;
  /** What was acted on: a user, app, role, invitation or token id. */
  readonly targetId?: string;
  /** One type, or any of several (an empty list matches nothing). */
  readonly type?: EventType | readonly EventType[];
  readonly outcome?: 'success' | 'failure';
  /** Only records with `at` at or after this time (epoch ms). */
  readonly from?: number;
  /** Only records with `at` before this time (epoch ms, exclusive). */
  readonly to?: number;
  /** Only records older than this id (the `nextCursor` of the previous page, newest first). */
  readonly before?: Id<'evt'>;
  /** Only records newer than this id (the last id of the previous page, oldest first). */
  readonly after?: Id<'evt'>;
  /** `newest` first (the default) or `oldest` first, by id. */
  readonly order?: 'newest' | 'oldest';
  /** Page size, 1–1000. */
  readonly limit: number;
}

export interface AuditStore {
  /** Appends one record. Records are never changed or removed by Gatehouse. */
  append(record: AuditRecord): Promise<void>;
  /**
   * At most `limit` records matching the query, in id order (`order`): pages by `before`
   * (newest first) or `after` (oldest first) neither skip nor repeat a record.
   */
  list(query: AuditQuery): Promise<AuditRecord[]>;
}
