/**
 * The console app must keep an active admin, or nobody could run the installation: a change of
 * roles or a removal that would take the `admin` role from the last active member holding it is
 * refused with 409 `LAST_ADMIN`, nothing changed. The check and the change are one transaction
 * in the store (`RoleHolderStore`), and such changes take turns, so two operators demoting each
 * other at the same moment leave one admin. `keepingLastAdmin` hands the existing membership
 * operations (`setRoles`, `removeMember`…) a context whose membership store routes console
 * changes through that guard, so they run unchanged, with their checks and events.
 */
import type { Membership } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { AppId, UserId } from '../../core/ids.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { MembershipChanges, MembershipStore } from '../../store/ports/membership-store.js';
import type { ServiceContext } from '../context.js';

const ADMIN_ROLE = 'admin';

function lastAdmin(): GatehouseError {
  return new GatehouseError(
    'LAST_ADMIN',
    'This would leave the console without an active admin: make another operator admin first',
  );
}

export function keepingLastAdmin(ctx: ServiceContext): ServiceContext {
  const { memberships, roleHolders } = ctx.store;
  const guarded: MembershipStore = {
    ...memberships,
    async update(
      appId: AppId,
      userId: UserId,
      change: (current: Membership) => MembershipChanges,
      now: number,
    ) {
      if (appId !== CONSOLE_APP_ID) return memberships.update(appId, userId, change, now);
      const result = await roleHolders.update(appId, userId, ADMIN_ROLE, change, now);
      if (result === 'last_holder') throw lastAdmin();
      return result;
    },
    async remove(appId: AppId, userId: UserId) {
      if (appId !== CONSOLE_APP_ID) return memberships.remove(appId, userId);
      const result = await roleHolders.remove(appId, userId, ADMIN_ROLE);
      if (result === 'last_holder') throw lastAdmin();
      return result;
    },
  };
  return { ...ctx, store: { ...ctx.store, memberships: guarded } };
}
