/**
 * Port: membership changes that must leave an app at least one active member holding a role —
 * what keeps the console app from losing its last admin, after which nobody could run the
 * installation. The check and the change are one transaction, and guarded changes of one app
 * take turns, so of two concurrent demotions of the last two holders one is refused.
 */
import type { Membership } from '../../core/apps.js';
import type { AppId, UserId } from '../../core/ids.js';
import type { MembershipChanges } from './membership-store.js';

/** The change would leave no active member of the app holding the role: nothing changed. */
export type LastHolder = 'last_holder';

export interface RoleHolderStore {
  /**
   * `MembershipStore.update`, except that when the member holds `role`, would not afterwards,
   * and no other active member of the app holds it, nothing changes and it answers
   * `last_holder`. Guarded changes of one app run one at a time (PostgreSQL: the app's row is
   * locked first; SQLite runs writers one at a time); unguarded changes do not wait for them.
   */
  update(
    appId: AppId,
    userId: UserId,
    role: string,
    change: (current: Membership) => MembershipChanges,
    now: number,
  ): Promise<{ readonly before: Membership; readonly after: Membership } | null | LastHolder>;
  /** `MembershipStore.remove` under the same guard: false when there was no membership. */
  remove(appId: AppId, userId: UserId, role: string): Promise<boolean | LastHolder>;
}
