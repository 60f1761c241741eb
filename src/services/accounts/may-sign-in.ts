/**
 * Whether an account whose first factor just passed may sign in — the same rule for a password
 * and a passkey: a suspended account is told so, any other inactive one gets the caller's usual
 * refusal, and with `requireEmailVerified` an unverified address is refused (only now, after
 * the factor: the answer reveals nothing to someone who lacks it). Each refusal goes through
 * `failed`, which records it and returns the error to throw.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ServiceContext } from '../context.js';

export async function refuseUnlessMaySignIn(
  ctx: ServiceContext,
  user: User,
  failed: (reason: string, error: GatehouseError) => Promise<GatehouseError>,
  invalid: () => GatehouseError,
): Promise<void> {
  if (user.status === 'suspended') {
    throw await failed('suspended', new GatehouseError('USER_SUSPENDED', 'This account is suspended'));
  }
  if (user.status !== 'active') throw await failed(user.status, invalid());
  if (ctx.settings.requireEmailVerified && !user.emailVerified) {
    throw await failed(
      'email_not_verified',
      new GatehouseError('EMAIL_NOT_VERIFIED', 'Confirm your email address first'),
    );
  }
}
