/** Reads the audit log, newest first, a page at a time: see services/admin/query-audit.ts. */
export {
  type AuditPage,
  type AuditPageQuery,
  queryAudit as listAuditEvents,
} from '../admin/query-audit.js';
