/** A role as operators and the API see it (times in ISO 8601). */
import type { Role } from '../../core/apps.js';

export interface RoleView {
  readonly name: string;
  readonly description: string | null;
  readonly permissions: readonly string[];
  /** `admin`, `member`, `guest`: every app has them and they cannot be deleted. */
  readonly builtIn: boolean;
  readonly createdAt: string;
}

export function roleView(role: Role): RoleView {
  return {
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    builtIn: role.builtIn,
    createdAt: new Date(role.createdAt).toISOString(),
  };
}
