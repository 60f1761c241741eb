/**
 * Personal access tokens by threat (SECURITY.md): AZ-02 no IDOR — another user's token id is 404
 * and a `userId` in the body never chooses the owner (better-auth CVE-2025-61928); AZ-03 the
 * secret is shown once, stored hashed, scannable by its prefix, and a PAT cannot mint PATs;
 * SES-06 suspending, revoking or deleting the user kills its PATs at once.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

/** What a secret scanner would look for: the prefix, the hex id, a 43-character secret. */
const SCANNABLE = /\bpat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}\b/g;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'resolved';
}

describe.each(storeKinds)('personal access tokens (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  const create = (token: string, body: unknown) => t.request('POST', '/auth/tokens', { token, body });
  const listIds = async (token: string) =>
    (await t.request('GET', '/auth/tokens', { token })).body.tokens.map((p: { id: string }) => p.id);
  const rows = async () => t.db.rows(`${t.tablePrefix}personal_access_tokens`);
  const signIn = async (email: string) =>
    (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).body;

  it('AZ-02: A cannot see or revoke B’s token: the same 404 as an unknown id, and B’s token keeps working', async () => {
    const a = await t.signUp();
    const b = await t.signUp();
    const theirs = (await create(b.accessToken, { name: 'b', scopes: ['s'] })).body;
    const mine = (await create(a.accessToken, { name: 'a', scopes: ['s'] })).body;
    expect(await listIds(a.accessToken)).toEqual([mine.pat.id]);

    const attempt = await t.request('DELETE', `/auth/tokens/${theirs.pat.id}`, { token: a.accessToken });
    const unknown = await t.request('DELETE', '/auth/tokens/pat_0190f2a81b3c7abc8123456789abcdef', {
      token: a.accessToken,
    });
    const malformed = await t.request('DELETE', '/auth/tokens/usr_0190f2a81b3c7abc8123456789abcdef', {
      token: a.accessToken,
    });
    for (const reply of [attempt, unknown, malformed]) {
      expect(reply.status).toBe(404);
      expect(reply.body).toEqual(unknown.body);
    }
    expect(await codeOf(t.gatehouse.revokePat(a.accessToken, theirs.pat.id))).toBe('NOT_FOUND');
    // Revoking all of A's touches none of B's.
    expect((await t.request('DELETE', '/auth/tokens', { token: a.accessToken })).body).toEqual({
      revoked: 1,
    });
    expect((await t.gatehouse.verifyPat(theirs.token)).user.id).toBe(b.user.id);
    expect(await listIds(b.accessToken)).toEqual([theirs.pat.id]);
  });

  it('AZ-02: an unauthenticated create naming B as `userId` is 401 and makes nothing', async () => {
    const b = await t.signUp();
    const before = (await rows()).length;
    for (const token of [undefined, 'forged', `${b.accessToken.slice(0, -2)}xx`]) {
      const reply = await t.request('POST', '/auth/tokens', {
        ...(token ? { token } : {}),
        body: { name: 'takeover', scopes: ['all:*'], userId: b.user.id },
      });
      expect(reply.status).toBe(401);
    }
    expect((await rows()).length).toBe(before);
    expect(await listIds(b.accessToken)).toEqual([]);
  });

  it('AZ-02: an authenticated create naming B as `userId` (or `user_id`, `owner`) makes a token owned by A', async () => {
    const a = await t.signUp();
    const b = await t.signUp();
    const reply = await create(a.accessToken, {
      name: 'mine',
      scopes: ['s'],
      userId: b.user.id,
      user_id: b.user.id,
      owner: b.user.id,
    });
    expect(reply.status).toBe(201);
    expect((await t.gatehouse.verifyPat(reply.body.token)).user.id).toBe(a.user.id);
    expect(await listIds(a.accessToken)).toEqual([reply.body.pat.id]);
    expect(await listIds(b.accessToken)).toEqual([]);
    expect((await rows()).find((r) => r.id === reply.body.pat.id)?.user_id).toBe(a.user.id);
    // The same through the embedded API.
    const embedded = await t.gatehouse.createPat(a.accessToken, {
      name: 'e',
      scopes: ['s'],
      userId: b.user.id,
    });
    expect((await t.gatehouse.verifyPat(embedded.token)).user.id).toBe(a.user.id);
  });

  it('AZ-03: the secret is shown once, stored as SHA-256 only, and carries a scannable pat_ prefix', async () => {
    const { accessToken } = await t.signUp();
    const created = await create(accessToken, { name: 'scan me', scopes: ['s'] });
    const { token } = created.body;
    expect(JSON.stringify(created.body).match(SCANNABLE)).toEqual([token]);
    const secret = token.slice(37);
    // Nowhere afterwards: not in the list, not in what verification returns, not in any row.
    const listed = await t.request('GET', '/auth/tokens', { token: accessToken });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(JSON.stringify(await t.gatehouse.listPats(accessToken))).not.toContain(secret);
    expect(JSON.stringify(await t.gatehouse.verifyPat(token))).not.toContain(secret);
    const row = (await rows()).find((r) => r.id === created.body.pat.id)!;
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('base64url'));
    // The digest alone is no bearer.
    expect(await codeOf(t.gatehouse.verifyPat(`${created.body.pat.id}_${row.secret_hash}`))).toBe(
      'INVALID_TOKEN',
    );
  });

  it('AZ-03: a PAT cannot mint, list or revoke PATs, whatever its scopes (403 INSUFFICIENT_SCOPE), embedded neither', async () => {
    const { accessToken } = await t.signUp();
    const wide = (
      await create(accessToken, { name: 'wide', scopes: ['tokens:*', 'pats:write', 'profile:read', 'all:*'] })
    ).body;
    const before = (await rows()).length;
    const attempts = [
      t.request('POST', '/auth/tokens', { token: wide.token, body: { name: 'child', scopes: ['tokens:*'] } }),
      t.request('GET', '/auth/tokens', { token: wide.token }),
      t.request('DELETE', `/auth/tokens/${wide.pat.id}`, { token: wide.token }),
      t.request('DELETE', '/auth/tokens', { token: wide.token }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('INSUFFICIENT_SCOPE');
    }
    expect(await codeOf(t.gatehouse.createPat(wide.token, { name: 'child', scopes: ['tokens:*'] }))).toBe(
      'INVALID_TOKEN',
    );
    expect((await rows()).length).toBe(before);
    expect((await t.gatehouse.verifyPat(wide.token)).pat.id).toBe(wide.pat.id);
  });

  it('SES-06: suspension refuses the user’s PATs at once; reactivation brings them back (suspension keeps credentials)', async () => {
    const email = uniqueEmail('suspend');
    const { accessToken, user } = await t.signUp(email);
    const { token } = (await create(accessToken, { name: 'n', scopes: ['profile:read'] })).body;
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(200);
    await t.gatehouse.suspendUser(user.id);
    expect(await codeOf(t.gatehouse.verifyPat(token))).toBe('INVALID_TOKEN');
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
    await t.gatehouse.reactivateUser(user.id);
    expect((await t.gatehouse.verifyPat(token)).user.id).toBe(user.id);
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(200);
  });

  it('SES-06: revocation kills the user’s PATs for good: reactivation does not bring them back', async () => {
    const email = uniqueEmail('revoke');
    const { accessToken, user } = await t.signUp(email);
    const tokens = [
      (await create(accessToken, { name: 'one', scopes: ['profile:read'] })).body,
      (await create(accessToken, { name: 'two', scopes: ['s'] })).body,
    ];
    await t.gatehouse.revokeUser(user.id);
    for (const { token } of tokens) expect(await codeOf(t.gatehouse.verifyPat(token))).toBe('INVALID_TOKEN');
    expect((await t.request('GET', '/auth/me', { token: tokens[0]!.token })).status).toBe(401);
    const revokedAt = (await rows()).filter((r) => r.user_id === user.id).map((r) => r.revoked_at);
    expect(revokedAt.every((at) => at !== null)).toBe(true);
    // Revocation is final: reactivating is refused, and the tokens stay dead either way.
    expect(await codeOf(t.gatehouse.reactivateUser(user.id))).toBe('USER_REVOKED');
    for (const { token } of tokens) expect(await codeOf(t.gatehouse.verifyPat(token))).toBe('INVALID_TOKEN');
    expect((await t.request('GET', '/auth/me', { token: tokens[0]!.token })).status).toBe(401);
    // Revocation also revoked the password, so the user cannot even sign in to see them.
    expect(
      (await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } })).status,
    ).toBe(401);
  });

  it('SES-06: deleting the account refuses its PATs at once, and for good: a restored account does not get them back', async () => {
    const email = uniqueEmail('delete');
    const { accessToken } = await t.signUp(email);
    const { token } = (await create(accessToken, { name: 'n', scopes: ['profile:read'] })).body;
    expect((await t.gatehouse.verifyPat(token)).pat.name).toBe('n');
    const session = await signIn(email);
    const deleted = await t.request('DELETE', '/auth/me', {
      token: session.accessToken,
      body: { password: PASSWORD },
    });
    expect(deleted.status).toBe(200);
    expect(await codeOf(t.gatehouse.verifyPat(token))).toBe('INVALID_TOKEN');
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
    // Restoring the account (an operator, within the window) brings back neither sessions nor PATs.
    await t.gatehouse.restoreUser(session.user.id);
    expect(await codeOf(t.gatehouse.verifyPat(token))).toBe('INVALID_TOKEN');
    expect((await t.request('GET', '/auth/me', { token })).status).toBe(401);
  });
});
