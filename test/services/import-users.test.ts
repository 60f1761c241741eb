/**
 * Moving users in from another system: Argon2id, Argon2i and bcrypt ($2a$/$2b$/$2y$) hashes
 * sign in with the old password and are re-hashed to Argon2id at the current parameters.
 */
import * as argon2 from '@node-rs/argon2';
import * as bcrypt from '@node-rs/bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

const OLD = 'my old password from the legacy system';

describe.each(storeKinds)('importUsers (%s)', (kind) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(() => t.close());

  async function expectMigratedOnSignIn(email: string) {
    const wrong = await t.request('POST', '/auth/sign-in/email', { body: { email, password: `${OLD}!` } });
    expect(wrong.status).toBe(401);
    const before = await t.store.credentials.findActivePassword((await t.store.users.findByEmail(email))!.id);
    const reply = await t.request('POST', '/auth/sign-in/email', { body: { email, password: OLD } });
    expect(reply.status).toBe(200);
    const after = await t.store.credentials.findActivePassword(reply.body.user.id);
    expect(after!.hash).not.toBe(before!.hash);
    expect(after!.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await t.request('POST', '/auth/sign-in/email', { body: { email, password: OLD } })).status).toBe(
      200,
    );
  }

  it('imports bcrypt $2a$, $2b$ and $2y$ users who then sign in and are re-hashed to Argon2id', async () => {
    const b = await bcrypt.hash(OLD, 10);
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      const email = uniqueEmail('bcrypt');
      const report = await t.gatehouse.importUsers([
        { email, name: 'Legacy', passwordHash: prefix + b.slice(4) },
      ]);
      expect(report).toEqual({ imported: 1, skipped: [] });
      await expectMigratedOnSignIn(email);
    }
  });

  it('imports Argon2i and weaker Argon2id users, re-hashed on sign-in', async () => {
    const argon2i = await argon2.hash(OLD, {
      algorithm: 1 as argon2.Algorithm,
      memoryCost: 4096,
      timeCost: 3,
    });
    const weak = await argon2.hash(OLD, { algorithm: 2 as argon2.Algorithm, memoryCost: 8192, timeCost: 1 });
    const emails = [uniqueEmail('argon2i'), uniqueEmail('weak')];
    const report = await t.gatehouse.importUsers([
      { email: emails[0]!, passwordHash: argon2i, emailVerified: true },
      { email: emails[1]!, passwordHash: weak },
    ]);
    expect(report.imported).toBe(2);
    for (const email of emails) await expectMigratedOnSignIn(email);
    expect((await t.store.users.findByEmail(emails[0]!))!.emailVerified).toBe(true);
  });

  it('an Argon2id hash at the current parameters is kept as is', async () => {
    const strong = await argon2.hash(OLD, { algorithm: 2 as argon2.Algorithm });
    const email = uniqueEmail('strong');
    await t.gatehouse.importUsers([{ email, passwordHash: strong }]);
    expect((await t.request('POST', '/auth/sign-in/email', { body: { email, password: OLD } })).status).toBe(
      200,
    );
    const credential = await t.store.credentials.findActivePassword(
      (await t.store.users.findByEmail(email))!.id,
    );
    expect(credential!.hash).toBe(strong);
  });

  it('skips bad records with a reason and imports the rest, from an async iterable too', async () => {
    const good = await bcrypt.hash(OLD, 4);
    const taken = uniqueEmail('taken');
    await t.signUp(taken);
    async function* records() {
      yield { email: uniqueEmail('ok'), passwordHash: good };
      yield { email: 'not-an-email', passwordHash: good };
      yield { email: uniqueEmail('md5'), passwordHash: '5f4dcc3b5aa765d61d8327deb882cf99' };
      yield {
        email: uniqueEmail('argon2d'),
        passwordHash: await argon2.hash(OLD, { algorithm: 0 as argon2.Algorithm }),
      };
      yield { email: taken, passwordHash: good };
      yield { email: uniqueEmail('ok2'), passwordHash: good };
    }
    const report = await t.gatehouse.importUsers(records());
    expect(report.imported).toBe(2);
    expect(report.skipped.map((s) => [s.index, s.code])).toEqual([
      [1, 'VALIDATION_ERROR'],
      [2, 'VALIDATION_ERROR'],
      [3, 'VALIDATION_ERROR'],
      [4, 'USER_EXISTS'],
    ]);
    expect(JSON.stringify(report)).not.toContain(good);
  });
});
