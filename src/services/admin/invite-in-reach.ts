/**
 * Operators: `createInvitation` within the operator's reach (app-reach.ts). An invitation to the
 * console app is how new operators are invited: whoever accepts it becomes an operator with the
 * invited role. So an operator may invite only to a console role whose every permission they
 * hold themselves — only an admin (`*`) invites admins, and nobody hands out more than they have
 * (403 `INSUFFICIENT_PERMISSION`). Tenant admins never reach the console app (404).
 *
 * @example
 * await gatehouse.createInvitation({ appId: CONSOLE_APP_ID, email, role: 'support' }, operator);
 */
import { grants } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { ServiceContext } from '../context.js';
import { createInvitation, type NewInvitation } from '../invitations/create-invitation.js';
import type { InvitationView } from '../invitations/invitation-view.js';
import { type AppReach, holdsEverything, reachApp } from './app-reach.js';

export async function inviteInReach(
  ctx: ServiceContext,
  input: NewInvitation,
  reach?: AppReach,
): Promise<InvitationView> {
  const appId = typeof input?.appId === 'string' ? input.appId : '';
  reachApp(reach, appId);
  if (appId === CONSOLE_APP_ID && !holdsEverything(reach)) {
    const held = reach?.permissions ?? [];
    const consoleApp = await ctx.apps.fresh(CONSOLE_APP_ID);
    const name = typeof input.role === 'string' ? input.role : consoleApp?.defaultRole;
    // An unknown role is createInvitation's to refuse (ROLE_NOT_FOUND), with its usual checks.
    const role = name === undefined ? null : await ctx.store.roles.find(CONSOLE_APP_ID, name);
    if (role && !role.permissions.every((permission) => grants(held, permission))) {
      throw new GatehouseError(
        'INSUFFICIENT_PERMISSION',
        'You can invite operators only to a console role whose permissions you hold yourself',
      );
    }
  }
  return createInvitation(ctx, input);
}
