/**
 * Housekeeping: deletes what no longer does anything — accounts past their restore window and
 * rate-limit counters nobody touched for a day. The instance runs it every hour; `gatehouse
 * housekeeping` runs it now. Safe to run from several processes at once.
 */

import { purgeDeletedUsers } from '../accounts/restore-user.js';
import type { ServiceContext } from '../context.js';

/** How many records each step removed. */
export interface HousekeepingReport {
  readonly purgedUsers: number;
  readonly counters: number;
}

const COUNTER_IDLE_MS = 24 * 3_600_000;

export async function runHousekeeping(ctx: ServiceContext): Promise<HousekeepingReport> {
  const purgedUsers = await purgeDeletedUsers(ctx);
  const counters = await ctx.counters.prune(ctx.clock.now() - COUNTER_IDLE_MS);
  return { purgedUsers, counters };
}
