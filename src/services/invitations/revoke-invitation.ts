/**
 * Operators: withdraws an open invitation; its link then answers `LINK_INVALID`. 404 `NOT_FOUND`
 * when the app has no open invitation with that id. Emits `invitation.revoked`.
 */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';

export async function revokeInvitation(
  ctx: ServiceContext,
  appId: string,
  invitationId: string,
): Promise<void> {
  const app = await findApp(ctx, appId);
  const revoked =
    isValidId(invitationId, 'inv') &&
    (await ctx.store.invitations.revoke(app.id, invitationId, ctx.clock.now()));
  if (!revoked) throw new GatehouseError('NOT_FOUND', 'The app has no open invitation with that id');
  await ctx.events.emit({
    type: 'invitation.revoked',
    targetId: invitationId,
    data: { appId: app.id, invitationId },
  });
}
