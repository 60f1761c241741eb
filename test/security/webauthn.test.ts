/**
 * WebAuthn relying-party checks over HTTP, on SQLite and PostgreSQL (SECURITY.md §1.6, WA-01..03),
 * with a software authenticator that makes each answer a relying party must refuse: every
 * registration check is a 400 `PASSKEY_REJECTED` naming its reason and stores nothing; every
 * assertion check is a 401 — at a passkey sign-in, as a second factor and at reauthentication —
 * and audited as `passkey.assertion_refused`; a signature counter that goes back is refused and
 * audited, 0 and 0 accepted. Each test title names its checklist id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../support/gatehouse.js';
import { ORIGIN, openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import {
  type SoftwareAuthenticator,
  type SoftwareAuthenticatorOptions,
  softwareAuthenticator,
  type Tweaks,
} from '../support/software-authenticator.js';
import { storeKinds } from '../support/stores.js';

const CHALLENGE_TTL_MS = 300_000;

describe.each(storeKinds)('WebAuthn checks over HTTP (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind, { passkeys: { rpId: 'localhost', origins: [ORIGIN] } });
  });
  afterAll(() => t.close());

  const authenticator = (options: SoftwareAuthenticatorOptions = {}) =>
    softwareAuthenticator({ origin: ORIGIN, ...options });
  const registrationOptions = (token: string) =>
    t.request('POST', '/auth/passkeys/register/options', { token });
  const register = (token: string, response: unknown) =>
    t.request('POST', '/auth/passkeys/register', { token, body: { response } });
  const signInOptions = async () => (await t.request('POST', '/auth/sign-in/passkey/options')).body;
  const signIn = (response: unknown) => t.request('POST', '/auth/sign-in/passkey', { body: { response } });
  const handleOf = (userId: string) => Buffer.from(userId.slice(4), 'hex').toString('base64url');
  const passkeysOf = (userId: string) => t.store.passkeys.listForUser(userId as never);
  const refusals = async (userId: string) =>
    (
      await t.gatehouse.listAuditEvents({ userId: userId as never, type: 'passkey.assertion_refused' })
    ).items.map((e) => e.data);

  /** A fresh account (its sign-up token is recent enough to add a passkey). */
  async function account() {
    const signUp = await t.signUp(uniqueEmail('wa'));
    return {
      userId: signUp.user.id as string,
      email: signUp.user.email as string,
      token: signUp.accessToken as string,
    };
  }

  /** A fresh account with a passkey of `device`, registered over HTTP. */
  async function withPasskey(device: SoftwareAuthenticator = authenticator()) {
    const user = await account();
    const added = await register(user.token, device.create((await registrationOptions(user.token)).body));
    expect(added.status).toBe(200);
    return { ...user, token: added.body.accessToken as string, device };
  }

  function expectRejected(reply: Reply, reason: string) {
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'PASSKEY_REJECTED',
      issues: [{ path: 'response', message: reason }],
    });
  }

  describe('WA-01: WebAuthn registration is checked in full', () => {
    it.each<[string, Tweaks, SoftwareAuthenticatorOptions, string]>([
      ['a foreign origin', { origin: 'https://evil.example' }, {}, 'origin_mismatch'],
      ['another origin of the same host', { origin: 'http://localhost:4000' }, {}, 'origin_mismatch'],
      ['the rpIdHash of another RP ID', { rpId: 'evil.example' }, {}, 'rp_id_mismatch'],
      ['client data of type webauthn.get', { type: 'webauthn.get' }, {}, 'type_mismatch'],
      ['UP=0 (no user presence)', { up: false }, {}, 'user_not_present'],
      ['UV=0 while user verification is required', { uv: false }, {}, 'user_not_verified'],
      ['an alg we did not offer (ES384)', {}, { algorithm: -35 }, 'unsupported_algorithm'],
      ['a credentialId of 1024 bytes', {}, { credentialIdBytes: 1024 }, 'credential_id_too_long'],
      [
        'a challenge we never issued',
        { challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        {},
        'challenge_mismatch',
      ],
      ['a page inside another site’s frame', { crossOrigin: true }, {}, 'cross_origin'],
    ])('%s → 400, nothing stored', async (_what, tweaks, options, reason) => {
      const user = await account();
      const request = (await registrationOptions(user.token)).body;
      expectRejected(await register(user.token, authenticator(options).create(request, tweaks)), reason);
      expect(await passkeysOf(user.userId)).toEqual([]);
    });

    it('a credentialId of 1023 bytes is accepted', async () => {
      const { userId } = await withPasskey(authenticator({ credentialIdBytes: 1023 }));
      expect(await passkeysOf(userId)).toHaveLength(1);
    });

    it('a reused challenge → 400: the options of a registration that succeeded do not work twice', async () => {
      const user = await account();
      const request = (await registrationOptions(user.token)).body;
      expect((await register(user.token, authenticator().create(request))).status).toBe(200);
      expectRejected(await register(user.token, authenticator().create(request)), 'challenge_mismatch');
      expect(await passkeysOf(user.userId)).toHaveLength(1);
    });

    it('a refused answer spends its challenge too → 400 for a corrected answer to the same options', async () => {
      const user = await account();
      const request = (await registrationOptions(user.token)).body;
      expectRejected(
        await register(user.token, authenticator().create(request, { up: false })),
        'user_not_present',
      );
      expectRejected(await register(user.token, authenticator().create(request)), 'challenge_mismatch');
    });

    it('an expired challenge → 400', async () => {
      const user = await account();
      const request = (await registrationOptions(user.token)).body;
      t.clock.advance(CHALLENGE_TTL_MS + 1000);
      expectRejected(await register(user.token, authenticator().create(request)), 'challenge_mismatch');
      expect(await passkeysOf(user.userId)).toEqual([]);
    });

    it("another user's challenge → 400, and the other user's options still work", async () => {
      const a = await account();
      const b = await account();
      const forB = (await registrationOptions(b.token)).body;
      expectRejected(await register(a.token, authenticator().create(forB)), 'challenge_mismatch');
      expect(await passkeysOf(a.userId)).toEqual([]);
      expect((await register(b.token, authenticator().create(forB))).status).toBe(200);
    });

    it("another session's challenge, or a sign-in challenge → 400", async () => {
      const user = await account();
      const other = await t.request('POST', '/auth/sign-in/email', {
        body: { email: user.email, password: PASSWORD },
      });
      const forOtherSession = (await registrationOptions(other.body.accessToken)).body;
      expectRejected(
        await register(user.token, authenticator().create(forOtherSession)),
        'challenge_mismatch',
      );
      const signInRequest = await signInOptions();
      const mine = (await registrationOptions(user.token)).body;
      expectRejected(
        await register(user.token, authenticator().create(mine, { challenge: signInRequest.challenge })),
        'challenge_mismatch',
      );
    });

    it('a credentialId already registered → 400, to another user or to the same one', async () => {
      const shared = authenticator();
      const owner = await withPasskey(shared);
      const thief = await account();
      expectRejected(
        await register(thief.token, shared.create((await registrationOptions(thief.token)).body)),
        'credential_already_registered',
      );
      expect(await passkeysOf(thief.userId)).toEqual([]);
      expectRejected(
        await register(owner.token, shared.create((await registrationOptions(owner.token)).body)),
        'credential_already_registered',
      );
      expect(await passkeysOf(owner.userId)).toHaveLength(1);
    });

    it('two users registering one credentialId at the same moment: exactly one succeeds', async () => {
      const shared = authenticator();
      const users = await Promise.all(Array.from({ length: 5 }, () => account()));
      const answers = await Promise.all(
        users.map(async (u) => shared.create((await registrationOptions(u.token)).body)),
      );
      const replies = await Promise.all(users.map((u, i) => register(u.token, answers[i])));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
      for (const r of replies.filter((r) => r.status === 400))
        expectRejected(r, 'credential_already_registered');
    });
  });

  describe('WA-02: WebAuthn assertions are checked in full', () => {
    it.each<[string, Tweaks, string]>([
      ['UV=0 while user verification is required', { uv: false }, 'user_not_verified'],
      ['UP=0', { up: false }, 'user_not_present'],
      ['tampered authenticatorData', { tamper: 'authenticatorData' }, 'signature_invalid'],
      ['tampered clientDataJSON', { tamper: 'clientDataJSON' }, 'signature_invalid'],
      ['a foreign origin', { origin: 'https://evil.example' }, 'origin_mismatch'],
      ['the rpIdHash of another RP ID', { rpId: 'evil.example' }, 'rp_id_mismatch'],
      ['client data of type webauthn.create', { type: 'webauthn.create' }, 'type_mismatch'],
      ['no userHandle in a sign-in without a username', { userHandle: null }, 'user_handle_mismatch'],
    ])('passkey sign-in with %s → 401, audited', async (_what, tweaks, reason) => {
      const { userId, device } = await withPasskey();
      const reply = await signIn(device.get(await signInOptions(), tweaks));
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(await refusals(userId)).toEqual([expect.objectContaining({ reason, during: 'sign_in' })]);
      // The passkey itself still works.
      expect((await signIn(device.get(await signInOptions()))).status).toBe(200);
    });

    it('a backup eligibility (BE) other than the registered one → 401, either way', async () => {
      const single = await withPasskey();
      const synced = authenticator();
      const user = await account();
      const added = await register(
        user.token,
        synced.create((await registrationOptions(user.token)).body, { be: true, bs: true }),
      );
      expect(added.body.passkey.backedUp).toBe(true);
      expect((await signIn(single.device.get(await signInOptions(), { be: true }))).status).toBe(401);
      expect((await signIn(synced.get(await signInOptions()))).status).toBe(401);
      expect(await refusals(single.userId)).toEqual([
        expect.objectContaining({ reason: 'backup_eligibility_mismatch' }),
      ]);
      expect(await refusals(user.userId)).toEqual([
        expect.objectContaining({ reason: 'backup_eligibility_mismatch' }),
      ]);
      // A synced passkey may go in and out of backup (BS); its eligibility stays.
      expect((await signIn(synced.get(await signInOptions(), { be: true, bs: false }))).status).toBe(200);
      expect((await passkeysOf(user.userId))[0]).toMatchObject({ backupEligible: true, backedUp: false });
    });

    it('the userHandle of another user → 401: a passkey signs in only its own user', async () => {
      const a = await withPasskey();
      const b = await withPasskey();
      const reply = await signIn(a.device.get(await signInOptions(), { userHandle: handleOf(b.userId) }));
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(await refusals(a.userId)).toEqual([expect.objectContaining({ reason: 'user_handle_mismatch' })]);
    });

    it('replay of a used challenge → 401; so is an expired one, and one issued for another ceremony', async () => {
      const { userId, token, device } = await withPasskey();
      const answer = device.get(await signInOptions());
      expect((await signIn(answer)).status).toBe(200);
      const replay = await signIn(answer);
      expect(replay.status).toBe(401);

      const old = await signInOptions();
      t.clock.advance(CHALLENGE_TTL_MS + 1000);
      expect((await signIn(device.get(old))).status).toBe(401);

      const reauthRequest = (await t.request('POST', '/auth/reauthenticate/passkey/options', { token })).body;
      expect((await signIn(device.get(reauthRequest))).status).toBe(401);
      expect((await refusals(userId)).map((d) => d.reason)).toEqual(Array(3).fill('challenge_mismatch'));
    });

    it('a passkey nobody registered → 401, audited without a user', async () => {
      const reply = await signIn(authenticator().get(await signInOptions()));
      expect(reply.status).toBe(401);
      const events = await t.gatehouse.listAuditEvents({ type: 'passkey.assertion_refused', limit: 500 });
      expect(events.items.some((e) => e.userId === null && e.data.reason === 'unknown_credential')).toBe(
        true,
      );
    });

    it('as a second factor: UV=0, UP=0, tampering, replay, another pending sign-in’s challenge, another user’s passkey → 401 INVALID_CODE each', async () => {
      const { email, userId, device } = await withPasskey();
      const other = await withPasskey();
      const pending = async () =>
        (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body
          .mfaToken as string;
      const options = async (mfaToken: string) =>
        (await t.request('POST', '/auth/mfa/passkey/options', { body: { mfaToken } })).body;
      const verify = (mfaToken: string, assertion: unknown) =>
        t.request('POST', '/auth/mfa/verify', { body: { mfaToken, method: 'passkey', assertion } });

      const refused: unknown[] = [];
      for (const tweaks of [{ uv: false }, { up: false }, { tamper: 'authenticatorData' }] as Tweaks[]) {
        const mfaToken = await pending();
        const reply = await verify(mfaToken, device.get(await options(mfaToken), tweaks));
        expect(reply.status).toBe(401);
        expect(reply.body.error.code).toBe('INVALID_CODE');
      }
      // Replay: an assertion that completed one sign-in does not complete the next.
      const first = await pending();
      const used = device.get(await options(first));
      expect((await verify(first, used)).status).toBe(200);
      const second = await pending();
      await options(second);
      expect((await verify(second, used)).status).toBe(401);
      // Another pending sign-in's challenge.
      const third = await pending();
      const forThird = await options(third);
      const fourth = await pending();
      expect((await verify(fourth, device.get(forThird))).status).toBe(401);
      // Another user's passkey, with this sign-in's own challenge.
      const fifth = await pending();
      expect((await verify(fifth, other.device.get(await options(fifth)))).status).toBe(401);
      refused.push(...(await refusals(userId)).map((d) => d.reason));
      expect(refused.sort()).toEqual(
        [
          'user_not_verified',
          'user_not_present',
          'signature_invalid',
          'challenge_mismatch',
          'challenge_mismatch',
          'unknown_credential',
        ].sort(),
      );
      expect((await refusals(userId)).every((d) => d.during === 'second_factor')).toBe(true);
    });

    it('at reauthentication: a tampered or replayed assertion → 401 INVALID_CODE; the session is not refreshed', async () => {
      const { userId, token, device } = await withPasskey();
      t.clock.advance(700_000);
      const options = async () =>
        (await t.request('POST', '/auth/reauthenticate/passkey/options', { token })).body;
      const reauth = (assertion: unknown) =>
        t.request('POST', '/auth/reauthenticate', { token, body: { method: 'passkey', assertion } });
      const tampered = await reauth(device.get(await options(), { tamper: 'clientDataJSON' }));
      expect(tampered.status).toBe(401);
      expect(tampered.body.error.code).toBe('INVALID_CODE');
      expect((await registrationOptions(token)).body.error.code).toBe('REAUTH_REQUIRED');
      const good = device.get(await options());
      expect((await reauth(good)).status).toBe(200);
      expect((await reauth(good)).status).toBe(401);
      expect((await refusals(userId)).map((d) => [d.reason, d.during])).toEqual([
        ['challenge_mismatch', 'reauth'],
        ['signature_invalid', 'reauth'],
      ]);
    });
  });

  describe('WA-03: A signCount regression is handled', () => {
    it('stored 10, presented 5 or 10 → refused (401) with an audit event naming both counts; 11 then works', async () => {
      const { userId, device } = await withPasskey();
      expect((await signIn(device.get(await signInOptions(), { counter: 10 }))).status).toBe(200);
      expect((await passkeysOf(userId))[0]!.counter).toBe(10);

      for (const counter of [5, 10]) {
        const reply = await signIn(device.get(await signInOptions(), { counter }));
        expect(reply.status).toBe(401);
        expect(reply.body.error.code).toBe('INVALID_CREDENTIALS');
      }
      expect(await refusals(userId)).toEqual([
        {
          reason: 'counter_regressed',
          during: 'sign_in',
          passkeyId: expect.any(String),
          storedCounter: 10,
          presentedCounter: 10,
        },
        {
          reason: 'counter_regressed',
          during: 'sign_in',
          passkeyId: expect.any(String),
          storedCounter: 10,
          presentedCounter: 5,
        },
      ]);
      expect((await passkeysOf(userId))[0]!.counter).toBe(10);
      expect((await signIn(device.get(await signInOptions(), { counter: 11 }))).status).toBe(200);
    });

    it('stored 0 and presented 0 → accepted, again and again (authenticators without a counter)', async () => {
      const { userId, device } = await withPasskey();
      for (let i = 0; i < 3; i++) {
        const reply = await signIn(device.get(await signInOptions(), { counter: 0 }));
        expect(reply.status).toBe(200);
      }
      expect((await passkeysOf(userId))[0]!.counter).toBe(0);
      expect(await refusals(userId)).toEqual([]);
    });

    it('stored 3, presented 0 → refused: 0 is only accepted when both are 0', async () => {
      const { userId, device } = await withPasskey();
      expect((await signIn(device.get(await signInOptions(), { counter: 3 }))).status).toBe(200);
      expect((await signIn(device.get(await signInOptions(), { counter: 0 }))).status).toBe(401);
      expect((await refusals(userId))[0]).toMatchObject({
        reason: 'counter_regressed',
        storedCounter: 3,
        presentedCounter: 0,
      });
    });

    it('only a genuine signature reports a regression: a forged low count is a bad signature', async () => {
      const { userId, device } = await withPasskey();
      expect((await signIn(device.get(await signInOptions(), { counter: 10 }))).status).toBe(200);
      expect(
        (await signIn(device.get(await signInOptions(), { counter: 5, tamper: 'authenticatorData' }))).status,
      ).toBe(401);
      expect((await refusals(userId)).map((d) => d.reason)).toEqual(['signature_invalid']);
    });

    it('two assertions with the same count at once (a cloned key racing the original): exactly one is accepted', async () => {
      const { userId, device } = await withPasskey();
      expect((await signIn(device.get(await signInOptions(), { counter: 10 }))).status).toBe(200);
      const answers = await Promise.all(
        Array.from({ length: 6 }, async () => device.get(await signInOptions(), { counter: 11 })),
      );
      const replies = await Promise.all(answers.map((a) => signIn(a)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
      expect((await refusals(userId)).map((d) => d.reason)).toEqual(Array(5).fill('counter_regressed'));
      expect((await passkeysOf(userId))[0]!.counter).toBe(11);
    });

    it('as a second factor and at reauthentication too: refused and audited', async () => {
      const { email, userId, token, device } = await withPasskey();
      expect((await signIn(device.get(await signInOptions(), { counter: 10 }))).status).toBe(200);
      const mfaToken = (
        await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })
      ).body.mfaToken;
      const mfaRequest = (await t.request('POST', '/auth/mfa/passkey/options', { body: { mfaToken } })).body;
      const verify = await t.request('POST', '/auth/mfa/verify', {
        body: { mfaToken, method: 'passkey', assertion: device.get(mfaRequest, { counter: 9 }) },
      });
      expect(verify.status).toBe(401);
      const reauthRequest = (await t.request('POST', '/auth/reauthenticate/passkey/options', { token })).body;
      const reauth = await t.request('POST', '/auth/reauthenticate', {
        token,
        body: { method: 'passkey', assertion: device.get(reauthRequest, { counter: 10 }) },
      });
      expect(reauth.status).toBe(401);
      expect(
        (await refusals(userId)).map((d) => [d.reason, d.during, d.storedCounter, d.presentedCounter]),
      ).toEqual([
        ['counter_regressed', 'reauth', 10, 10],
        ['counter_regressed', 'second_factor', 10, 9],
      ]);
    });
  });
});
