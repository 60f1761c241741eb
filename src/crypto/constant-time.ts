/** Comparing secrets (digests, nonces) in time that does not depend on where they differ. */
import { timingSafeEqual } from 'node:crypto';

/** Whether `a` and `b` are the same string; only their lengths can show in the time taken. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
