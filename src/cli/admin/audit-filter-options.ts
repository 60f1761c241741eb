/** The audit filter options `audit list` and `audit export` share, and the filter they give. */
import type { EventType } from '../../core/events.js';
import type { AuditFilter } from '../../services/admin/audit-filter.js';
import type { OptionName, OptionValues } from './command.js';

export const FILTER_OPTIONS: readonly OptionName[] = [
  'user',
  'actor',
  'target',
  'type',
  'outcome',
  'since',
  'until',
];

export const FILTER_USAGE =
  '[--user USER_ID] [--actor ID|cli] [--target ID] [--type T[,T…]] [--outcome success|failure] [--since TIME] [--until TIME]';

/** The filter the options give; the operation checks it (bad values are its `VALIDATION_ERROR`). */
export function auditFilterOf(values: OptionValues): AuditFilter {
  const types = values.type
    ?.split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return {
    ...(values.user ? { userId: values.user } : {}),
    ...(values.actor ? { actorId: values.actor } : {}),
    ...(values.target ? { targetId: values.target } : {}),
    ...(types ? { type: types as EventType[] } : {}),
    ...(values.outcome ? { outcome: values.outcome as 'success' | 'failure' } : {}),
    ...(values.since ? { from: values.since } : {}),
    ...(values.until ? { to: values.until } : {}),
  };
}
