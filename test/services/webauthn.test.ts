/**
 * The WebAuthn verifier (src/services/passkeys/webauthn.ts) against a software authenticator with
 * real keys: ceremony options, each registration check (SECURITY.md WA-01), each assertion check
 * (WA-02) and the signature-counter rule (WA-03), by refusal reason. The HTTP-level WA tests and
 * the browser ceremony build on these.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { resolveSettings } from '../../src/core/config.js';
import {
  assertionCredential,
  authenticationOptions,
  type NewPasskey,
  type RelyingParty,
  registrationOptions,
  relyingParty,
  type StoredPasskey,
  verifyAssertion,
  verifyRegistration,
} from '../../src/services/passkeys/webauthn.js';
import {
  type SoftwareAuthenticatorOptions,
  softwareAuthenticator,
  type Tweaks,
} from '../support/software-authenticator.js';

const rp: RelyingParty = {
  id: 'example.com',
  name: 'Example',
  origins: ['https://example.com'],
  userVerification: 'required',
  timeoutMs: 300_000,
};
const userHandle = randomBytes(16);

async function register(options: SoftwareAuthenticatorOptions = {}, t: Tweaks = {}, party = rp) {
  const authenticator = softwareAuthenticator(options);
  const request = await registrationOptions(party, {
    userHandle,
    userName: 'ada@example.com',
    challenge: randomBytes(32),
  });
  const response = authenticator.create(request, t);
  const verdict = await verifyRegistration(party, { response, expectedChallenge: request.challenge });
  return { authenticator, request, response, verdict };
}

async function registered(options: SoftwareAuthenticatorOptions = {}) {
  const { authenticator, verdict } = await register(options);
  if (!verdict.ok) throw new Error(`registration refused: ${verdict.reason}`);
  return { authenticator, passkey: verdict.passkey };
}

const stored = (passkey: NewPasskey, counter = passkey.counter): StoredPasskey => ({
  id: passkey.id,
  publicKey: passkey.publicKey,
  counter,
  userHandle: userHandle.toString('base64url'),
});

describe('ceremony options', () => {
  it('registration asks for a discoverable ES256/EdDSA/RS256 credential with the RP, user and challenge given', async () => {
    const challenge = randomBytes(32);
    const options = await registrationOptions(rp, {
      userHandle,
      userName: 'ada@example.com',
      userDisplayName: 'Ada',
      challenge,
      excludeCredentials: [{ id: 'AAEC', transports: ['usb', 'bogus'] }],
    });
    expect(options).toMatchObject({
      challenge: challenge.toString('base64url'),
      rp: { id: 'example.com', name: 'Example' },
      user: { id: userHandle.toString('base64url'), name: 'ada@example.com', displayName: 'Ada' },
      timeout: 300_000,
      attestation: 'none',
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: 'required',
      },
      excludeCredentials: [{ id: 'AAEC', type: 'public-key', transports: ['usb'] }],
    });
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-8, -7, -257]);
  });

  it('authentication names the RP, the challenge, the UV policy and the allowed passkeys', async () => {
    const challenge = randomBytes(32);
    const options = await authenticationOptions(
      { ...rp, userVerification: 'preferred' },
      { challenge, allowCredentials: [{ id: 'AAEC', transports: ['internal'] }] },
    );
    expect(options).toMatchObject({
      rpId: 'example.com',
      challenge: challenge.toString('base64url'),
      userVerification: 'preferred',
      allowCredentials: [{ id: 'AAEC', type: 'public-key', transports: ['internal'] }],
    });
    const discoverable = await authenticationOptions(rp, { challenge });
    expect(discoverable.allowCredentials ?? []).toEqual([]);
  });

  it('a challenge under 16 bytes or a user handle outside 1–64 bytes is a programming error', async () => {
    const base = { userHandle, userName: 'a', challenge: randomBytes(32) };
    await expect(registrationOptions(rp, { ...base, challenge: randomBytes(15) })).rejects.toThrow(
      RangeError,
    );
    await expect(registrationOptions(rp, { ...base, userHandle: randomBytes(65) })).rejects.toThrow(
      RangeError,
    );
    await expect(registrationOptions(rp, { ...base, userHandle: new Uint8Array() })).rejects.toThrow(
      RangeError,
    );
    await expect(authenticationOptions(rp, { challenge: randomBytes(15) })).rejects.toThrow(RangeError);
  });
});

describe('relyingParty(settings)', () => {
  it('defaults to baseUrl’s host and origin plus trustedOrigins, and the product name', () => {
    const party = relyingParty(
      resolveSettings({
        baseUrl: 'https://auth.example.com/base',
        trustedOrigins: ['https://app.example.com/'],
        pages: { productName: 'Acme' },
      }),
    );
    expect(party).toEqual({
      id: 'auth.example.com',
      name: 'Acme',
      origins: ['https://auth.example.com', 'https://app.example.com'],
      userVerification: 'required',
      timeoutMs: 300_000,
    });
  });

  it('takes the passkeys section over the defaults, and is localhost with no baseUrl', () => {
    expect(relyingParty(resolveSettings({}))).toMatchObject({
      id: 'localhost',
      name: 'Gatehouse',
      origins: [],
    });
    const party = relyingParty(
      resolveSettings({
        baseUrl: 'https://auth.example.com',
        passkeys: {
          rpId: 'example.com',
          rpName: 'Example',
          origins: ['https://example.com', 'https://www.example.com:8443/'],
          userVerification: 'preferred',
          challengeTtl: 60,
        },
      }),
    );
    expect(party).toEqual({
      id: 'example.com',
      name: 'Example',
      origins: ['https://example.com', 'https://www.example.com:8443'],
      userVerification: 'preferred',
      timeoutMs: 60_000,
    });
  });
});

describe('registration (the WA-01 checks, at the verifier)', () => {
  it.each([
    [-7, 'ES256'],
    [-8, 'EdDSA'],
    [-257, 'RS256'],
  ] as const)('accepts %i (%s) and returns what the store keeps', async (algorithm, _name) => {
    const { authenticator, verdict } = await register({ algorithm });
    expect(verdict).toEqual({
      ok: true,
      passkey: {
        id: authenticator.credentialId,
        publicKey: authenticator.publicKey,
        algorithm,
        counter: 0,
        transports: ['internal'],
        aaguid: '00000000-0000-0000-0000-000000000000',
        userVerified: true,
        backupEligible: false,
        backedUp: false,
        origin: 'https://example.com',
      },
    });
  });

  it.each<[string, Tweaks, string]>([
    ['another origin', { origin: 'https://examp1e.com' }, 'origin_mismatch'],
    ['another RP ID hash', { rpId: 'evil.example' }, 'rp_id_mismatch'],
    ['type webauthn.get', { type: 'webauthn.get' }, 'type_mismatch'],
    ['another challenge', { challenge: randomBytes(32).toString('base64url') }, 'challenge_mismatch'],
    ['UP = 0', { up: false }, 'user_not_present'],
    ['UV = 0 while required', { uv: false }, 'user_not_verified'],
    ['a cross-origin iframe', { crossOrigin: true }, 'cross_origin'],
    ['a top origin', { topOrigin: 'https://evil.example' }, 'cross_origin'],
  ])('refuses %s', async (_what, tweaks, reason) => {
    expect((await register({}, tweaks)).verdict).toEqual({ ok: false, reason });
  });

  it('accepts UV = 0 when the RP only prefers user verification', async () => {
    const { verdict } = await register({}, { uv: false }, { ...rp, userVerification: 'preferred' });
    expect(verdict).toMatchObject({ ok: true, passkey: { userVerified: false } });
  });

  it('refuses an algorithm not offered (ES384) and an RSA key under 2048 bits', async () => {
    expect((await register({ algorithm: -35 })).verdict).toEqual({
      ok: false,
      reason: 'unsupported_algorithm',
    });
    expect((await register({ algorithm: -257, rsaBits: 1024 })).verdict).toEqual({
      ok: false,
      reason: 'unsupported_key',
    });
  });

  it('accepts a credential id of 1023 bytes and refuses one of 1024', async () => {
    expect((await register({ credentialIdBytes: 1023 })).verdict.ok).toBe(true);
    expect((await register({ credentialIdBytes: 1024 })).verdict).toEqual({
      ok: false,
      reason: 'credential_id_too_long',
    });
  });

  it('calls a challenge check once with the presented challenge; a spent one is refused', async () => {
    const authenticator = softwareAuthenticator();
    const request = await registrationOptions(rp, { userHandle, userName: 'a', challenge: randomBytes(32) });
    const response = authenticator.create(request);
    const live = new Set([request.challenge]);
    const consume = vi.fn((challenge: string) => live.delete(challenge));
    expect((await verifyRegistration(rp, { response, expectedChallenge: consume })).ok).toBe(true);
    expect(consume).toHaveBeenCalledTimes(1);
    expect(consume).toHaveBeenCalledWith(request.challenge);
    expect(await verifyRegistration(rp, { response, expectedChallenge: consume })).toEqual({
      ok: false,
      reason: 'challenge_mismatch',
    });
  });

  it('refuses what does not parse, and an id that is not the authenticator’s, as malformed', async () => {
    const { request, response } = await register();
    const check = (answer: unknown) =>
      verifyRegistration(rp, { response: answer, expectedChallenge: request.challenge });
    const other = randomBytes(32).toString('base64url');
    for (const answer of [
      null,
      'text',
      {},
      { ...response, type: 'other' },
      { ...response, rawId: other },
      { ...response, id: other, rawId: other },
      { ...response, response: { ...response.response, attestationObject: 'not*base64' } },
      { ...response, response: { ...response.response, attestationObject: 'AAAA' } },
      { ...response, response: { ...response.response, clientDataJSON: 'bm90IGpzb24' } },
    ])
      expect(await check(answer), JSON.stringify(answer)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('assertion (the WA-02 checks, at the verifier)', () => {
  it.each([-7, -8, -257] as const)(
    'accepts a passkey of %i and reports its new counter',
    async (algorithm) => {
      const { authenticator, passkey } = await registered({ algorithm });
      const request = await authenticationOptions(rp, { challenge: randomBytes(32) });
      const response = authenticator.get(request);
      expect(assertionCredential(response)).toEqual({
        id: passkey.id,
        userHandle: userHandle.toString('base64url'),
      });
      const verdict = await verifyAssertion(rp, {
        response,
        expectedChallenge: request.challenge,
        passkey: stored(passkey),
        discoverable: true,
      });
      expect(verdict).toEqual({
        ok: true,
        passkeyId: passkey.id,
        newCounter: 1,
        userVerified: true,
        backedUp: false,
      });
    },
  );

  async function assertWith(tweaks: Tweaks, opts: { discoverable?: boolean; party?: RelyingParty } = {}) {
    const { authenticator, passkey } = await registered();
    const request = await authenticationOptions(rp, { challenge: randomBytes(32) });
    return verifyAssertion(opts.party ?? rp, {
      response: authenticator.get(request, tweaks),
      expectedChallenge: request.challenge,
      passkey: stored(passkey),
      discoverable: opts.discoverable ?? false,
    });
  }

  it.each<[string, Tweaks, string]>([
    ['UV = 0 while required', { uv: false }, 'user_not_verified'],
    ['UP = 0', { up: false }, 'user_not_present'],
    ['tampered authenticator data', { tamper: 'authenticatorData' }, 'signature_invalid'],
    ['tampered client data', { tamper: 'clientDataJSON' }, 'signature_invalid'],
    [
      'the user handle of another user',
      { userHandle: randomBytes(16).toString('base64url') },
      'user_handle_mismatch',
    ],
    ['another origin', { origin: 'https://evil.example' }, 'origin_mismatch'],
    ['another RP ID hash', { rpId: 'evil.example' }, 'rp_id_mismatch'],
    ['type webauthn.create', { type: 'webauthn.create' }, 'type_mismatch'],
    ['another challenge', { challenge: randomBytes(32).toString('base64url') }, 'challenge_mismatch'],
    ['a cross-origin iframe', { crossOrigin: true }, 'cross_origin'],
  ])('refuses %s', async (_what, tweaks, reason) => {
    expect(await assertWith(tweaks)).toEqual({ ok: false, reason });
  });

  it('accepts UV = 0 when the RP only prefers user verification, and says so', async () => {
    expect(
      await assertWith({ uv: false }, { party: { ...rp, userVerification: 'preferred' } }),
    ).toMatchObject({
      ok: true,
      userVerified: false,
    });
  });

  it('a passkey sign-in needs the user handle; as a second factor it may be absent', async () => {
    expect(await assertWith({ userHandle: null }, { discoverable: true })).toEqual({
      ok: false,
      reason: 'user_handle_mismatch',
    });
    expect((await assertWith({ userHandle: null }, { discoverable: false })).ok).toBe(true);
  });

  it('refuses an answer from another passkey than the one given', async () => {
    const { passkey } = await registered();
    const other = softwareAuthenticator();
    const request = await authenticationOptions(rp, { challenge: randomBytes(32) });
    expect(
      await verifyAssertion(rp, {
        response: other.get(request),
        expectedChallenge: request.challenge,
        passkey: stored(passkey),
      }),
    ).toEqual({ ok: false, reason: 'credential_mismatch' });
  });

  it('a replayed assertion is refused once its challenge is spent', async () => {
    const { authenticator, passkey } = await registered();
    const request = await authenticationOptions(rp, { challenge: randomBytes(32) });
    const response = authenticator.get(request);
    const live = new Set([request.challenge]);
    const input = { response, expectedChallenge: (c: string) => live.delete(c), passkey: stored(passkey) };
    expect((await verifyAssertion(rp, input)).ok).toBe(true);
    expect(await verifyAssertion(rp, input)).toEqual({ ok: false, reason: 'challenge_mismatch' });
  });

  it('refuses a stored key it cannot use, and an answer that does not parse', async () => {
    const { authenticator, passkey } = await registered();
    const request = await authenticationOptions(rp, { challenge: randomBytes(32) });
    const response = authenticator.get(request);
    const weak = softwareAuthenticator({ algorithm: -257, rsaBits: 1024 });
    expect(
      await verifyAssertion(rp, {
        response,
        expectedChallenge: request.challenge,
        passkey: { ...stored(passkey), publicKey: weak.publicKey },
      }),
    ).toEqual({ ok: false, reason: 'unsupported_key' });
    for (const answer of [undefined, { ...response, rawId: 'AAAA' }, { ...response, response: {} }]) {
      expect(
        await verifyAssertion(rp, {
          response: answer,
          expectedChallenge: request.challenge,
          passkey: stored(passkey),
        }),
      ).toEqual({ ok: false, reason: 'malformed' });
      expect(assertionCredential(answer)).toBeNull();
    }
  });
});

describe('the signature counter (WA-03, at the verifier)', () => {
  async function withCounters(storedCount: number, presented: number, tweaks: Tweaks = {}) {
    const { authenticator, passkey } = await registered();
    const request = await authenticationOptions(rp, { challenge: randomBytes(32) });
    return verifyAssertion(rp, {
      response: authenticator.get(request, { counter: presented, ...tweaks }),
      expectedChallenge: request.challenge,
      passkey: stored(passkey, storedCount),
    });
  }

  it.each([
    [10, 5],
    [10, 10],
    [5, 0],
  ])('stored %i, presented %i: refused as counter_regressed, with both counts', async (s, p) => {
    expect(await withCounters(s, p)).toEqual({
      ok: false,
      reason: 'counter_regressed',
      storedCounter: s,
      presentedCounter: p,
    });
  });

  it.each([
    [0, 0],
    [0, 3],
    [10, 11],
  ])('stored %i, presented %i: accepted', async (s, p) => {
    expect(await withCounters(s, p)).toMatchObject({ ok: true, newCounter: p });
  });

  it('a regressed counter under a bad signature is a bad signature, not a clone signal', async () => {
    expect(await withCounters(10, 5, { tamper: 'clientDataJSON' })).toEqual({
      ok: false,
      reason: 'signature_invalid',
    });
  });
});
