/**
 * Operators and billing: moves a member to another of the app's plans (404 `PLAN_NOT_FOUND` for
 * a plan the app lacks). A paid plan needs a verified address: an account without one (an
 * unverified address, or a username-only account) is 422 `EMAIL_REQUIRED_FOR_PAID` until it
 * adds and verifies one. Emits `membership.plan_changed` with `from`, `to` and `paid`, which
 * reaches webhooks, so a billing system can follow (or drive) every move.
 *
 * @example
 * await gatehouse.setPlan(userId, appId, 'pro');
 */
import type { App, Plan } from '../../core/apps.js';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { changeMembership, type MemberChangeOptions, notAMember } from './change-membership.js';
import type { MembershipView } from './membership-view.js';

export async function setPlan(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  plan: string,
  options: MemberChangeOptions = {},
): Promise<MembershipView> {
  const app = await findApp(ctx, appId);
  const wanted = planOf(app, plan);
  if (!isValidId(userId, 'usr') || !(await ctx.store.memberships.find(app.id, userId))) throw notAMember();
  if (wanted.paid) refuseUnlessMayPay(await ctx.store.users.findById(userId));
  return changeMembership(ctx, app, userId, 'plan', () => ({ plan: wanted.name }), options, {
    paid: wanted.paid,
  });
}

/** The app's plan by that name, or `PLAN_NOT_FOUND`. */
export function planOf(app: App, name: unknown): Plan {
  const plan = app.plans.find((p) => p.name === name);
  if (!plan) throw new GatehouseError('PLAN_NOT_FOUND', 'The app has no such plan');
  return plan;
}

/** `EMAIL_REQUIRED_FOR_PAID` unless the account has a verified address. */
export function refuseUnlessMayPay(user: User | null): void {
  if (!user?.email || !user.emailVerified) {
    throw new GatehouseError(
      'EMAIL_REQUIRED_FOR_PAID',
      'A paid plan needs a verified email address: add and verify one first',
    );
  }
}
