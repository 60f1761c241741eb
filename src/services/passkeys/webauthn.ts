/**
 * The WebAuthn relying-party checks passkeys rest on (W3C WebAuthn L3 §7.1 registration, §7.2
 * assertion), over @simplewebauthn/server. Each check the checklist names (WA-01…03) is made here
 * first, in the spec's order, so a refusal is a value with a stable `reason` that the service can
 * answer and audit; the library then verifies everything again (attestation, signature) as the
 * second opinion. ES256, EdDSA and RS256 only. Assertions are in `verify-assertion.ts`.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { decodeAttestationObject, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import {
  bytes,
  type ClientDataRefusal,
  checkAuthenticator,
  checkClientData,
  type ExpectedChallenge,
  registrationResponseSchema,
} from './ceremony-checks.js';
import { checkPublicKey, type PasskeyAlgorithm, SUPPORTED_ALGORITHMS } from './cose-key.js';
import type { RelyingParty } from './relying-party.js';

export {
  assertionResponseSchema,
  type ClientDataRefusal,
  type ExpectedChallenge,
  registrationResponseSchema,
} from './ceremony-checks.js';
export { type PasskeyAlgorithm, SUPPORTED_ALGORITHMS } from './cose-key.js';
export { type RelyingParty, relyingParty } from './relying-party.js';
export {
  type AssertionRefusal,
  type AssertionVerdict,
  assertionCredential,
  type StoredPasskey,
  type VerifyAssertionInput,
  verifyAssertion,
} from './verify-assertion.js';
export type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON };

/** Transports worth keeping as hints for later ceremonies; anything else a client sends is dropped. */
const TRANSPORTS = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'] as const;
export type PasskeyTransport = (typeof TRANSPORTS)[number];

/** A passkey named in `excludeCredentials` / `allowCredentials`. */
export interface PasskeyDescriptor {
  /** base64url credential id. */
  readonly id: string;
  readonly transports?: readonly string[];
}

/** WebAuthn caps a credential id at 1023 bytes (§5.1 `credentialIdLength`); longer ones are refused. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
const MIN_CHALLENGE_BYTES = 16;
const MAX_USER_HANDLE_BYTES = 64;

const descriptors = (list: readonly PasskeyDescriptor[] = []) =>
  list.map(({ id, transports }) => ({ id, transports: knownTransports(transports) }));

const knownTransports = (list: readonly string[] = []): PasskeyTransport[] =>
  list.filter((t): t is PasskeyTransport => (TRANSPORTS as readonly string[]).includes(t));

export interface RegistrationOptionsInput {
  /** The WebAuthn user handle: 1–64 opaque bytes, never personal data such as the email. */
  readonly userHandle: Uint8Array;
  /** What the authenticator shows to tell accounts apart (the email or username). */
  readonly userName: string;
  readonly userDisplayName?: string;
  /** At least 16 fresh random bytes (injected `Random`); the service keeps them, bound to this ceremony. */
  readonly challenge: Uint8Array;
  /** The user's passkeys, so an authenticator holding one of them refuses to make another. */
  readonly excludeCredentials?: readonly PasskeyDescriptor[];
}

/**
 * `PublicKeyCredentialCreationOptions` as JSON for `navigator.credentials.create()` (through
 * `PublicKeyCredential.parseCreationOptionsFromJSON`): a discoverable credential, user verification
 * as `rp.userVerification`, no attestation, ES256 / EdDSA / RS256. Throws a `RangeError` on a short
 * challenge or a bad user handle (a programming error, not a client's).
 *
 * @example
 * const options = await registrationOptions(rp, { userHandle, userName: 'ada@example.com', challenge: random.bytes(32) });
 */
export async function registrationOptions(
  rp: RelyingParty,
  input: RegistrationOptionsInput,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  checkChallenge(input.challenge);
  const handle = input.userHandle.byteLength;
  if (handle < 1 || handle > MAX_USER_HANDLE_BYTES)
    throw new RangeError(`a WebAuthn user handle is 1 to ${MAX_USER_HANDLE_BYTES} bytes`);
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: new Uint8Array(input.userHandle),
    userName: input.userName,
    userDisplayName: input.userDisplayName ?? input.userName,
    challenge: new Uint8Array(input.challenge),
    timeout: rp.timeoutMs,
    attestationType: 'none',
    excludeCredentials: descriptors(input.excludeCredentials),
    // A fresh object each time: the library writes `requireResidentKey` into it.
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: rp.userVerification,
    },
    supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
  });
}

export interface AuthenticationOptionsInput {
  /** At least 16 fresh random bytes; the service keeps them, bound to this ceremony. */
  readonly challenge: Uint8Array;
  /** The user's passkeys when the user is known (second factor); omit for a passkey sign-in. */
  readonly allowCredentials?: readonly PasskeyDescriptor[];
}

/**
 * `PublicKeyCredentialRequestOptions` as JSON for `navigator.credentials.get()`. Without
 * `allowCredentials` the browser offers every passkey it holds for the RP (sign-in without a
 * username).
 *
 * @example
 * const options = await authenticationOptions(rp, { challenge: random.bytes(32) });
 */
