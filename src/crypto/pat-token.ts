/**
 * The personal-access-token wire format, `pat_<32 lowercase hex id>_<base64url secret>`, and
 * bearer routing by prefix (Flametrench ADR 0016; the fixtures under
 * `../shared/conformance/flametrench/fixtures/identity/pat/` are the tests). Structure only: no
 * lookup happens here, so a malformed token is refused before any database work.
 */
import type { PatId } from '../core/ids.js';
import type { Random } from '../core/random.js';

/** The secret half of a personal access token, as the client holds it (stored only as its SHA-256). */
export type PatSecret = string & { readonly __secret: 'PatSecret' };

/** A whole personal access token, as shown once at creation and then sent as a bearer. */
export type PatToken = string & { readonly __secret: 'PatToken' };

/** The id is exactly 32 lowercase hex; the secret non-empty RFC 4648 §5 base64url without padding. */
const WIRE = /^pat_([0-9a-f]{32})_([A-Za-z0-9_-]+)$/;

/** The secret's length in bytes: 256 bits, like every other bearer secret here. */
const SECRET_BYTES = 32;

/**
 * Splits a token into its id and secret, or null when its structure is wrong.
 *
 * @example
 * parsePatToken('pat_0190f2a81b3c7abc8123456789abcdef_x'); // { id: 'pat_0190…cdef', secret: 'x' }
 */
export function parsePatToken(token: string): { id: PatId; secret: PatSecret } | null {
  const match = WIRE.exec(token);
  if (!match) return null;
  return { id: `pat_${match[1]}` as PatId, secret: match[2] as PatSecret };
}

/**
 * Which verifier a bearer goes to, by its prefix alone. A malformed `pat_…` is still `pat`, so
 * the PAT verifier refuses it: a bearer never falls back to another kind's verifier.
 */
export function classifyBearer(token: string): 'pat' | 'share' | 'session' {
  if (token.startsWith('pat_')) return 'pat';
  if (token.startsWith('shr_')) return 'share';
  return 'session';
}

/** A new token for `id` (from `newId('pat', …)`) with a fresh 256-bit secret. */
export function newPatToken(id: PatId, random: Random): { token: PatToken; secret: PatSecret } {
  const secret = Buffer.from(random.bytes(SECRET_BYTES)).toString('base64url') as PatSecret;
  return { token: `${id}_${secret}` as PatToken, secret };
}
