/**
 * One second-factor check, the same wherever it happens (sign-in, reauthentication): the method
 * must be one the user has, the check runs under the account's second-factor lockout, and a
 * wrong proof is recorded as `mfa.failed` and answered `INVALID_CODE`.
 */
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { checkSecondFactorUnderLockout } from '../limits/limits.js';
import { secondFactor } from './methods.js';
import type { Attempt, SecondFactor, SecondFactorProof } from './second-factor.js';

export async function checkSecondFactor(
  ctx: ServiceContext,
  user: User,
  method: unknown,
  proof: SecondFactorProof,
  attempt: Attempt,
  client: ClientInfo,
  onWrong?: () => Promise<void>,
): Promise<SecondFactor> {
  const factor = secondFactor(method);
  if (!factor) {
    throw new GatehouseError('VALIDATION_ERROR', 'method must be totp, passkey, sms or recovery_code', {
      issues: [{ path: 'method', message: 'must be totp, passkey, sms or recovery_code' }],
    });
  }
  if (!(await factor.enabled(ctx, user.id))) {
    throw new GatehouseError('MFA_METHOD_UNAVAILABLE', `This account cannot use ${factor.method} now`);
  }
  const failed = async (reason: string) =>
    ctx.events.emit({
      type: 'mfa.failed',
      outcome: 'failure',
      userId: user.id,
      client,
      data: { method: factor.method, reason, during: attempt.kind },
    });
  let right: boolean;
  try {
    right = await checkSecondFactorUnderLockout(ctx, user.id, () =>
      factor.verify(ctx, user, proof, attempt, client),
    );
  } catch (error) {
    if (error instanceof GatehouseError && error.code === 'RATE_LIMITED') {
      await onWrong?.();
      await failed('locked');
    }
    throw error;
  }
  if (!right) {
    await onWrong?.();
    await failed('wrong');
    throw new GatehouseError('INVALID_CODE', 'That code is not right, or was already used');
  }
  return factor;
}
