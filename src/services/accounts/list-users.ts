/**
 * Operators: the user base a page at a time, ordered by id (about the order of creation), with
 * filters — status, app membership (and a role or plan there), verified address, second factor —
 * and a case-insensitive substring search over email, username, name and display name
 * (Flametrench `list_users`, fixtures/identity/list-users.json). Without a status filter every
 * status but `deleted` is listed (`status: 'deleted'` lists those awaiting purge).
 */
import { z } from 'zod';
import type { UserStatus } from '../../core/entities.js';
import { isValidId, type UserId } from '../../core/ids.js';
import { planName, readInput, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { checkAppInScope, type OperatorScope } from '../operators/operator-scope.js';

/** Longest search string; longer ones are refused rather than cut. */
export const MAX_USER_QUERY_LENGTH = 200;

export const userListQuerySchema = z
  .strictObject({
    status: z.enum(['active', 'suspended', 'revoked', 'deleted']).optional(),
    appId: z.string().optional().meta({ description: 'Only members of this app' }),
    role: roleName.optional().meta({ description: 'Only members holding this role at `appId`' }),
    plan: planName.optional().meta({ description: 'Only members on this plan at `appId`' }),
    verified: z.boolean().optional(),
    hasMfa: z.boolean().optional().meta({
      description: 'An authenticator app, a passkey or a phone (recovery codes alone do not count)',
    }),
    query: z
      .string()
      .max(MAX_USER_QUERY_LENGTH)
      // The search joins the columns with a control character: none may appear in a query.
      .refine((q) => !/\p{Cc}/u.test(q), 'must not contain control characters')
      .optional()
      .meta({ description: 'Case-insensitive substring of email, username, name or display name' }),
    cursor: z
      .string()
      .refine((c) => isValidId(c, 'usr'), 'must be a nextCursor from an earlier page')
      .nullable()
      .optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .refine((q) => q.appId !== undefined || (q.role === undefined && q.plan === undefined), {
    message: 'role and plan filter members of an app: give appId too',
    path: ['appId'],
  });

export type UserListQuery = z.input<typeof userListQuerySchema>;

/** One row of the operator's user list. */
export interface UserSummary {
  readonly id: UserId;
  readonly email: string | null;
  readonly username: string | null;
  readonly name: string | null;
  readonly displayName: string | null;
  readonly status: UserStatus;
  readonly emailVerified: boolean;
  /** ISO 8601. */
  readonly createdAt: string;
}

export interface UserPage {
  readonly users: UserSummary[];
  /** Opaque: pass it back as `cursor` for the next page. Null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * @example
 * const { users, nextCursor } = await gatehouse.listUsers({ query: 'example.com', status: 'active' });
 */
export async function listUsers(
  ctx: ServiceContext,
  input: UserListQuery = {},
  scope?: OperatorScope,
): Promise<UserPage> {
  // A tenant admin lists their own app's members whatever the query says; another app is 404.
  if (typeof input.appId === 'string') checkAppInScope(scope, input.appId);
  const {
    cursor,
    limit = 50,
    appId,
    query,
    ...filters
  } = readInput(userListQuerySchema, scope?.appId ? { ...input, appId: scope.appId } : input, 'user query');
  const app = appId === undefined ? undefined : await findApp(ctx, appId);
  const search = query?.trim();
  // One row more than the page tells whether another page follows.
  const rows = await ctx.store.userDirectory.list({
    ...filters,
    ...(app ? { appId: app.id } : {}),
    ...(search ? { query: search } : {}),
    ...(cursor ? { after: cursor as UserId } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    users: page.map(({ user, displayName }) => ({
      id: user.id,
      email: user.email,
      username: user.username,
      name: user.name,
      displayName,
      status: user.status,
      emailVerified: user.emailVerified,
      createdAt: new Date(user.createdAt).toISOString(),
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.user.id : null,
  };
}
