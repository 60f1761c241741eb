/**
 * Which audit records an operator asks for — by user, actor, target, type, outcome and time —
 * checked once here for the page query and the export alike, so both read exactly the same
 * records for the same filter.
 */
import { GatehouseError } from '../../core/errors.js';
import { EVENT_TYPES, type EventType } from '../../core/events.js';
import { isValidId } from '../../core/ids.js';
import type { AuditQuery } from '../../store/ports/audit-store.js';

/** A time: a `Date`, epoch milliseconds, or ISO 8601 text (a date alone is midnight UTC). */
export type AuditTime = Date | number | string;

export interface AuditFilter {
  /** The user the event is about. */
  readonly userId?: string;
  /** Who acted: an operator's user id, or `cli`. */
  readonly actorId?: string;
  /** What was acted on: a user, app, role, invitation or token id. */
  readonly targetId?: string;
  /** One event type, or any of several. */
  readonly type?: EventType | readonly EventType[];
  readonly outcome?: 'success' | 'failure';
  /** At or after this time. */
  readonly from?: AuditTime;
  /** Before this time (exclusive). */
  readonly to?: AuditTime;
}

/** The store's filter for `filter`; `null` when it can match nothing (a malformed user id). */
export type CheckedAuditFilter = Pick<
  AuditQuery,
  'userId' | 'actorId' | 'targetId' | 'type' | 'outcome' | 'from' | 'to'
>;

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;
/** Ids and `cli` are far shorter; anything longer is not a value the log holds. */
const MAX_ID_LENGTH = 100;

function invalid(path: string, message: string): GatehouseError {
  return new GatehouseError('VALIDATION_ERROR', `${path} ${message}`, { issues: [{ path, message }] });
}

/** Epoch milliseconds of an `AuditTime`; a local time without an offset is refused as ambiguous. */
export function auditTime(value: AuditTime, path: string): number {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : typeof value === 'string' && ISO_TIME.test(value) && realDate(value)
          ? Date.parse(value)
          : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw invalid(path, 'must be an ISO 8601 time with an offset (2024-06-01T12:00:00Z) or a date');
  }
  return ms;
}

/** `Date.parse` rolls 2024-02-30 over into March instead of refusing it. */
function realDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

function idFilter(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw invalid(path, `must be an id of at most ${MAX_ID_LENGTH} characters`);
  }
  return value;
}

/** Throws 400 `VALIDATION_ERROR` naming the first bad field. */
export function checkAuditFilter(filter: AuditFilter): CheckedAuditFilter | null {
  const userId = idFilter(filter.userId, 'userId');
  const actorId = idFilter(filter.actorId, 'actorId');
  const targetId = idFilter(filter.targetId, 'targetId');
  let type: EventType[] | undefined;
  if (filter.type !== undefined) {
    type = typeof filter.type === 'string' ? [filter.type] : [...filter.type];
    const unknown = type.find((t) => !KNOWN_TYPES.has(t));
    if (unknown !== undefined)
      throw invalid('type', `has an unknown event type: ${String(unknown).slice(0, 60)}`);
    if (type.length === 0) throw invalid('type', 'must name at least one event type');
  }
  if (filter.outcome !== undefined && filter.outcome !== 'success' && filter.outcome !== 'failure') {
    throw invalid('outcome', 'must be success or failure');
  }
  const from = filter.from === undefined ? undefined : auditTime(filter.from, 'from');
  const to = filter.to === undefined ? undefined : auditTime(filter.to, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw invalid('from', 'must be before to');
  // Every user id the log holds is a valid one: a malformed one matches nothing.
  if (userId !== undefined && !isValidId(userId, 'usr')) return null;
  return {
    ...(userId !== undefined ? { userId: userId as NonNullable<AuditQuery['userId']> } : {}),
    ...(actorId !== undefined ? { actorId } : {}),
    ...(targetId !== undefined ? { targetId } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(filter.outcome !== undefined ? { outcome: filter.outcome } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}
