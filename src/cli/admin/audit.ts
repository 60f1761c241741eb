/**
 * `gatehouse audit list` and `audit export`: the admin API's audit query (newest first, a page at
 * a time, or every page with `--all`) and its streamed CSV / JSON-lines export (audit-export.ts),
 * with the same filters: user, actor (an operator's id, or `cli`), target, type, outcome, time.
 */
import type { AuditRecord } from '../../store/ports/audit-store.js';
import { auditExportCommand } from './audit-export.js';
import { auditFilterOf, FILTER_OPTIONS, FILTER_USAGE } from './audit-filter-options.js';
import type { Command } from './command.js';
import { withInstance } from './open-instance.js';
import { type Column, pagedTable, print, printJson, table, usageError } from './output.js';
import { intOption } from './users-list.js';

const compact = (data: unknown) => {
  const text = JSON.stringify(data);
  return text === '{}' ? '' : text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

const AUDIT_COLUMNS: readonly Column<AuditRecord>[] = [
  { header: 'at', value: (e) => new Date(e.at).toISOString().slice(0, 19).replace('T', ' ') },
  { header: 'type', value: (e) => e.type },
  { header: 'outcome', value: (e) => e.outcome },
  { header: 'actor', value: (e) => e.actorId },
  { header: 'user', value: (e) => e.userId },
  { header: 'target', value: (e) => (e.targetId === e.userId ? null : e.targetId) },
  { header: 'data', value: (e) => compact(e.data) },
];

/** A record for scripts: times as ISO 8601, as the admin API and the export give them. */
const recordJson = (e: AuditRecord) => ({ ...e, at: new Date(e.at).toISOString() });

export const AUDIT_COMMANDS: Record<string, Command> = {
  list: {
    usage: `audit list ${FILTER_USAGE} [--limit N] [--cursor C | --all]`,
    summary: 'Query the audit log, newest first',
    options: [...FILTER_OPTIONS, 'limit', 'cursor', 'all'],
    args: 0,
    async run({ values, json, instance }) {
      const filter = auditFilterOf(values);
      const limit = intOption(values, 'limit', values.all ? 500 : 50);
      if (values.all && values.cursor) throw usageError('Give --cursor or --all, not both');
      return withInstance(instance, async (gatehouse) => {
        let cursor: string | null = values.cursor ?? null;
        let count = 0;
        const rows = pagedTable(AUDIT_COLUMNS);
        do {
          const page = await gatehouse.listAuditEvents({ ...filter, limit, ...(cursor ? { cursor } : {}) });
          if (!values.all) {
            if (json) printJson({ items: page.items.map(recordJson), nextCursor: page.nextCursor });
            else {
              print(table(page.items, AUDIT_COLUMNS, '(no events)'));
              if (page.nextCursor) print(`More: gatehouse audit list --cursor ${page.nextCursor} …`);
            }
            return 0;
          }
          if (json) for (const e of page.items) process.stdout.write(`${JSON.stringify(recordJson(e))}\n`);
          else process.stdout.write(rows.page(page.items));
          count += page.items.length;
          cursor = page.nextCursor;
        } while (cursor);
        if (!json && count === 0) print('(no events)');
        return 0;
      });
    },
  },
  export: auditExportCommand,
};
