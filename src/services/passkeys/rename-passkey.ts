/** Renames one of the signed-in user's passkeys (a label only: no recent sign-in needed). */
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { requireOwnSession } from '../sessions/own-session.js';
import { readPasskeyName } from './passkey-name.js';
import { type PasskeyView, passkeyView } from './passkey-view.js';

export async function renamePasskey(
  ctx: ServiceContext,
  accessToken: string,
  passkeyId: string,
  name: unknown,
): Promise<PasskeyView> {
  const { user, session } = await getSession(ctx, accessToken);
  requireOwnSession(session);
  const label = readPasskeyName(name);
  // Another user's passkey is as unknown here as one that never existed.
  if (!isValidId(passkeyId, 'mfa') || !(await ctx.store.passkeys.rename(user.id, passkeyId, label))) {
    throw new GatehouseError('NOT_FOUND', 'No such passkey');
  }
  const renamed = (await ctx.store.passkeys.listForUser(user.id)).find((p) => p.id === passkeyId);
  if (!renamed) throw new GatehouseError('NOT_FOUND', 'No such passkey');
  return passkeyView(renamed);
}
