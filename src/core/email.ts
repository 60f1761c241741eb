/**
 * The one rule that decides when two typed addresses are the same account:
 * trim surrounding whitespace, Unicode NFC, then lower-case (locale-independent).
 * `Alice@Example.com` and `alice@example.com` are one account; a dotless `ı` or a
 * full-width `＠` stays different (and the latter is not a valid address at all).
 */

/** Maximum length of an address (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

// One local part and one domain: no whitespace, commas, semicolons, angle brackets, double quotes or
// colons anywhere (they separate or smuggle recipients); apostrophes only in the local part.
const ADDRESS = /^[^\s@,;<>()[\]\\":]+@[^\s@,;<>()[\]\\"':]+\.[^\s@,;<>()[\]\\"':.]{2,}$/u;
// Control characters and the Unicode line/paragraph separators can smuggle headers.
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029\uFF20]/u;

/** Canonical form of an address, or `null` when it is not one single plausible address. */
export function canonicalEmail(input: string): string | null {
  const email = input.trim().normalize('NFC').toLowerCase();
  if (email.length === 0 || email.length > MAX_EMAIL_LENGTH) return null;
  if (FORBIDDEN.test(email) || !ADDRESS.test(email)) return null;
  return email;
}
