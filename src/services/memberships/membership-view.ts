/** A membership as operators and the API see it (times in ISO 8601). */
import type { Membership } from '../../core/apps.js';
import type { AppId, UserId } from '../../core/ids.js';

export interface MembershipView {
  readonly appId: AppId;
  readonly userId: UserId;
  readonly roles: readonly string[];
  readonly plan: string;
  /** Granted to this member directly, beside those of their roles. */
  readonly permissions: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function membershipView(membership: Membership): MembershipView {
  return {
    appId: membership.appId,
    userId: membership.userId,
    roles: membership.roles,
    plan: membership.plan,
    permissions: membership.permissions,
    createdAt: new Date(membership.createdAt).toISOString(),
    updatedAt: new Date(membership.updatedAt).toISOString(),
  };
}
