/**
 * How the commands name a user: by id (`usr_…`) or by email address, and how a refusal about
 * them reads — `No such user usr_…` rather than the operation's bare `No such user`.
 */
import { isGatehouseError } from '../../core/errors.js';
import type { Gatehouse } from '../../gatehouse.js';
import { MAX_USER_QUERY_LENGTH, type UserSummary } from '../../services/accounts/list-users.js';
import { CliError, usageError } from './output.js';

/** The account with this exact address (any case), or null; deleted ones only when asked. */
export async function findUserByEmail(
  gatehouse: Gatehouse,
  email: string,
  options: { deleted?: boolean } = {},
): Promise<UserSummary | null> {
  const wanted = email.trim().toLowerCase();
  const statuses = options.deleted ? [undefined, 'deleted' as const] : [undefined];
  for (const status of statuses) {
    let cursor: string | null = null;
    // The search is a substring match: page on until the exact address turns up or the list ends.
    do {
      const page = await gatehouse.listUsers({
        // A prefix of the address is a substring of it too: the search caps its query's length.
        query: email.trim().slice(0, MAX_USER_QUERY_LENGTH),
        limit: 200,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      const found = page.users.find((u) => u.email?.toLowerCase() === wanted);
      if (found) return found;
      cursor = page.nextCursor;
    } while (cursor);
  }
  return null;
}

/** The user id a USER argument names (an id as given; an address looked up). */
export async function resolveUserId(
  gatehouse: Gatehouse,
  ref: string,
  options: { deleted?: boolean } = {},
): Promise<string> {
  if (ref.startsWith('usr_')) return ref;
  if (!ref.includes('@'))
    throw usageError(`USER must be a user id (usr_…) or an email address, not "${ref}"`);
  const user = await findUserByEmail(gatehouse, ref, options);
  if (!user) throw new CliError(`No such user ${ref}`);
  return user.id;
}

/** Runs an operation on a user, naming them in a `NOT_FOUND` refusal. */
export async function onUser<T>(ref: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'NOT_FOUND') {
      throw new CliError(
        error.message === 'No such user' ? `No such user ${ref}` : `${error.message}: ${ref}`,
      );
    }
    throw error;
  }
}
