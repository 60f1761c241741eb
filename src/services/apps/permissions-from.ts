/** A member's permissions: those granted directly, then those of each role they hold, without repeats. */
import type { Membership, Role } from '../../core/apps.js';

export function permissionsFrom(membership: Membership, roles: readonly Role[]): string[] {
  const held = new Set(membership.permissions);
  for (const role of roles) {
    if (!membership.roles.includes(role.name)) continue;
    for (const permission of role.permissions) held.add(permission);
  }
  return [...held];
}
