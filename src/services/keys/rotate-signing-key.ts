/** `gatehouse keys rotate`: a new key signs from now on; old keys stay published until their tokens expire. */

import type { KeySeal } from '../../crypto/key-seal.js';
import type { ServiceContext } from '../context.js';
import { signingKeyCutoff } from '../housekeeping/retention.js';
import { newSigningKey } from './new-signing-key.js';

export async function rotateSigningKey(
  ctx: ServiceContext,
  seal: KeySeal,
): Promise<{ kid: string; purged: number }> {
  const now = ctx.clock.now();
  const key = newSigningKey(seal, now);
  await ctx.store.signingKeys.rotate(key, now);
  // Keys retired longer ago than a token lives (plus skew) can no longer verify anything.
  const purged = await ctx.store.signingKeys.purgeRetired(signingKeyCutoff(ctx.settings, now));
  await ctx.keyring.reload();
  return { kid: key.kid, purged };
}
