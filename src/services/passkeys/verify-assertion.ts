/**
 * The assertion half of the WebAuthn relying-party checks (W3C WebAuthn L3 §7.2; SECURITY.md
 * WA-02, WA-03), re-exported by `webauthn.ts`: find the passkey an answer names, then verify the
 * answer in full — our checks first, in the spec's order, with stable refusal reasons, then the
 * library's signature check — and apply the signature-counter rule last.
 */
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import {
  assertionResponseSchema,
  bytes,
  type ClientDataRefusal,
  checkAuthenticator,
  checkClientData,
  type ExpectedChallenge,
} from './ceremony-checks.js';
import { checkPublicKey } from './cose-key.js';
import type { RelyingParty } from './relying-party.js';

/** A stored passkey, as the assertion check needs it. */
export interface StoredPasskey {
  /** base64url credential id. */
  readonly id: string;
  readonly publicKey: Uint8Array;
  /** The signature counter last accepted (0 for authenticators that keep none). */
  readonly counter: number;
  /** base64url of the user handle it was registered with; `null` only where none is known. */
  readonly userHandle: string | null;
}

export interface VerifyAssertionInput {
  /** The browser's answer, untrusted. Find `passkey` by {@link assertionCredential} first. */
  readonly response: unknown;
  /** Called at most once, only when the client data parses and is a `webauthn.get`. */
  readonly expectedChallenge: ExpectedChallenge;
  readonly passkey: StoredPasskey;
  /**
   * The user was not named before the ceremony (passkey sign-in): the answer must carry the user
   * handle (§7.2 step 6), and it must be the passkey's.
   */
  readonly discoverable?: boolean;
}

export type AssertionRefusal =
  | ClientDataRefusal
  | 'credential_mismatch'
  | 'rp_id_mismatch'
  | 'user_not_present'
  | 'user_not_verified'
  | 'user_handle_mismatch'
  | 'unsupported_key'
  | 'signature_invalid';

export type AssertionVerdict =
  | {
      readonly ok: true;
      readonly passkeyId: string;
      /** Store it: the next assertion must go past it (unless both stay 0). */
      readonly newCounter: number;
      readonly userVerified: boolean;
      readonly backedUp: boolean;
    }
  | { readonly ok: false; readonly reason: AssertionRefusal }
  /**
   * A correctly signed assertion whose counter did not go past the stored one while either is
   * non-zero: a possibly cloned authenticator (§7.2 step 22). Refused; the service audits it.
   */
  | {
      readonly ok: false;
      readonly reason: 'counter_regressed';
      readonly storedCounter: number;
      readonly presentedCounter: number;
    };

/**
 * The credential id and user handle an assertion names, to find the stored passkey before
 * {@link verifyAssertion}; `null` when the answer does not even parse. Nothing here is verified yet.
 */
export function assertionCredential(response: unknown): { id: string; userHandle: string | null } | null {
  const parsed = assertionResponseSchema.safeParse(response);
  if (!parsed.success || parsed.data.id !== parsed.data.rawId) return null;
  return { id: parsed.data.id, userHandle: parsed.data.response.userHandle || null };
}

/**
 * Checks an assertion in full (§7.2), signature before counter, so only a genuine signature can
 * report a counter regression. The counter rule: a presented count ≤ the stored count is refused
 * when either is non-zero; 0 and 0 is accepted (authenticators without a counter, synced passkeys).
 *
 * @example
 * const verdict = await verifyAssertion(rp, { response: body, expectedChallenge, passkey, discoverable: true });
 * if (verdict.ok) await passkeys.updateCounter(verdict.passkeyId, verdict.newCounter);
 */
export async function verifyAssertion(
  rp: RelyingParty,
  input: VerifyAssertionInput,
): Promise<AssertionVerdict> {
  const refuse = (reason: AssertionRefusal) => ({ ok: false, reason }) as const;
  const { passkey } = input;
  const parsed = assertionResponseSchema.safeParse(input.response);
  if (!parsed.success || parsed.data.id !== parsed.data.rawId) return refuse('malformed');
  const answer = parsed.data;
  if (answer.id !== passkey.id) return refuse('credential_mismatch');
  const client = await checkClientData(
    rp,
    answer.response.clientDataJSON,
    'webauthn.get',
    input.expectedChallenge,
  );
  if (!client.ok) return refuse(client.reason);

  let authData: ReturnType<typeof parseAuthenticatorData>;
  try {
    authData = parseAuthenticatorData(bytes(answer.response.authenticatorData));
  } catch {
    return refuse('malformed');
  }
  const refusal = checkAuthenticator(rp, authData.rpIdHash, authData.flags);
  if (refusal) return refuse(refusal);
  const userHandle = answer.response.userHandle || null;
  if (input.discoverable && (userHandle === null || passkey.userHandle === null))
    return refuse('user_handle_mismatch');
  if (userHandle !== null && passkey.userHandle !== null && userHandle !== passkey.userHandle)
    return refuse('user_handle_mismatch');
  if (!checkPublicKey(passkey.publicKey).ok) return refuse('unsupported_key');

  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response: {
        ...answer,
        response: { ...answer.response, userHandle: userHandle ?? undefined },
        clientExtensionResults: {},
      },
      expectedChallenge: client.challenge,
      expectedOrigin: [...rp.origins],
      expectedRPID: rp.id,
      // The counter rule is applied below, after the signature: the library checks it first.
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: 0 },
      requireUserVerification: rp.userVerification === 'required',
    });
  } catch {
    // Everything but the signature's own encoding was checked above.
    return refuse('signature_invalid');
  }
  if (!verified.verified) return refuse('signature_invalid');
  const presented = verified.authenticationInfo.newCounter;
  if ((presented > 0 || passkey.counter > 0) && presented <= passkey.counter)
    return {
      ok: false,
      reason: 'counter_regressed',
      storedCounter: passkey.counter,
      presentedCounter: presented,
    };
  return {
    ok: true,
    passkeyId: passkey.id,
    newCounter: presented,
    userVerified: verified.authenticationInfo.userVerified,
    backedUp: verified.authenticationInfo.credentialBackedUp,
  };
}
