/** AuditStore on Kysely: append-only rows, read in id order with an id cursor either way. */
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
    actorId: row.actor_id,
    targetId: row.target_id,
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
          actor_id: record.actorId,
          target_id: record.targetId,
        })
        .execute();
    },

    async list(q) {
      const types = q.type === undefined ? undefined : typeof q.type === 'string' ? [q.type] : q.type;
      if (types?.length === 0) return [];
      let query = db.selectFrom('audit_events').selectAll();
      if (q.userId !== undefined) query = query.where('user_id', '=', q.userId);
      if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
      if (q.targetId !== undefined) query = query.where('target_id', '=', q.targetId);
      if (types?.length === 1) query = query.where('type', '=', types[0]!);
      else if (types) query = query.where('type', 'in', [...types]);
      if (q.outcome !== undefined) query = query.where('outcome', '=', q.outcome);
      if (q.from !== undefined) query = query.where('at', '>=', q.from);
      if (q.to !== undefined) query = query.where('at', '<', q.to);
      if (q.before !== undefined) query = query.where('id', '<', q.before);
      if (q.after !== undefined) query = query.where('id', '>', q.after);
      const rows = await query
        .orderBy('id', q.order === 'oldest' ? 'asc' : 'desc')
        .limit(q.limit)
        .execute();
      return rows.map(toRecord);
    },
  };
}
