/**
 * Operators: changes a user's profile fields (the same allow-list and rules as the user's own
 * `PATCH /auth/me`) and the verified flag of the address, for an active or suspended user (a
 * suspended one may be renamed without being reactivated). A revoked user is refused with 409
 * `USER_REVOKED`, a deleted or unknown one with 404 `NOT_FOUND`. The address itself changes only
 * through the address-change flow. Audited as `user.updated` with the fields changed (never
 * their values) and `by: operator`.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { isValidId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { meOf } from '../profile/get-me.js';
import { readProfilePatch } from '../profile/profile-patch.js';
import type { Me } from '../views.js';

export async function updateUser(ctx: ServiceContext, userId: string, input: unknown): Promise<Me> {
  if (!isValidId(userId, 'usr')) throw new GatehouseError('NOT_FOUND', 'No such user');
  const { emailVerified, profile } = splitVerified(input);
  const now = ctx.clock.now();
  const patch = readProfilePatch(
    profile,
    new Date(now).toISOString().slice(0, 10),
    ctx.settings.profileMetadataLimit,
  );
  const fields = [...Object.keys(patch), ...(emailVerified === undefined ? [] : ['emailVerified'])];
  if (fields.length > 0) {
    const changed = await ctx.store.users.updateByOperator(
      userId,
      { ...patch, ...(emailVerified === undefined ? {} : { emailVerified }) },
      now,
    );
    if (!changed) throw refusal(await ctx.store.users.findById(userId));
    await ctx.events.emit({
      type: 'user.updated',
      userId,
      data: { fields: fields.sort().join(','), by: 'operator' },
    });
  }
  const user = await ctx.store.users.findById(userId);
  // A user revoked after a change landed still gets the change's answer.
  if (!user || user.status === 'deleted' || (fields.length === 0 && user.status === 'revoked')) {
    throw refusal(user);
  }
  return meOf(ctx, user);
}

/** Why an operator's change did not apply to the user as read now. */
function refusal(user: User | null): GatehouseError {
  if (user?.status === 'revoked') {
    return new GatehouseError('USER_REVOKED', 'The user is revoked');
  }
  return new GatehouseError('NOT_FOUND', 'No such user');
}

/** `emailVerified` (a boolean, when present) apart from the profile fields. */
function splitVerified(input: unknown): { emailVerified: boolean | undefined; profile: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('emailVerified' in input)) {
    return { emailVerified: undefined, profile: input };
  }
  const { emailVerified, ...profile } = input as Record<string, unknown>;
  if (typeof emailVerified !== 'boolean') {
    throw new GatehouseError('VALIDATION_ERROR', 'The user change is not valid', {
      issues: [{ path: 'emailVerified', message: 'must be true or false' }],
    });
  }
  return { emailVerified, profile };
}
