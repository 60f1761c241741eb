/**
 * Flametrench WebAuthn assertion vectors (fixtures/identity/mfa/webauthn-*.json), fed through
 * `verifyAssertion`, the function the passkey service calls. The fixtures give hex bytes; they are
 * sent as the browser sends them (base64url JSON). Our refusal reasons are mapped to the fixtures'
 * vocabulary in one table below: the only difference is `counter_regressed` (ours) for
 * `counter_regression` (theirs).
 */
import { describe, expect, it } from 'vitest';
import {
  type AssertionVerdict,
  type RelyingParty,
  verifyAssertion,
} from '../../src/services/passkeys/webauthn.js';
import { type Fixture, loadFixture } from './fixtures.js';

interface Vector {
  cose_public_key_hex: string;
  stored_rp_id: string;
  expected_origin: string;
  expected_challenge_hex: string;
  stored_sign_count: number;
  authenticator_data_hex: string;
  client_data_json_hex: string;
  signature_hex: string;
  require_user_verified?: boolean;
  require_user_present?: boolean;
}
type Expected = { result: { ok: true; new_sign_count: number } | { ok: false; reason: string } };

/** Every reason `verifyAssertion` can give, in the fixtures' words (exhaustive by type). */
const FIXTURE_REASON: Record<Extract<AssertionVerdict, { ok: false }>['reason'], string> = {
  malformed: 'malformed',
  credential_mismatch: 'credential_mismatch',
  type_mismatch: 'type_mismatch',
  challenge_mismatch: 'challenge_mismatch',
  origin_mismatch: 'origin_mismatch',
  cross_origin: 'cross_origin',
  rp_id_mismatch: 'rp_id_mismatch',
  user_not_present: 'user_not_present',
  user_not_verified: 'user_not_verified',
  user_handle_mismatch: 'user_handle_mismatch',
  unsupported_key: 'unsupported_key',
  signature_invalid: 'signature_invalid',
  counter_regressed: 'counter_regression',
};

// The fixtures name no credential id; any id works, as long as the answer and the passkey agree.
const CREDENTIAL_ID = Buffer.from('flametrench-fixture-credential').toString('base64url');
const b64url = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');

async function verify(v: Vector): Promise<AssertionVerdict> {
  const rp: RelyingParty = {
    id: v.stored_rp_id,
    name: 'Flametrench',
    origins: [v.expected_origin],
    userVerification: v.require_user_verified === false ? 'preferred' : 'required',
    timeoutMs: 300_000,
  };
  return verifyAssertion(rp, {
    response: {
      id: CREDENTIAL_ID,
      rawId: CREDENTIAL_ID,
      type: 'public-key',
      response: {
        authenticatorData: b64url(v.authenticator_data_hex),
        clientDataJSON: b64url(v.client_data_json_hex),
        signature: b64url(v.signature_hex),
      },
      clientExtensionResults: {},
    },
    expectedChallenge: b64url(v.expected_challenge_hex),
    passkey: {
      id: CREDENTIAL_ID,
      publicKey: Buffer.from(v.cose_public_key_hex, 'hex'),
      counter: v.stored_sign_count,
      userHandle: null,
    },
  });
}

for (const file of [
  'webauthn-assertion.json',
  'webauthn-assertion-algorithms.json',
  'webauthn-counter-decrease-rejected.json',
]) {
  const fixture = loadFixture<Partial<Vector>, Expected>(`identity/mfa/${file}`) as Fixture<
    Partial<Vector>,
    Expected
  > & { shared: Partial<Vector> };

  describe(`identity/mfa/${file} (${fixture.operation})`, () => {
    for (const t of fixture.tests) {
      it(t.id, async () => {
        const vector = { ...fixture.shared, ...t.input } as Vector;
        // Gatehouse always requires user presence; a vector that did not would need a setting.
        expect(vector.require_user_present ?? true).toBe(true);
        const verdict = await verify(vector);
        const expected = t.expected.result;
        if (expected.ok) {
          expect(verdict).toMatchObject({ ok: true, newCounter: expected.new_sign_count });
        } else {
          expect(verdict.ok).toBe(false);
          if (verdict.ok) return;
          expect(FIXTURE_REASON[verdict.reason]).toBe(expected.reason);
          if (verdict.reason === 'counter_regressed') {
            expect(verdict.storedCounter).toBe(vector.stored_sign_count);
            expect(verdict.presentedCounter).toBeLessThanOrEqual(vector.stored_sign_count);
          }
        }
      });
    }
  });
}
