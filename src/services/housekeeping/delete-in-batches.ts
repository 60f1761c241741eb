/** Runs one housekeeping delete batch after batch until the rows it is after are gone. */

/** Rows per delete: small enough that no statement holds its locks (or the SQLite writer) for long. */
export const HOUSEKEEPING_BATCH = 500;

/**
 * Calls `step(limit)` until a batch comes back short, and returns the total deleted. A short
 * batch also ends the loop when a concurrent run (another process) holds the remaining rows:
 * that run deletes them.
 */
export async function deleteInBatches(
  step: (limit: number) => Promise<number>,
  limit = HOUSEKEEPING_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await step(limit);
    total += deleted;
    if (deleted < limit) return total;
  }
}
