/**
 * The ways an account can still sign in, for refusing to remove the last one
 * (`LAST_SIGN_IN_METHOD`): a password, a passkey, each linked identity, and — when
 * passwordless sign-in is on — a verified address.
 */
import type { User } from '../../core/entities.js';
import type { IdentityId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';

export interface RemainingWays {
  /** Leave this identity out, as if it were already unlinked. */
  readonly withoutIdentity?: IdentityId;
}

export async function countSignInMethods(
  ctx: ServiceContext,
  user: User,
  remaining: RemainingWays = {},
): Promise<number> {
  const [password, passkeys, identities] = await Promise.all([
    ctx.store.credentials.findActivePassword(user.id),
    ctx.store.passkeys.listForUser(user.id),
    ctx.store.identities.listForUser(user.id),
  ]);
  const byMail = ctx.settings.passwordless.enabled && user.email !== null && user.emailVerified;
  return (
    (password ? 1 : 0) +
    passkeys.length +
    identities.filter((i) => i.id !== remaining.withoutIdentity).length +
    (byMail ? 1 : 0)
  );
}
