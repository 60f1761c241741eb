/**
 * Operators: removes a member from an app and ends their sessions there at once (their sessions
 * at other apps go on). An open app makes them a member again, with its defaults, at their next
 * sign-in; an invite-only app refuses them (`NOT_A_MEMBER`). Emits `membership.removed`.
 */
import { isValidId } from '../../core/ids.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { notAMember } from './change-membership.js';
import { endMemberSessions } from './end-member-sessions.js';

export async function removeMember(ctx: ServiceContext, userId: string, appId: string): Promise<void> {
  const app = await findApp(ctx, appId);
  if (!isValidId(userId, 'usr') || !(await ctx.store.memberships.remove(app.id, userId))) throw notAMember();
  const sessionsEnded = await endMemberSessions(ctx, app.id, userId, ctx.clock.now());
  await ctx.events.emit({ type: 'membership.removed', userId, data: { appId: app.id, sessionsEnded } });
}
