/** Port: what a person is in each app — roles, plan and direct permissions. */
import type { Membership } from '../../core/apps.js';
import type { AppId, UserId } from '../../core/ids.js';

export interface MembershipChanges {
  readonly roles?: readonly string[];
  readonly plan?: string;
  readonly permissions?: readonly string[];
}

export interface MembershipStore {
  find(appId: AppId, userId: UserId): Promise<Membership | null>;
  /**
   * Makes `membership` unless the user is already a member; returns the membership that holds
   * afterwards and whether this call made it. Concurrent calls make exactly one. Its roles must
   * exist in the app (checked under the same lock as `update`), else `ROLE_NOT_FOUND`.
   */
  ensure(membership: Membership): Promise<{ readonly membership: Membership; readonly created: boolean }>;
  /** The user's memberships, oldest first. */
  listForUser(userId: UserId): Promise<Membership[]>;
  /** The app's members, by user id, `limit` after `afterUserId`. */
  listForApp(appId: AppId, options?: { afterUserId?: UserId; limit?: number }): Promise<Membership[]>;
  /**
   * Changes a membership in one transaction: `change` sees the membership as it is (locked, so
   * concurrent grants both land) and returns what to set. Every role the result holds must exist
   * in the app — checked under a lock that a concurrent role deletion waits for — else it throws
   * `ROLE_NOT_FOUND` and nothing changes. At the console app, a change that would take `admin`
   * from its last active holder throws `LAST_ADMIN` and nothing changes (see `kept-holder.ts`:
   * such changes take turns with each other and with `UserStore.takeOut`). Returns the
   * membership before and after, or null when the user is not a member.
   */
  update(
    appId: AppId,
    userId: UserId,
    change: (current: Membership) => MembershipChanges,
    now: number,
  ): Promise<{ readonly before: Membership; readonly after: Membership } | null>;
  /**
   * Removes the membership; false when there was none. At the console app, under the same guard
   * as `update`: removing the last active admin throws `LAST_ADMIN` and removes nothing.
   */
  remove(appId: AppId, userId: UserId): Promise<boolean>;
  /** How many members of the app hold `role`. */
  countWithRole(appId: AppId, role: string): Promise<number>;
}
