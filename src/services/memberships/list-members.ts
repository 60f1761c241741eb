/**
 * Operators: an app's members a page at a time, ordered by user id; `nextCursor` (the last
 * user id of the page) asks for the next page, and is null after the last.
 */
import { z } from 'zod';
import { isValidId, type UserId } from '../../core/ids.js';
import { readInput } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { type MembershipView, membershipView } from './membership-view.js';

const querySchema = z.strictObject({
  cursor: z
    .string()
    .refine((c) => isValidId(c, 'usr'), 'must be a nextCursor from an earlier page')
    .nullable()
    .optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export type MemberPageQuery = z.input<typeof querySchema>;

export interface MemberPage {
  readonly items: MembershipView[];
  readonly nextCursor: string | null;
}

export async function listMembers(
  ctx: ServiceContext,
  appId: string,
  query: MemberPageQuery = {},
): Promise<MemberPage> {
  const app = await findApp(ctx, appId);
  const { cursor, limit = 50 } = readInput(querySchema, query, 'member query');
  const rows = await ctx.store.memberships.listForApp(app.id, {
    ...(cursor ? { afterUserId: cursor as UserId } : {}),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map(membershipView),
    nextCursor: rows.length > limit ? page[page.length - 1]!.userId : null,
  };
}
