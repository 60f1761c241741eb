/** Generates an ES256 signing key and seals its private half for storage. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import type { KeySeal } from '../../crypto/key-seal.js';
import type { SigningKeyRecord } from '../../store/ports/signing-key-store.js';

export function newSigningKey(seal: KeySeal, now: number): SigningKeyRecord {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint as kid: stable, unique, and reveals nothing.
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  const kid = createHash('sha256').update(canonical).digest('base64url');
  return {
    kid,
    alg: 'ES256',
    publicJwk: JSON.stringify({
      kty: jwk.kty,
      crv: jwk.crv,
      x: jwk.x,
      y: jwk.y,
      kid,
      alg: 'ES256',
      use: 'sig',
    }),
    sealedPrivateKey: seal.seal(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()),
    createdAt: now,
    retiredAt: null,
  };
}
