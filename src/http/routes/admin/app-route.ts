/**
 * The frame the admin API's routes on apps share (apps, their roles and members): tagged
 * `Admin`, behind an `apps:*` permission that a tenant admin may use at their own app unless the
 * route is for console operators only, and answering its own refusals, then those every admin
 * route can answer.
 */
import type { Route } from '../../route.js';
import { ADMIN_ERRORS } from './admin-errors.js';

export interface AppRouteSpec extends Omit<Route, 'tag' | 'admin' | 'errors'> {
  readonly permission: 'apps:read' | 'apps:write';
  /** Creating apps and rotating secrets: a tenant admin is refused. */
  readonly consoleOnly?: true;
  /** The route's own refusals. */
  readonly errors?: readonly string[];
}

export function appRoute({ permission, consoleOnly, errors = [], ...route }: AppRouteSpec): Route {
  return {
    ...route,
    tag: 'Admin',
    admin: consoleOnly ? { permission } : { permission, tenant: true },
    errors: [...errors, ...ADMIN_ERRORS],
  };
}
