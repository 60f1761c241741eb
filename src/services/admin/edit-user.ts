/**
 * Operators: one change to a user — profile fields and the verified flag (`updateUser`), and
 * the address (`setUserEmail`, with `reverify`). The whole change is checked before any of it
 * is applied, so an invalid field never leaves the address changed; the address goes first,
 * since it is the part another account can refuse (409 `USER_EXISTS`). `emailVerified` with
 * `email` is refused: `reverify` says what the new address's flag is.
 */
import { GatehouseError } from '../../core/errors.js';
import { readEmail } from '../accounts/read-email.js';
import { updateUser } from '../accounts/update-user.js';
import type { ServiceContext } from '../context.js';
import { checkUserInScope, type OperatorScope } from '../operators/operator-scope.js';
import { readProfilePatch } from '../profile/profile-patch.js';
import type { Me } from '../views.js';
import { setUserEmail } from './set-email.js';

/**
 * @example
 * await gatehouse.editUser('usr_…', { displayName: 'Ada', email: 'ada@example.com', reverify: true });
 */
export async function editUser(
  ctx: ServiceContext,
  userId: string,
  input: unknown,
  scope?: OperatorScope,
): Promise<Me> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('', 'must be an object');
  }
  const { email, reverify, emailVerified, ...profile } = input as Record<string, unknown>;
  if (email === undefined && reverify !== undefined) throw invalid('reverify', 'only goes with email');
  if (email !== undefined && emailVerified !== undefined) {
    throw invalid('emailVerified', 'not with email: reverify says whether the new address is verified');
  }
  if (reverify !== undefined && typeof reverify !== 'boolean')
    throw invalid('reverify', 'must be true or false');
  if (emailVerified !== undefined && typeof emailVerified !== 'boolean') {
    throw invalid('emailVerified', 'must be true or false');
  }
  if (email !== undefined) {
    try {
      readEmail(email);
    } catch {
      throw invalid('email', 'must be one valid email address');
    }
  }
  readProfilePatch(
    profile,
    new Date(ctx.clock.now()).toISOString().slice(0, 10),
    ctx.settings.profileMetadataLimit,
  );
  const id = await checkUserInScope(ctx, scope, userId);
  if (email !== undefined) {
    await setUserEmail(ctx, id, { email: email as string, ...(reverify === undefined ? {} : { reverify }) });
  }
  return updateUser(ctx, id, emailVerified === undefined ? profile : { ...profile, emailVerified });
}

function invalid(path: string, message: string): GatehouseError {
  return new GatehouseError('VALIDATION_ERROR', 'The user change is not valid', {
    issues: [{ path, message }],
  });
}
