/**
 * What an operator may do in the console. The page server admits an operator with the page's
 * own permission (`PageRoute.admin`); a page offering actions that need another permission —
 * the user detail's suspend, delete, impersonate… — shows only those the operator holds and
 * checks the action's permission again when its form is sent, exactly as `resolveOperator`
 * checks an admin route's: held through `grants` (`*`, `users:*`, or the permission itself),
 * and tenant admins only where the admin API lets them (their app's members, sessions and
 * memberships).
 */
import { grants } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { AdminPermission } from '../../core/operators.js';
import type { PageView } from '../../http/route.js';
import type { Operator } from '../../services/operators/resolve-operator.js';

/** What an action needs: a permission, and whether an app's own admin may do it too. */
export interface ConsoleNeed {
  readonly permission: AdminPermission;
  /** Tenant admins may (for their app only), as on the admin route doing the same. */
  readonly tenant?: boolean;
}

/** Whether `operator` may do what `need` says (false without an operator). */
export function allows(operator: Operator | undefined, need: ConsoleNeed): boolean {
  if (!operator) return false;
  if (operator.appId !== null && need.tenant !== true) return false;
  return grants(operator.permissions, need.permission);
}

/**
 * The page's operator, once they may do `need`; else 403 `INSUFFICIENT_PERMISSION`, which the
 * page server answers with the console's refusal page.
 *
 * @example
 * const operator = requirePermission(submission, { permission: 'users:delete' });
 */
export function requirePermission(view: PageView, need: ConsoleNeed): Operator {
  const operator = view.operator;
  if (!operator || !allows(operator, need)) {
    throw new GatehouseError('INSUFFICIENT_PERMISSION', 'Your operator role does not allow this');
  }
  return operator;
}

/** Whether the operator holds every permission (`*`): only they may change console memberships. */
export function holdsEverything(operator: Operator | undefined): boolean {
  return operator?.appId === null && operator.permissions.includes('*');
}
