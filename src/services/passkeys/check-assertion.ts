/**
 * One passkey assertion, checked the same way wherever it is presented (a sign-in without a
 * password, a second factor, a reauthentication): find the passkey the answer names, verify it
 * in full against a challenge of this ceremony (spent on the way) and against the backup
 * eligibility it registered with, then record the new signature counter and backup state. Every
 * refusal is audited as `passkey.assertion_refused` with its reason.
 *
 * The counter policy (WebAuthn §7.2 step 22, SECURITY.md WA-03): when the stored or the
 * presented count is non-zero, a presented count that does not go past the stored one is
 * **refused**, not merely flagged — a correctly signed assertion from a possibly cloned
 * authenticator does not sign in — and audited with both counts (`counter_regressed`). 0 and 0
 * is accepted: synced passkeys and authenticators without a counter always report 0. The rule is
 * checked again in the store's update, so of two racing assertions only a newer one is recorded.
 */
import { GatehouseError } from '../../core/errors.js';
import type { UserId } from '../../core/ids.js';
import type { Passkey } from '../../store/ports/passkey-store.js';
import type { WebAuthnChallengeBinding } from '../../store/ports/webauthn-challenge-store.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { spendChallenge } from './ceremony-challenge.js';
import { userHandleText } from './user-handle.js';
import { assertionCredential, assertionResponseSchema, relyingParty, verifyAssertion } from './webauthn.js';

/** The BE flag (authenticator data byte 32, bit 3) of an assertion that passed every check. */
function backupEligible(response: unknown): boolean {
  const parsed = assertionResponseSchema.parse(response);
  return ((Buffer.from(parsed.response.authenticatorData, 'base64url')[32] ?? 0) & 0x08) !== 0;
}

export interface AssertionToCheck {
  /** The browser's answer, untrusted. */
  readonly response: unknown;
  /** The request field it came in, for a `VALIDATION_ERROR` when it does not even parse. */
  readonly field: 'response' | 'assertion';
  /** The challenge it must carry: issued for this purpose, user and session or sign-in. */
  readonly binding: WebAuthnChallengeBinding;
  /** The user the passkey must belong to; null when the passkey names the user (sign-in). */
  readonly owner: UserId | null;
  /** For the audit event: what the assertion was for. */
  readonly during: 'sign_in' | 'second_factor' | 'reauth';
}

export type AssertionCheck =
  | { readonly ok: true; readonly passkey: Passkey; readonly userVerified: boolean }
  | { readonly ok: false; readonly reason: string };

export async function checkAssertion(
  ctx: ServiceContext,
  input: AssertionToCheck,
  client: ClientInfo = {},
): Promise<AssertionCheck> {
  const named = assertionCredential(input.response);
  if (!named) {
    throw new GatehouseError('VALIDATION_ERROR', `${input.field} must be a WebAuthn assertion`, {
      issues: [
        { path: input.field, message: 'must be PublicKeyCredential JSON from navigator.credentials.get()' },
      ],
    });
  }
  const refuse = async (
    reason: string,
    passkey: Passkey | null,
    counters: Record<string, number> = {},
  ): Promise<AssertionCheck> => {
    await ctx.events.emit({
      type: 'passkey.assertion_refused',
      outcome: 'failure',
      userId: passkey?.userId ?? input.owner,
      client,
      data: { reason, during: input.during, passkeyId: passkey?.id ?? null, ...counters },
    });
    return { ok: false, reason };
  };

  const passkey = await ctx.store.passkeys.findByCredentialId(named.id);
  // Another user's passkey is as unknown here as one nobody registered.
  if (!passkey || (input.owner !== null && passkey.userId !== input.owner))
    return refuse('unknown_credential', null);
  const verdict = await verifyAssertion(relyingParty(ctx.settings), {
    response: input.response,
    expectedChallenge: spendChallenge(ctx, input.binding),
    passkey: {
      id: passkey.credentialId,
      publicKey: passkey.publicKey,
      counter: passkey.counter,
      userHandle: userHandleText(passkey.userId),
    },
    discoverable: input.owner === null,
  });
  if (!verdict.ok) {
    return verdict.reason === 'counter_regressed'
      ? refuse(verdict.reason, passkey, {
          storedCounter: verdict.storedCounter,
          presentedCounter: verdict.presentedCounter,
        })
      : refuse(verdict.reason, passkey);
  }
  // Whether a passkey may be synced is fixed for its life (§6.1.3): one that now says otherwise
  // is not the authenticator that registered it. Read from the signed data, once it verified.
  if (backupEligible(input.response) !== passkey.backupEligible)
    return refuse('backup_eligibility_mismatch', passkey);
  const recorded = await ctx.store.passkeys.recordUse(
    passkey.id,
    verdict.newCounter,
    verdict.backedUp,
    ctx.clock.now(),
  );
  // A concurrent assertion recorded a count at or past this one first.
  if (!recorded) {
    const current = await ctx.store.passkeys.findByCredentialId(passkey.credentialId);
    // Or the passkey was deleted meanwhile.
    if (!current) return refuse('unknown_credential', passkey);
    return refuse('counter_regressed', passkey, {
      storedCounter: current.counter,
      presentedCounter: verdict.newCounter,
    });
  }
  return { ok: true, passkey, userVerified: verdict.userVerified };
}
