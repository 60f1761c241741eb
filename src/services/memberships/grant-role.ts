/**
 * Operators: gives a member one more role at an app (a role they hold already changes nothing).
 * 404 `ROLE_NOT_FOUND` for a role the app lacks, `MEMBERSHIP_NOT_FOUND` for a non-member. Emits
 * `membership.roles_changed`. See change-membership.ts for when the change applies.
 *
 * @example
 * await gatehouse.grantRole(userId, appId, 'billing', { endSessions: true });
 */
import { ROLE_NAME } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { changeMembership, type MemberChangeOptions } from './change-membership.js';
import type { MembershipView } from './membership-view.js';

export async function grantRole(
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
    (m) => ({ roles: m.roles.includes(name) ? m.roles : [...m.roles, name] }),
    options,
  );
}

/** A role name, or `ROLE_NOT_FOUND` for anything that cannot name one. */
export function readRoleName(role: unknown): string {
  if (typeof role !== 'string' || !ROLE_NAME.test(role)) {
    throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  }
  return role;
}
