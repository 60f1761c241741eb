/**
 * The signed-in user changes their own profile (`PATCH /auth/me`): only allow-listed fields (see
 * `profile-patch.ts`); anything else is refused and nothing changes.
 */
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import type { Me } from '../views.js';
import { meOf } from './get-me.js';
import { readProfilePatch } from './profile-patch.js';

export async function updateProfile(
  ctx: ServiceContext,
  accessToken: string,
  input: unknown,
  client: ClientInfo = {},
): Promise<Me> {
  const { user, session } = await getSession(ctx, accessToken);
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
      sessionId: session.id,
      client,
      data: { fields: fields.sort().join(',') },
    });
  }
  const updated = await ctx.store.users.findById(user.id);
  if (!updated) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  return meOf(ctx, updated);
}
