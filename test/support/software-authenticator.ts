/**
 * A WebAuthn authenticator and client in software (node:crypto), for tests that need registration
 * and assertion answers without a browser: real keys and signatures, `none` attestation, and knobs
 * to make each thing a relying party must refuse (another origin, RP ID, type, flags, counter,
 * user handle, a long credential id, a key we do not accept). The browser tests use Chromium's
 * virtual authenticator instead (test/support/browser.ts).
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** ES256, EdDSA, RS256 — and ES384 (-35), which Gatehouse does not accept, for refusal tests. */
export type SoftwareAlgorithm = -7 | -8 | -257 | -35;

/** What to change in one answer; the signature is made over whatever results, unless tampered after. */
export interface Tweaks {
  origin?: string;
  type?: string;
  challenge?: string;
  /** The RP ID whose hash goes into authenticator data (default: the options' RP ID). */
  rpId?: string;
  up?: boolean;
  uv?: boolean;
  /** Backup eligible (BE) and backed up (BS): off unless set. */
  be?: boolean;
  bs?: boolean;
  crossOrigin?: boolean;
  topOrigin?: string;
  /** The signature counter to report (default: one more than the last). */
  counter?: number;
  /** The user handle to return from `get` (default: the one `create` was given); `null`: none. */
  userHandle?: string | null;
  /** Flip one byte of the authenticator data or client data after signing. */
  tamper?: 'authenticatorData' | 'clientDataJSON';
}

export interface SoftwareAuthenticatorOptions {
  algorithm?: SoftwareAlgorithm;
  /** RSA modulus length for -257 (default 2048). */
  rsaBits?: number;
  /** Credential id length in bytes (default 32). */
  credentialIdBytes?: number;
  /** The page origin the client reports (default `https://<rp id>`). */
  origin?: string;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

function coseKey(algorithm: SoftwareAlgorithm, publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = (v: string | undefined) => new Uint8Array(Buffer.from(v!, 'base64url'));
  const map = new Map<number, number | Uint8Array>([[3, algorithm]]);
  if (algorithm === -7 || algorithm === -35) {
    map
      .set(1, 2)
      .set(-1, algorithm === -7 ? 1 : 2)
      .set(-2, raw(jwk.x))
      .set(-3, raw(jwk.y));
  } else if (algorithm === -8) {
    map.set(1, 1).set(-1, 6).set(-2, raw(jwk.x));
  } else {
    map.set(1, 3).set(-1, raw(jwk.n)).set(-2, raw(jwk.e));
  }
  return isoCBOR.encode(map);
}

function keyPair(algorithm: SoftwareAlgorithm, rsaBits: number) {
  if (algorithm === -7) return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (algorithm === -35) return generateKeyPairSync('ec', { namedCurve: 'P-384' });
  if (algorithm === -8) return generateKeyPairSync('ed25519');
  return generateKeyPairSync('rsa', { modulusLength: rsaBits });
}

function flags(t: Tweaks, attested: boolean): number {
  return (
    (t.up === false ? 0 : 0x01) |
    (t.uv === false ? 0 : 0x04) |
    (t.be ? 0x08 : 0) |
    (t.bs ? 0x10 : 0) |
    (attested ? 0x40 : 0)
  );
}

function counterBytes(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function clientData(kind: string, challenge: string, origin: string, t: Tweaks): Buffer {
  const data: Record<string, unknown> = { type: t.type ?? kind, challenge: t.challenge ?? challenge, origin };
  if (t.crossOrigin !== undefined) data.crossOrigin = t.crossOrigin;
  if (t.topOrigin !== undefined) data.topOrigin = t.topOrigin;
  return Buffer.from(JSON.stringify(data));
}

function flipLastByte(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1]! ^= 0x01;
  return copy;
}

/**
 * One authenticator holding one credential (made by `create`, used by `get`).
 *
 * @example
 * const authenticator = softwareAuthenticator({ algorithm: -8, origin: 'http://localhost:3000' });
 * const answer = authenticator.create(await registrationOptions(rp, {...}));
 */
export function softwareAuthenticator(options: SoftwareAuthenticatorOptions = {}) {
  const algorithm = options.algorithm ?? -7;
  const { privateKey, publicKey } = keyPair(algorithm, options.rsaBits ?? 2048);
  const credentialId = randomBytes(options.credentialIdBytes ?? 32);
  let counter = 0;
  let userHandle: string | null = null;

  const signature = (data: Buffer): Buffer =>
    algorithm === -8
      ? sign(null, data, privateKey)
      : sign(algorithm === -35 ? 'sha384' : 'sha256', data, { key: privateKey, dsaEncoding: 'der' });

  return {
    algorithm,
    /** base64url of the credential id. */
    credentialId: b64url(credentialId),
    /** The COSE public key, as a relying party would store it. */
    publicKey: coseKey(algorithm, publicKey),

    /** A `PublicKeyCredential.toJSON()` of `navigator.credentials.create(options)`. */
    create(request: PublicKeyCredentialCreationOptionsJSON, t: Tweaks = {}) {
      userHandle = request.user.id;
      counter = t.counter ?? 0;
      const origin = t.origin ?? options.origin ?? `https://${request.rp.id}`;
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(credentialId.byteLength);
      const authData = Buffer.concat([
        sha256(t.rpId ?? request.rp.id!),
        Buffer.from([flags(t, true)]),
        counterBytes(counter),
        Buffer.alloc(16), // AAGUID: none
        idLength,
        credentialId,
        coseKey(algorithm, publicKey),
      ]);
      const attestationObject = isoCBOR.encode(
        new Map<string, unknown>([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', new Uint8Array(authData)],
        ]) as Map<string, never>,
      );
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: 'public-key',
        response: {
          clientDataJSON: b64url(clientData('webauthn.create', request.challenge, origin, t)),
          attestationObject: b64url(attestationObject),
          transports: ['internal', 'not-a-transport'],
        },
        clientExtensionResults: {},
      };
    },

    /** A `PublicKeyCredential.toJSON()` of `navigator.credentials.get(options)`, signed by this credential. */
    get(request: PublicKeyCredentialRequestOptionsJSON, t: Tweaks = {}) {
      counter = t.counter ?? counter + 1;
      const origin = t.origin ?? options.origin ?? `https://${request.rpId}`;
      let authData: Buffer = Buffer.concat([
        sha256(t.rpId ?? request.rpId!),
        Buffer.from([flags(t, false)]),
        counterBytes(counter),
      ]);
      let client: Buffer = clientData('webauthn.get', request.challenge, origin, t);
      const sig = signature(Buffer.concat([authData, sha256(client)]));
      if (t.tamper === 'authenticatorData') authData = flipLastByte(authData);
      if (t.tamper === 'clientDataJSON') client = Buffer.from(client.toString().replace('"}', '", "x":1}'));
      const handle = t.userHandle === undefined ? userHandle : t.userHandle;
      return {
        id: b64url(credentialId),
        rawId: b64url(credentialId),
        type: 'public-key',
        response: {
          clientDataJSON: b64url(client),
          authenticatorData: b64url(authData),
          signature: b64url(sig),
          ...(handle === null ? {} : { userHandle: handle }),
        },
        clientExtensionResults: {},
      };
    },
  };
}

export type SoftwareAuthenticator = ReturnType<typeof softwareAuthenticator>;
