/** AuditStore on Kysely: append-only rows, read newest first with an id cursor. */
import type { EventData, EventType } from '../../core/events.js';
import type { Id, SessionId, UserId } from '../../core/ids.js';
import type { AuditRecord, AuditStore } from '../ports/audit-store.js';
import type { StoreContext } from './context.js';
import type { AuditEventsTable } from './schema.js';

function toRecord(row: AuditEventsTable): AuditRecord {
  return {
    id: row.id as Id<'evt'>,
    type: row.type as EventType,
    at: Number(row.at),
    outcome: row.outcome as AuditRecord['outcome'],
    userId: row.user_id as UserId | null,
    sessionId: row.session_id as SessionId | null,
    ip: row.ip,
    userAgent: row.user_agent,
    data: JSON.parse(row.data) as EventData,
  };
}

export function kyselyAuditStore(ctx: StoreContext): AuditStore {
  const { db } = ctx;
  return {
    async append(record) {
      await db
        .insertInto('audit_events')
        .values({
          id: record.id,
          type: record.type,
          at: record.at,
          outcome: record.outcome,
          user_id: record.userId,
          session_id: record.sessionId,
          ip: record.ip,
          user_agent: record.userAgent,
          data: JSON.stringify(record.data),
        })
        .execute();
    },

    async list({ userId, type, before, limit }) {
      let query = db.selectFrom('audit_events').selectAll();
      if (userId) query = query.where('user_id', '=', userId);
      if (type) query = query.where('type', '=', type);
      if (before) query = query.where('id', '<', before);
      const rows = await query.orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}
