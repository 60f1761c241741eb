/**
 * Operators: replaces a member's roles with exactly `roles` (each must exist in the app, else
 * `ROLE_NOT_FOUND` and nothing changes). Emits `membership.roles_changed`.
 */
import { z } from 'zod';
import { readInput, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { changeMembership, type MemberChangeOptions } from './change-membership.js';
import type { MembershipView } from './membership-view.js';

const rolesSchema = z
  .array(roleName)
  .max(32)
  .refine((r) => new Set(r).size === r.length, 'must not repeat a role');

export async function setRoles(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  roles: readonly string[],
  options: MemberChangeOptions = {},
): Promise<MembershipView> {
  const app = await findApp(ctx, appId);
  const wanted = readInput(rolesSchema, roles, 'role list');
  return changeMembership(ctx, app, userId, 'roles', () => ({ roles: wanted }), options);
}
