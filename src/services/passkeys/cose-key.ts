/**
 * Which passkey public keys Gatehouse accepts: a COSE_Key (RFC 9053) of ES256 on P-256, EdDSA on
 * Ed25519, or RS256 with a modulus of at least 2048 bits (WebAuthn §5.8.5). The shape is checked
 * before any signature, so a key the library would verify with another curve or a weak modulus is
 * refused by name.
 */
import { decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';

/** COSE algorithm ids, in the order registration offers them: EdDSA, ES256, RS256. */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257] as const;
export type PasskeyAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];

// COSE_Key labels (RFC 9052 §7.1, RFC 9053 §7) and values.
const KTY = 1;
const ALG = 3;
const CRV_OR_N = -1;
const X_OR_E = -2;
const Y = -3;
const KTY_OKP = 1;
const KTY_EC2 = 2;
const KTY_RSA = 3;
const CRV_P256 = 1;
const CRV_ED25519 = 6;
const MIN_RSA_BITS = 2048;

export type PublicKeyCheck =
  | { readonly ok: true; readonly algorithm: PasskeyAlgorithm }
  | { readonly ok: false; readonly reason: 'unsupported_algorithm' | 'unsupported_key' };

const isAlgorithm = (alg: unknown): alg is PasskeyAlgorithm =>
  (SUPPORTED_ALGORITHMS as readonly unknown[]).includes(alg);

const octets = (value: unknown, length?: number): value is Uint8Array =>
  value instanceof Uint8Array && (length === undefined ? value.byteLength > 0 : value.byteLength === length);

/** Bits of an unsigned big-endian integer, leading zero bytes not counted. */
function bitLength(value: Uint8Array): number {
  const first = value.findIndex((byte) => byte !== 0);
  if (first < 0) return 0;
  return (value.byteLength - first - 1) * 8 + (32 - Math.clz32(value[first]!));
}

/**
 * Whether `cose` is a key we verify with: `unsupported_algorithm` when its `alg` is not one we
 * offer, `unsupported_key` when it does not decode or its shape does not fit its `alg`.
 *
 * @example
 * checkPublicKey(passkey.publicKey) // { ok: true, algorithm: -7 }
 */
export function checkPublicKey(cose: Uint8Array): PublicKeyCheck {
  let key: unknown;
  try {
    key = decodeCredentialPublicKey(new Uint8Array(cose));
  } catch {
    return { ok: false, reason: 'unsupported_key' };
  }
  if (!(key instanceof Map)) return { ok: false, reason: 'unsupported_key' };
  const alg: unknown = key.get(ALG);
  if (!isAlgorithm(alg)) return { ok: false, reason: 'unsupported_algorithm' };
  const kty: unknown = key.get(KTY);
  const fits =
    alg === -7
      ? kty === KTY_EC2 &&
        key.get(CRV_OR_N) === CRV_P256 &&
        octets(key.get(X_OR_E), 32) &&
        octets(key.get(Y), 32)
      : alg === -8
        ? kty === KTY_OKP && key.get(CRV_OR_N) === CRV_ED25519 && octets(key.get(X_OR_E), 32)
        : kty === KTY_RSA &&
          octets(key.get(CRV_OR_N)) &&
          bitLength(key.get(CRV_OR_N)) >= MIN_RSA_BITS &&
          octets(key.get(X_OR_E));
  return fits ? { ok: true, algorithm: alg } : { ok: false, reason: 'unsupported_key' };
}
