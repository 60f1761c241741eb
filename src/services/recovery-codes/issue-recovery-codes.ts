/**
 * A new set of recovery codes for a user: `mfa`'s ten one-time codes, returned once and stored
 * only as keyed digests. The old set stops working in the same transaction.
 */
import type { User } from '../../core/entities.js';
import { newRecoveryCodes } from '../../crypto/recovery-codes.js';
import type { ClientInfo, ServiceContext } from '../context.js';

export const RECOVERY_CODE_COUNT = 10;

export async function issueRecoveryCodes(
  ctx: ServiceContext,
  user: User,
  client: ClientInfo,
): Promise<string[]> {
  const codes = newRecoveryCodes(ctx.random, RECOVERY_CODE_COUNT);
  const hashes = codes.map((code) => ctx.codeDigest('recovery-code', code));
  await ctx.store.recoveryCodes.replaceAll(user.id, hashes, ctx.clock.now());
  await ctx.events.emit({
    type: 'mfa.recovery_codes_generated',
    userId: user.id,
    client,
    data: { count: codes.length },
  });
  return codes;
}
