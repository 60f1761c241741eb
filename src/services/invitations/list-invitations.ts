/** Operators: an app's open invitations (not accepted, revoked or expired), newest first. */
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { type InvitationView, invitationView } from './invitation-view.js';

export async function listInvitations(ctx: ServiceContext, appId: string): Promise<InvitationView[]> {
  const app = await findApp(ctx, appId);
  return (await ctx.store.invitations.listOpen(app.id, ctx.clock.now())).map(invitationView);
}
