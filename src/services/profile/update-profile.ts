/**
 * The signed-in user changes their own profile (`PATCH /auth/me`): only allow-listed fields (see
 * `profile-patch.ts`); anything else is refused and nothing changes.
 */
import { GatehouseError } from '../../core/errors.js';
import type { Caller } from '../access/resolve-caller.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import type { Me } from '../views.js';
import { activeUser, meOf } from './get-me.js';
import { readProfilePatch } from './profile-patch.js';

export async function updateProfile(
  ctx: ServiceContext,
  accessToken: string | Caller,
  input: unknown,
  client: ClientInfo = {},
): Promise<Me> {
  // A personal access token's caller (`profile:write`) was resolved by the HTTP core: no session.
  const { user, session } =
    typeof accessToken === 'string'
      ? await getSession(ctx, accessToken)
      : { user: await activeUser(ctx, accessToken), session: null };
  const now = ctx.clock.now();
  const patch = readProfilePatch(
    input,
    new Date(now).toISOString().slice(0, 10),
    ctx.settings.profileMetadataLimit,
  );
  const fields = Object.keys(patch);
  if (fields.length > 0) {
    if (!(await ctx.store.users.updateProfile(user.id, patch, now))) {
      throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
    }
    // Which fields changed, never their values: profiles hold personal data.
    await ctx.events.emit({
      type: 'user.updated',
      userId: user.id,
      sessionId: session?.id ?? null,
      client,
      data: { fields: fields.sort().join(',') },
    });
  }
  const updated = await ctx.store.users.findById(user.id);
  if (!updated) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  return meOf(ctx, updated);
}
