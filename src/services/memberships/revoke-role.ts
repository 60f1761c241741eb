/**
 * Operators: takes one role from a member (a role they do not hold changes nothing); a member
 * may be left with no role at all. Emits `membership.roles_changed`. See change-membership.ts
 * for when the change applies — for a demoted admin, Gatehouse's guards refuse at once.
 */
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { changeMembership, type MemberChangeOptions } from './change-membership.js';
import { readRoleName } from './grant-role.js';
import type { MembershipView } from './membership-view.js';

export async function revokeRole(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  role: string,
  options: MemberChangeOptions = {},
): Promise<MembershipView> {
  const app = await findApp(ctx, appId);
  const name = readRoleName(role);
  return changeMembership(
    ctx,
    app,
    userId,
    'roles',
    (m) => ({ roles: m.roles.filter((r) => r !== name) }),
    options,
  );
}
