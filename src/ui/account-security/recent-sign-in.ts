/**
 * Whether a session may start a change that needs a recent sign-in, asked before the browser
 * leaves for somewhere that cannot answer with a page (linking a provider goes to the JSON API's
 * redirect, whose refusal would be a JSON body).
 *
 * No operation answers only this question. Unlinking an identity runs the same check as every
 * factor change (`recentSession`: `IMPERSONATION_RESTRICTED`, then `REAUTH_REQUIRED`) before it
 * looks at the id, and an id that cannot name an identity is refused `NOT_FOUND` without
 * touching anything — so that refusal means "recent enough". test/ui/account-security pins it.
 */
import { isGatehouseError } from '../../core/errors.js';
import type { Operations } from '../../services/operations.js';

/** Resolves when the session's sign-in is recent and its own; throws the operation's refusal otherwise. */
export async function requireRecentSignIn(ops: Operations, accessToken: string): Promise<void> {
  try {
    await ops.unlinkIdentity(accessToken, '');
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'NOT_FOUND') return;
    throw error;
  }
  // Unreachable while '' can name no identity; refuse rather than carry on unchecked.
  throw new Error('requireRecentSignIn: the probe unlinked something');
}
