/**
 * Lock-out protection for the operations that take a user out (suspend, revoke, delete, purge):
 *
 * - an operator cannot do them to their own account (409 `CANNOT_ACT_ON_SELF`): one slip would
 *   end the session they are using, and could leave nobody able to undo it. The operator is the
 *   actor the admin API (or an app's own tools, through `asActor`) runs the operation as; the
 *   CLI acts as `cli` and is never refused for this;
 * - nobody can take out the last active admin of the console (409 `LAST_ADMIN`), e.g. an
 *   operator whose custom role has `users:write` but not `*` suspending the only admin. The
 *   store checks it in the transaction that changes the status (`UserStore.takeOut` with
 *   `CONSOLE_ADMIN`), taking turns with every other such change and with the console's membership
 *   changes (which `MembershipStore` guards likewise), so two admins taking each other out at
 *   once leave one.
 */
import { GatehouseError } from '../../core/errors.js';
import { currentActor } from '../events/actor.js';

export { CONSOLE_ADMIN, lastAdmin } from '../../store/ports/kept-holder.js';

export function refuseSelf(userId: string, action: string): void {
  if (currentActor()?.id === userId) {
    throw new GatehouseError('CANNOT_ACT_ON_SELF', `Operators cannot ${action} their own account`);
  }
}
