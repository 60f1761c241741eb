/**
 * Taking an ES256 JWT signature apart in tests: its `s` half, and the token with `s` replaced by
 * `n − s` — the second spelling of the same signature that ECDSA accepts unless low-S is enforced.
 */

/** The order n of the P-256 group (FIPS 186-4 D.1.2.3). */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const toBigInt = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex') || '0'}`);
const toBytes = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

/** The `s` of a token's JOSE (r ‖ s) signature. */
export function sOf(token: string): bigint {
  const signature = Buffer.from(token.split('.')[2] ?? '', 'base64url');
  return toBigInt(signature.subarray(32, 64));
}

/** The same token with its signature's `s` replaced by `n − s`. */
export function flipS(token: string): string {
  const [header, payload, sig] = token.split('.') as [string, string, string];
  const signature = Buffer.from(sig, 'base64url');
  const flipped = Buffer.concat([signature.subarray(0, 32), toBytes(P256_ORDER - sOf(token))]);
  return `${header}.${payload}.${flipped.toString('base64url')}`;
}
