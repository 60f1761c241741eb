/** Port: an app's roles and the permissions each grants. */
import type { Role } from '../../core/apps.js';
import type { AppId } from '../../core/ids.js';

export interface RoleStore {
  /** Stores a new role; false when the app already has one by that name. */
  create(role: Role): Promise<boolean>;
  find(appId: AppId, name: string): Promise<Role | null>;
  /** The app's roles, by name. */
  list(appId: AppId): Promise<Role[]>;
  /** The roles of `names` that exist (the rest are ignored). */
  findMany(appId: AppId, names: readonly string[]): Promise<Role[]>;
  /** Replaces a role's permissions and description; null when there is no such role. */
  update(
    appId: AppId,
    name: string,
    changes: { readonly permissions?: readonly string[]; readonly description?: string | null },
  ): Promise<Role | null>;
  /**
   * Deletes a custom role unless a member holds it, atomically (a grant racing the delete
   * either lands first and the delete is refused, or fails after it).
   */
  deleteUnused(appId: AppId, name: string): Promise<'deleted' | 'not_found' | 'built_in' | 'in_use'>;
}
