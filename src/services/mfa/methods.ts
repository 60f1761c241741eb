/** The second factors this build knows, and what a given user has of them. */
import type { UserId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { passkeyFactor } from '../passkeys/passkey-factor.js';
import { smsFactor } from '../phone/sms-factor.js';
import { recoveryCodeFactor } from '../recovery-codes/recovery-code-factor.js';
import { totpFactor } from '../totp/totp-factor.js';
import type { MfaMethod, SecondFactor } from './second-factor.js';

/** In the order a sign-in offers them: the strongest first, recovery codes last. */
export const SECOND_FACTORS: readonly SecondFactor[] = [
  passkeyFactor,
  totpFactor,
  smsFactor,
  recoveryCodeFactor,
];

export function secondFactor(method: unknown): SecondFactor | undefined {
  return SECOND_FACTORS.find((f) => f.method === method);
}

/**
 * The methods the user can finish a sign-in with; empty when the account has no factor that
 * turns the two-step sign-in on (recovery codes alone do not).
 */
export async function enabledMethods(ctx: ServiceContext, userId: UserId): Promise<MfaMethod[]> {
  const enabled = await Promise.all(SECOND_FACTORS.map((f) => f.enabled(ctx, userId)));
  const on = SECOND_FACTORS.filter((_, i) => enabled[i]);
  return on.some((f) => f.protects) ? on.map((f) => f.method) : [];
}
