/**
 * `/admin/audit`: the audit log for console operators (docs/admin.md, "Audit log") — a page at
 * a time, newest first, or the whole selection as a streamed CSV or JSON-lines download. Both
 * take the same filters and run the same query (services/admin/query-audit.ts); the export is
 * audited, reading a page is not.
 */
import { z } from 'zod';
import type { EventType } from '../../../core/events.js';
import { auditEventView } from '../../../services/admin/audit-event-view.js';
import type { AuditFilter } from '../../../services/admin/audit-filter.js';
import { StreamedBody } from '../../exchange.js';
import type { Route } from '../../route.js';
import { apiSchemas } from '../../schemas.js';
import { ADMIN_ERRORS } from './admin-errors.js';

const id = z.string().min(1).max(100);
const filterFields = {
  actor: id.optional().meta({ description: 'Who acted: an operator’s user id, or `cli`' }),
  target: id.optional().meta({ description: 'What was acted on: a user, app, role, invitation or token id' }),
  user: id.optional().meta({ description: 'The user the event is about' }),
  type: z.string().max(2000).optional().meta({
    description: 'Event types, comma-separated (any of them)',
    example: 'user.signed_in,user.sign_in_failed',
  }),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.string().max(40).optional().meta({
    format: 'date-time',
    description: 'At or after this time: ISO 8601 with an offset, or a date (midnight UTC)',
  }),
  to: z
    .string()
    .max(40)
    .optional()
    .meta({ format: 'date-time', description: 'Before this time (exclusive)' }),
};
const pageQuery = z.strictObject({
  ...filterFields,
  cursor: z.string().max(100).optional().meta({ description: '`nextCursor` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: '1–500, default 50' }),
});
const exportQuery = z.strictObject({
  format: z.enum(['csv', 'jsonl']),
  ...filterFields,
});
type FilterQuery = Partial<Record<Exclude<keyof typeof filterFields, 'outcome'>, string>> & {
  outcome?: 'success' | 'failure';
};

/** `a,b` → `['a', 'b']`; the operation refuses unknown types and an empty list. */
function typesOf(text: string): EventType[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '') as EventType[];
}

function filterOf(q: FilterQuery): AuditFilter {
  return {
    ...(q.actor !== undefined ? { actorId: q.actor } : {}),
    ...(q.target !== undefined ? { targetId: q.target } : {}),
    ...(q.user !== undefined ? { userId: q.user } : {}),
    ...(q.type !== undefined ? { type: typesOf(q.type) } : {}),
    ...(q.outcome !== undefined ? { outcome: q.outcome } : {}),
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
  };
}

const text = z.string().nullable();
const auditEvent = z
  .object({
    id: z.string().meta({ example: 'evt_0190f2a81b3c7abc8123456789abcdef' }),
    at: z.string().meta({ format: 'date-time' }),
    type: z.string().meta({ example: 'user.signed_in' }),
    outcome: z.enum(['success', 'failure']),
    actorId: text.meta({ description: 'An operator’s user id or `cli`; null when the user acted' }),
    targetId: text,
    userId: text,
    sessionId: text,
    ip: text,
    userAgent: text,
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .register(apiSchemas, { id: 'AdminAuditEvent' });

export const auditListRoute: Route = {
  method: 'GET',
  path: '/admin/audit',
  operationId: 'adminListAudit',
  summary: 'The audit log, newest first, filtered by actor, target, user, type, outcome and time',
  tag: 'Admin',
  admin: { permission: 'audit:read' },
  query: pageQuery,
  status: 200,
  response: z
    .object({ events: z.array(auditEvent), nextCursor: z.string().nullable() })
    .register(apiSchemas, { id: 'AdminAuditPage' }),
  errors: [...ADMIN_ERRORS, 'VALIDATION_ERROR'],
  handle: async ({ ops, query }) => {
    const q = query as z.output<typeof pageQuery>;
    const page = await ops.listAuditEvents({
      ...filterOf(q),
      ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
    });
    return { events: page.items.map(auditEventView), nextCursor: page.nextCursor };
  },
};

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

export const auditExportRoute: Route = {
  method: 'GET',
  path: '/admin/audit/export',
  operationId: 'adminExportAudit',
  summary:
    'The audit log as CSV (RFC 4180, with a header) or JSON lines, oldest first, streamed; audited as audit.exported',
  tag: 'Admin',
  admin: { permission: 'audit:read' },
  query: exportQuery,
  status: 200,
  response: z.string().meta({
    description: '`text/csv` or `application/x-ndjson`, sent in chunks as it is read (no Content-Length)',
  }),
  errors: [...ADMIN_ERRORS, 'VALIDATION_ERROR'],
  handle: async ({ ops, query }) => {
    const q = query as z.output<typeof exportQuery>;
    const lines = await ops.exportAudit(filterOf(q), q.format);
    return new StreamedBody(CONTENT_TYPES[q.format], lines, `gatehouse-audit.${q.format}`);
  },
};

export const AUDIT_ROUTES: readonly Route[] = [auditListRoute, auditExportRoute];
