/**
 * `gatehouse users list`: the admin API's user list (`listUsers`) — the same filters and search,
 * a page at a time (`--cursor` from the last line), or every page with `--all`, printed as it
 * comes (JSON lines with `--json --all`) rather than gathered first.
 */
import type { UserListQuery, UserSummary } from '../../services/accounts/list-users.js';
import type { Command, OptionValues } from './command.js';
import { withInstance } from './open-instance.js';
import { type Column, pagedTable, print, printJson, table, usageError } from './output.js';

export const USER_COLUMNS: readonly Column<UserSummary>[] = [
  { header: 'id', value: (u) => u.id },
  { header: 'email', value: (u) => u.email ?? u.username },
  { header: 'name', value: (u) => u.displayName ?? u.name },
  { header: 'status', value: (u) => u.status },
  { header: 'verified', value: (u) => (u.emailVerified ? 'yes' : 'no') },
  { header: 'created', value: (u) => u.createdAt.slice(0, 19).replace('T', ' ') },
];

/** A whole number from an option, or a usage error naming it. */
export function intOption(values: OptionValues, name: 'limit', fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw usageError(`--${name} must be a whole number`);
  return Number(raw);
}

/** Two flags that say yes and no to one filter. */
function either(values: OptionValues, yes: 'verified' | 'has-mfa', no: 'unverified' | 'no-mfa') {
  if (values[yes] && values[no]) throw usageError(`Give --${yes} or --${no}, not both`);
  return values[yes] ? true : values[no] ? false : undefined;
}

function queryOf(values: OptionValues): UserListQuery {
  const verified = either(values, 'verified', 'unverified');
  const hasMfa = either(values, 'has-mfa', 'no-mfa');
  return {
    ...(values.status ? { status: values.status as UserListQuery['status'] } : {}),
    ...(values.app ? { appId: values.app } : {}),
    ...(values.role ? { role: values.role } : {}),
    ...(values.plan ? { plan: values.plan } : {}),
    ...(verified === undefined ? {} : { verified }),
    ...(hasMfa === undefined ? {} : { hasMfa }),
    ...(values.query ? { query: values.query } : {}),
  };
}

export const usersListCommand: Command = {
  usage:
    'users list [--query TEXT] [--status S] [--app APP [--role R] [--plan P]] [--verified|--unverified] [--has-mfa|--no-mfa] [--limit N] [--cursor C | --all]',
  summary: 'List users by id, with filters and a search over email, username and name',
  options: [
    'query',
    'status',
    'app',
    'role',
    'plan',
    'verified',
    'unverified',
    'has-mfa',
    'no-mfa',
    'limit',
    'cursor',
    'all',
  ],
  args: 0,
  async run({ values, json, instance }) {
    const query = queryOf(values);
    const limit = intOption(values, 'limit', values.all ? 200 : 50);
    if (values.all && values.cursor) throw usageError('Give --cursor or --all, not both');
    return withInstance(instance, async (gatehouse) => {
      if (!values.all) {
        const page = await gatehouse.listUsers({
          ...query,
          limit,
          ...(values.cursor ? { cursor: values.cursor } : {}),
        });
        if (json) printJson(page);
        else {
          print(table(page.users, USER_COLUMNS, '(no users)'));
          if (page.nextCursor) print(`More: gatehouse users list --cursor ${page.nextCursor} …`);
        }
        return 0;
      }
      let cursor: string | null = null;
      let count = 0;
      const rows = pagedTable(USER_COLUMNS);
      do {
        const page = await gatehouse.listUsers({ ...query, limit, ...(cursor ? { cursor } : {}) });
        if (json) for (const user of page.users) process.stdout.write(`${JSON.stringify(user)}\n`);
        else process.stdout.write(rows.page(page.users));
        count += page.users.length;
        cursor = page.nextCursor;
      } while (cursor);
      if (!json) print(count === 0 ? '(no users)' : `${count} user(s)`);
      return 0;
    });
  },
};
