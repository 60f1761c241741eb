/**
 * The sliding-window estimate every counter store uses: this fixed window's hits plus the
 * previous window's, weighted by how much of it still overlaps the last `windowMs`.
 */
export function slidingWindow(
  previous: number,
  current: number,
  max: number,
  windowStart: number,
  windowMs: number,
  now: number,
): { allowed: boolean; retryAfterMs: number } {
  const elapsed = (now - windowStart) / windowMs;
  const estimate = previous * (1 - elapsed) + current;
  if (estimate <= max) return { allowed: true, retryAfterMs: 0 };
  // When the previous window's share has faded enough — or, if this window alone is over,
  // when it ends.
  const fadeAt =
    current > max || previous === 0
      ? windowStart + windowMs
      : windowStart + windowMs * (1 - (max - current) / previous);
  return { allowed: false, retryAfterMs: Math.max(1000, Math.ceil(fadeAt - now)) };
}
