/**
 * What a resolved caller may do: every part of a requirement must hold, else a 403 naming the
 * part that failed. Roles and plan come from the caller (read live by `resolveCaller`),
 * permissions from the live membership (`permissionsOf`), so a role change applies at once
 * (SECURITY.md AZ-05).
 *
 * Personal access tokens are held to their scopes: a PAT passes only a requirement that names a
 * `scope` or a `permission`, and only when its scopes grant it — a requirement naming neither is
 * session-only, so a PAT never reaches a route that did not ask for one (AZ-03). A session's
 * access token has every scope: it acts with all of its user's rights.
 */
import { grants, planRank } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';
import { permissionsOf } from '../roles/permissions-of.js';
import type { Caller } from './resolve-caller.js';

export interface Requirement {
  /** `2`: a session that passed a second factor (a PAT never does); else 403 `MFA_REQUIRED`. */
  readonly aal?: 1 | 2;
  /** One of these roles (any of them); else 403 `INSUFFICIENT_ROLE`. */
  readonly role?: string | readonly string[];
  /**
   * A permission (`invoices:read`) the member holds, directly or through a role (`invoices:*`
   * and `*` grant it); else 403 `INSUFFICIENT_PERMISSION`. A PAT's scopes must grant it too,
   * else 403 `INSUFFICIENT_SCOPE`.
   */
  readonly permission?: string;
  /** At least this plan, in the app's order (lowest first); else 403 `INSUFFICIENT_PLAN`. */
  readonly plan?: string;
  /** A scope a PAT must hold (sessions hold every scope); else 403 `INSUFFICIENT_SCOPE`. */
  readonly scope?: string;
}

/**
 * Resolves when `caller` meets every part of `requirement`; throws the 403 of the first part that
 * fails otherwise (scope, role, permission, plan, then assurance — so nobody is sent to pass a
 * second factor for a route their role would refuse anyway).
 *
 * @example
 * await authorize(ctx, caller, { role: ['admin', 'billing'], plan: 'pro' });
 */
export async function authorize(
  ctx: ServiceContext,
  caller: Caller,
  requirement: Requirement = {},
): Promise<void> {
  const { pat } = caller;
  if (pat) {
    if (requirement.scope === undefined && requirement.permission === undefined) {
      throw new GatehouseError('INSUFFICIENT_SCOPE', 'A personal access token cannot be used here');
    }
    if (requirement.scope !== undefined && !grants(pat.scopes, requirement.scope)) throw lacksScope();
  }
  if (requirement.role !== undefined) {
    const wanted: readonly string[] =
      typeof requirement.role === 'string' ? [requirement.role] : requirement.role;
    if (!wanted.some((role) => caller.roles.includes(role))) {
      throw new GatehouseError('INSUFFICIENT_ROLE', 'Your role here does not allow this');
    }
  }
  if (requirement.permission !== undefined) {
    const held = await permissionsOf(ctx, caller.user.id, caller.appId);
    if (!grants(held, requirement.permission)) {
      throw new GatehouseError('INSUFFICIENT_PERMISSION', 'You do not have permission to do this here');
    }
    if (pat && !grants(pat.scopes, requirement.permission)) throw lacksScope();
  }
  if (requirement.plan !== undefined) await checkPlan(ctx, caller, requirement.plan);
  if (requirement.aal === 2 && caller.aal !== 2) {
    throw new GatehouseError('MFA_REQUIRED', 'This needs a sign-in with a second factor');
  }
}

async function checkPlan(ctx: ServiceContext, caller: Caller, plan: string): Promise<void> {
  const app = await ctx.apps.get(caller.appId);
  const wanted = app ? planRank(app, plan) : -1;
  // A guard asking for a plan the app does not have is a configuration mistake: say so, rather
  // than refuse everyone with an answer that suggests upgrading.
  if (!app || wanted === -1) throw new GatehouseError('PLAN_NOT_FOUND', 'This app has no such plan');
  // A plan the app no longer lists ranks -1: below every plan.
  if (planRank(app, caller.plan) < wanted) {
    throw new GatehouseError('INSUFFICIENT_PLAN', 'This needs a higher plan');
  }
}

function lacksScope(): GatehouseError {
  return new GatehouseError('INSUFFICIENT_SCOPE', 'This token lacks the scope this needs');
}
