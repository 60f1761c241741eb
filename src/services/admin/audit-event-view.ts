/** An audit record as operators read it (admin API, exports): times as ISO 8601 text. */
import type { EventData, EventType } from '../../core/events.js';
import type { AuditRecord } from '../../store/ports/audit-store.js';

export interface AuditEventView {
  readonly id: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly type: EventType;
  readonly outcome: 'success' | 'failure';
  readonly actorId: string | null;
  readonly targetId: string | null;
  readonly userId: string | null;
  readonly sessionId: string | null;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly data: EventData;
}

export function auditEventView(record: AuditRecord): AuditEventView {
  return {
    id: record.id,
    at: new Date(record.at).toISOString(),
    type: record.type,
    outcome: record.outcome,
    actorId: record.actorId,
    targetId: record.targetId,
    userId: record.userId,
    sessionId: record.sessionId,
    ip: record.ip,
    userAgent: record.userAgent,
    data: record.data,
  };
}
