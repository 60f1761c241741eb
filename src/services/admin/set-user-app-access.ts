/**
 * Operators: sets what a user is at one app — roles, plan, direct permissions — making them a
 * member first when they are not (`addMember`, with the first role given and the plan). Each
 * change goes through its own operation (`setRoles`, `setPlan`, `setMemberPermissions`), so the
 * events and refusals are theirs: `ROLE_NOT_FOUND`, `PLAN_NOT_FOUND`, `EMAIL_REQUIRED_FOR_PAID`.
 * Those are checked before the first write, so a refused request changes nothing. With
 * `endSessions` the member's sessions at the app end after the last change, so it applies to
 * tokens at once. At the console app, only an operator holding every permission may change
 * memberships (else one could raise themselves), and the last active admin keeps the role
 * (409 `LAST_ADMIN`). A tenant admin reaches their own app and its members only (404 beyond).
 *
 * @example
 * await gatehouse.setUserAppAccess('usr_…', 'app_…', { roles: ['editor'], plan: 'pro', endSessions: true });
 */
import { z } from 'zod';
import { GatehouseError } from '../../core/errors.js';
import { permissionList, planName, readInput, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { addMember } from '../memberships/add-member.js';
import type { MemberChangeOptions } from '../memberships/change-membership.js';
import { endMemberSessions } from '../memberships/end-member-sessions.js';
import { type MembershipView, membershipView } from '../memberships/membership-view.js';
import { setMemberPermissions } from '../memberships/set-permissions.js';
import { planOf, refuseUnlessMayPay, setPlan } from '../memberships/set-plan.js';
import { setRoles } from '../memberships/set-roles.js';
import { findAccessTarget } from './access-target.js';
import { type AppReach, changeableApp } from './app-reach.js';

export const userAppAccessSchema = z.strictObject({
  roles: z
    .array(roleName)
    .max(32)
    .refine((r) => new Set(r).size === r.length, 'must not repeat a role')
    .optional()
    .meta({ description: 'Replaces the member’s roles; each must exist in the app' }),
  plan: planName
    .optional()
    .meta({ description: 'One of the app’s plans; a paid one needs a verified address' }),
  permissions: permissionList
    .optional()
    .meta({ description: 'Replaces the permissions granted to the member directly' }),
  endSessions: z.boolean().optional().meta({
    description: 'End the member’s sessions at the app now, so the change applies to tokens at once',
  }),
});

export type UserAppAccess = z.input<typeof userAppAccessSchema>;

export async function setUserAppAccess(
  ctx: ServiceContext,
  userId: string,
  appId: string,
  input: UserAppAccess,
  reach?: AppReach,
): Promise<{ membership: MembershipView; created: boolean }> {
  changeableApp(reach, appId);
  const user = await findAccessTarget(ctx, reach, userId);
  if (user.status === 'deleted') throw new GatehouseError('NOT_FOUND', 'No such user');
  const access = readInput(userAppAccessSchema, input, 'access change');
  const app = await findApp(ctx, appId);
  if (access.plan !== undefined && planOf(app, access.plan).paid) refuseUnlessMayPay(user);
  for (const role of access.roles ?? []) {
    if (!(await ctx.store.roles.find(app.id, role))) {
      throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
    }
  }

  let created = false;
  const current = await ctx.store.memberships.find(app.id, user.id);
  let membership = current ? membershipView(current) : null;
  if (!membership) {
    const first = access.roles?.[0];
    const added = await addMember(ctx, user.id, app.id, {
      ...(first ? { role: first } : {}),
      ...(access.plan !== undefined ? { plan: access.plan } : {}),
    });
    ({ membership, created } = added);
  }

  const { roles, plan, permissions } = access;
  const changes: Array<(options: MemberChangeOptions) => Promise<MembershipView>> = [];
  if (roles) changes.push((o) => setRoles(ctx, user.id, app.id, roles, o));
  if (plan !== undefined) changes.push((o) => setPlan(ctx, user.id, app.id, plan, o));
  if (permissions) changes.push((o) => setMemberPermissions(ctx, user.id, app.id, permissions, o));
  const endSessions = access.endSessions === true;
  // The sessions end once, with the last change, so no token outlives any of them.
  for (const [i, change] of changes.entries()) {
    membership = await change(i === changes.length - 1 ? { endSessions } : {});
  }
  if (changes.length === 0 && endSessions) await endMemberSessions(ctx, app.id, user.id, ctx.clock.now());
  return { membership, created };
}
