/**
 * What the signed-in user has set up, for an account page: each method's summary (never a
 * secret) and the methods a sign-in would offer.
 */
import type { ServiceContext } from '../context.js';
import { getSession } from '../sessions/get-session.js';
import { enabledMethods, SECOND_FACTORS } from './methods.js';
import type { MfaMethod } from './second-factor.js';

export interface FactorListing {
  /** Empty when a password alone signs in. */
  readonly methods: MfaMethod[];
  readonly factors: Partial<Record<MfaMethod, Record<string, unknown> | null>>;
}

export async function listFactors(ctx: ServiceContext, accessToken: string): Promise<FactorListing> {
  const { user } = await getSession(ctx, accessToken);
  const summaries = await Promise.all(SECOND_FACTORS.map((f) => f.summary(ctx, user.id)));
  const factors = Object.fromEntries(SECOND_FACTORS.map((f, i) => [f.method, summaries[i] ?? null]));
  return { methods: await enabledMethods(ctx, user.id), factors };
}
