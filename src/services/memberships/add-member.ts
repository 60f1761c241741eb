/**
 * Operators: makes an existing account a member of an app, with a role (the app's default role
 * unless given) and a plan (the default plan unless given; a paid one needs a verified address,
 * 422 `EMAIL_REQUIRED_FOR_PAID`). Also how someone joins an invite-only app without an
 * invitation. Already a member: the membership is returned as it is, with `created: false`.
 * Emits `membership.created`.
 *
 * @example
 * await gatehouse.addMember(userId, appId, { role: 'admin' });
 */
import { z } from 'zod';
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import { planName, readInput, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { type MembershipView, membershipView } from './membership-view.js';
import { planOf, refuseUnlessMayPay } from './set-plan.js';

const newMemberSchema = z.strictObject({ role: roleName.optional(), plan: planName.optional() });

export type NewMember = z.input<typeof newMemberSchema>;

export async function addMember(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  input: NewMember = {},
): Promise<{ membership: MembershipView; created: boolean }> {
  const app = await findApp(ctx, appId);
  const fields = readInput(newMemberSchema, input, 'membership');
  const user = isValidId(userId, 'usr') ? await ctx.store.users.findById(userId) : null;
  if (!user || user.status === 'deleted') throw new GatehouseError('NOT_FOUND', 'No such user');
  const role = fields.role ?? app.defaultRole;
  if (!(await ctx.store.roles.find(app.id, role))) {
    throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  }
  const plan = planOf(app, fields.plan ?? app.defaultPlan);
  if (plan.paid) refuseUnlessMayPay(user);
  const now = ctx.clock.now();
  const { membership, created } = await ctx.store.memberships.ensure({
    appId: app.id,
    userId: user.id,
    roles: [role],
    plan: plan.name,
    permissions: [],
    createdAt: now,
    updatedAt: now,
  });
  if (created) {
    await ctx.events.emit({
      type: 'membership.created',
      userId: user.id,
      data: { appId: app.id, roles: membership.roles.join(','), plan: membership.plan },
    });
  }
  return { membership: membershipView(membership), created };
}