export async function authenticationOptions(
  rp: RelyingParty,
  input: AuthenticationOptionsInput,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  checkChallenge(input.challenge);
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: new Uint8Array(input.challenge),
    timeout: rp.timeoutMs,
    userVerification: rp.userVerification,
    allowCredentials: descriptors(input.allowCredentials),
  });
}

function checkChallenge(challenge: Uint8Array): void {
  if (challenge.byteLength < MIN_CHALLENGE_BYTES)
    throw new RangeError(`a WebAuthn challenge is at least ${MIN_CHALLENGE_BYTES} random bytes`);
}

// ---- registration ----------------------------------------------------------------------------

export interface VerifyRegistrationInput {
  /** The browser's answer, untrusted (`PublicKeyCredential.toJSON()` or @simplewebauthn/browser's). */
  readonly response: unknown;
  /** Called at most once, only when the client data parses and is a `webauthn.create`. */
  readonly expectedChallenge: ExpectedChallenge;
}

/** A passkey that passed registration: what the store keeps. */
export interface NewPasskey {
  /** base64url credential id (at most 1023 bytes decoded); unique across all users (the service checks). */
  readonly id: string;
  /** The COSE_Key, as the authenticator sent it (re-encoded canonically). */
  readonly publicKey: Uint8Array;
  readonly algorithm: PasskeyAlgorithm;
  readonly counter: number;
  readonly transports: PasskeyTransport[];
  readonly aaguid: string;
  readonly userVerified: boolean;
  /** The passkey may be synced (backup eligible); `backedUp`: it is. */
  readonly backupEligible: boolean;
  readonly backedUp: boolean;
  readonly origin: string;
}

export type RegistrationRefusal =
  | ClientDataRefusal
  | 'rp_id_mismatch'
  | 'user_not_present'
  | 'user_not_verified'
  | 'credential_id_too_long'
  | 'unsupported_algorithm'
  | 'unsupported_key'
  | 'attestation_invalid';

export type RegistrationVerdict =
  | { readonly ok: true; readonly passkey: NewPasskey }
  | { readonly ok: false; readonly reason: RegistrationRefusal };

/**
 * Checks a registration answer in full (§7.1): `malformed` for what does not parse, else the first
 * failed check's reason. A credential id already registered is the service's check (it has the store).
 *
 * @example
 * const verdict = await verifyRegistration(rp, { response: body, expectedChallenge: (c) => challenges.consume(c) });
 * if (!verdict.ok) throw new GatehouseError('PASSKEY_REJECTED', verdict.reason);
 */
export async function verifyRegistration(
  rp: RelyingParty,
  input: VerifyRegistrationInput,
): Promise<RegistrationVerdict> {
  const refuse = (reason: RegistrationRefusal) => ({ ok: false, reason }) as const;
  const parsed = registrationResponseSchema.safeParse(input.response);
  if (!parsed.success || parsed.data.id !== parsed.data.rawId) return refuse('malformed');
  const answer = parsed.data;
  const client = await checkClientData(
    rp,
    answer.response.clientDataJSON,
    'webauthn.create',
    input.expectedChallenge,
  );
  if (!client.ok) return refuse(client.reason);

  let authData: ReturnType<typeof parseAuthenticatorData>;
  try {
    const raw = decodeAttestationObject(bytes(answer.response.attestationObject)).get('authData');
    if (!(raw instanceof Uint8Array)) return refuse('malformed');
    authData = parseAuthenticatorData(raw);
  } catch {
    return refuse('malformed');
  }
  const refusal = checkAuthenticator(rp, authData.rpIdHash, authData.flags);
  if (refusal) return refuse(refusal);
  const { credentialID, credentialPublicKey } = authData;
  if (!credentialID || !credentialPublicKey || credentialID.byteLength === 0) return refuse('malformed');
  if (credentialID.byteLength > MAX_CREDENTIAL_ID_BYTES) return refuse('credential_id_too_long');
  if (!Buffer.from(credentialID).equals(bytes(answer.rawId))) return refuse('malformed');
  const key = checkPublicKey(credentialPublicKey);
  if (!key.ok) return refuse(key.reason);

  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response: { ...answer, clientExtensionResults: {} },
      expectedChallenge: client.challenge,
      expectedOrigin: [...rp.origins],
      expectedRPID: rp.id,
      requireUserPresence: true,
      requireUserVerification: rp.userVerification === 'required',
      supportedAlgorithmIDs: [...SUPPORTED_ALGORITHMS],
    });
  } catch {
    // Everything before the attestation statement was checked above, so what is left is it.
    return refuse('attestation_invalid');
  }
  if (!verified.verified) return refuse('attestation_invalid');
  const info = verified.registrationInfo;
  return {
    ok: true,
    passkey: {
      id: info.credential.id,
      publicKey: new Uint8Array(info.credential.publicKey),
      algorithm: key.algorithm,
      counter: info.credential.counter,
      transports: knownTransports(answer.response.transports),
      aaguid: info.aaguid,
      userVerified: info.userVerified,
      backupEligible: info.credentialDeviceType === 'multiDevice',
      backedUp: info.credentialBackedUp,
      origin: client.origin,
    },
  };
}
