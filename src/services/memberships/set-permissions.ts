/**
 * Operators: replaces the permissions granted to a member directly (beside those of their
 * roles) with exactly `permissions`. Emits `membership.permissions_changed`.
 *
 * @example
 * await gatehouse.setMemberPermissions(userId, appId, ['reports:read']);
 */
import { permissionList, readInput } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { changeMembership, type MemberChangeOptions } from './change-membership.js';
import type { MembershipView } from './membership-view.js';

export async function setMemberPermissions(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  permissions: readonly string[],
  options: MemberChangeOptions = {},
): Promise<MembershipView> {
  const app = await findApp(ctx, appId);
  const wanted = readInput(permissionList, permissions, 'permission list');
  return changeMembership(ctx, app, userId, 'permissions', () => ({ permissions: wanted }), options);
}
