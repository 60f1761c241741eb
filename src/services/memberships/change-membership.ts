/**
 * What every change to a member's roles, plan or direct permissions shares: one atomic update
 * of the membership (concurrent changes all land; a role the app lacks is `ROLE_NOT_FOUND` and
 * nothing changes), `MEMBERSHIP_NOT_FOUND` for a non-member, the event with the value before
 * and after (no actor: the admin API adds one), and, on request, the end of the member's
 * sessions at the app.
 *
 * Without `endSessions` a change shows in Gatehouse's own guards and `permissionsOf` at once
 * (they read the live membership) and in access tokens at the next refresh — at most
 * `accessTokenTtl` later. With `endSessions: true` the member's sessions at that app end now,
 * so no token with the old claims can be refreshed.
 */
import type { App, Membership } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { EventData } from '../../core/events.js';
import { isValidId } from '../../core/ids.js';
import type { MembershipChanges } from '../../store/ports/membership-store.js';
import type { ServiceContext } from '../context.js';
import { endMemberSessions } from './end-member-sessions.js';
import { type MembershipView, membershipView } from './membership-view.js';

export interface MemberChangeOptions {
  /** End the member's sessions at the app now, so the change also applies to tokens at once. */
  readonly endSessions?: boolean;
}

const EVENTS = {
  roles: 'membership.roles_changed',
  plan: 'membership.plan_changed',
  permissions: 'membership.permissions_changed',
} as const;

export type MembershipAspect = keyof typeof EVENTS;

const describe = (m: Membership, aspect: MembershipAspect) =>
  aspect === 'plan' ? m.plan : m[aspect].join(',');

export async function changeMembership(
  ctx: ServiceContext,
  app: App,
  userId: unknown,
  aspect: MembershipAspect,
  change: (current: Membership) => MembershipChanges,
  options: MemberChangeOptions = {},
  extra: EventData = {},
): Promise<MembershipView> {
  if (!isValidId(userId, 'usr')) throw notAMember();
  const now = ctx.clock.now();
  const result = await ctx.store.memberships.update(app.id, userId, change, now);
  if (!result) throw notAMember();
  const sessionsEnded =
    options.endSessions === true ? await endMemberSessions(ctx, app.id, userId, now) : undefined;
  const from = describe(result.before, aspect);
  const to = describe(result.after, aspect);
  if (from !== to) {
    await ctx.events.emit({
      type: EVENTS[aspect],
      userId,
      data: { appId: app.id, from, to, ...extra, ...(sessionsEnded === undefined ? {} : { sessionsEnded }) },
    });
  }
  return membershipView(result.after);
}

export function notAMember(): GatehouseError {
  return new GatehouseError('MEMBERSHIP_NOT_FOUND', 'The user is not a member of the app');
}
