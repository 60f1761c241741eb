/**
 * `listUsers`, the operator's user list, through the instance's method on SQLite and PostgreSQL:
 * the summary's fields, paging (no next cursor after an exactly full last page), each filter,
 * the search taking `%` and `_` literally, and every refusal (400 `VALIDATION_ERROR` for a bad
 * limit, cursor, status, field or search; 404 `APP_NOT_FOUND` for an unknown app).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_BY_CODE } from '../../src/http/status.js';
import { openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error('expected a refusal');
}

describe.each(storeKinds)('listUsers (%s)', (kind) => {
  let t: TestGatehouse;
  let seq = 0;
  beforeAll(async () => {
    t = await openGatehouse(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  const g = () => t.gatehouse;
  /** A user whose id sorts after every earlier one's: ids carry the millisecond they were made in. */
  const create = async (fields: { name?: string; displayName?: string; emailVerified?: boolean } = {}) => {
    t.clock.advance(1);
    return g().createUser({ email: `list-${kind}-${++seq}@lists.example`, ...fields });
  };
  /** Every id the query lists, walking the pages. */
  async function allIds(query: Parameters<TestGatehouse['gatehouse']['listUsers']>[0] = {}) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await g().listUsers({ ...query, ...(cursor ? { cursor } : {}) });
      ids.push(...page.users.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  }

  it('lists summaries in id order, with no next cursor after an exactly full last page', async () => {
    const before = await allIds();
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await create({ name: `Pager ${i}`, displayName: `P${i}` }));
    const ids = made.map((u) => u.id);
    const after = await allIds({ limit: 2 });
    expect(after).toEqual([...before, ...ids]);

    const last = before.at(-1);
    const first = await g().listUsers({ limit: 2, ...(last ? { cursor: last } : {}) });
    expect(first.users.map((u) => u.id)).toEqual(ids.slice(0, 2));
    expect(first.nextCursor).not.toBeNull();
    const second = await g().listUsers({ limit: 2, cursor: first.nextCursor! });
    expect(second.users.map((u) => u.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();

    expect(second.users[1]).toEqual({
      id: made[3]!.id,
      email: made[3]!.email,
      username: null,
      name: 'Pager 3',
      displayName: 'P3',
      status: 'active',
      emailVerified: false,
      createdAt: made[3]!.createdAt,
    });
    expect(new Date(second.users[1]!.createdAt).toISOString()).toBe(second.users[1]!.createdAt);
  });

  it('50 users a page unless asked for another number (1 to 200)', async () => {
    while ((await allIds()).length < 51) await create();
    expect((await g().listUsers()).users).toHaveLength(50);
    expect((await g().listUsers({ limit: 1 })).users).toHaveLength(1);
    expect((await g().listUsers({ limit: 200 })).users.length).toBeGreaterThan(50);
  });

  it('filters by status (deleted only when asked for), verified address, app, role and plan', async () => {
    const active = await create({ emailVerified: true });
    const suspended = await create();
    const revoked = await create();
    await g().suspendUser(suspended.id);
    await g().revokeUser(revoked.id);
    const everyone = await allIds();
    expect(everyone).toEqual(expect.arrayContaining([active.id, suspended.id, revoked.id]));
    expect(await allIds({ status: 'suspended' })).toEqual([suspended.id]);
    expect(await allIds({ status: 'revoked' })).toEqual([revoked.id]);
    expect(await allIds({ status: 'deleted' })).toEqual([]);
    expect(await allIds({ verified: true })).toContain(active.id);
    expect(await allIds({ verified: true })).not.toContain(suspended.id);
    expect(await allIds({ verified: false })).toContain(suspended.id);

    const { app } = await g().createApp({ name: 'Listing' });
    await g().createRole(app.id, { name: 'superadmin' });
    await g().addMember(active.id, app.id, { role: 'admin' });
    await g().addMember(suspended.id, app.id, { role: 'superadmin' });
    await g().setPlan(suspended.id, app.id, 'free');
    expect(await allIds({ appId: app.id })).toEqual([active.id, suspended.id]);
    expect(await allIds({ appId: app.id, role: 'admin' })).toEqual([active.id]);
    expect(await allIds({ appId: app.id, role: 'superadmin', status: 'suspended' })).toEqual([suspended.id]);
    expect(await allIds({ appId: app.id, plan: 'pro' })).toEqual([]);
    expect(await allIds({ appId: app.id, plan: 'free' })).toEqual([active.id, suspended.id]);
    expect(await allIds({ appId: app.id, hasMfa: true })).toEqual([]);
    expect(await allIds({ appId: app.id, hasMfa: false })).toEqual([active.id, suspended.id]);
  });

  it('searches case-insensitively, trims the search, and takes % and _ literally', async () => {
    const percent = await create({ name: 'Zed 100% Zed' });
    const underscore = await create({ displayName: 'zed_zed' });
    await create({ name: 'Zed 1000 Zed', displayName: 'zedXzed' });
    expect(await allIds({ query: ' 100% ZED ' })).toEqual([percent.id]);
    expect(await allIds({ query: 'ZED_' })).toEqual([underscore.id]);
    expect(await allIds({ query: '   ' })).toEqual(await allIds());
    expect(await allIds({ query: '' })).toEqual(await allIds());
  });

  it('refuses a bad limit, cursor, status, field or search with 400 VALIDATION_ERROR', async () => {
    expect(STATUS_BY_CODE.VALIDATION_ERROR).toBe(400);
    const bad: unknown[] = [
      { limit: 0 },
      { limit: 201 },
      { limit: 1.5 },
      { limit: '10' },
      { cursor: 'abc' },
      { cursor: 'app_00000000000070008000000000000000' },
      { cursor: 'usr_00000000000000000000000000000000' },
      { status: 'banned' },
      { status: 'ACTIVE' },
      { role: 'admin' },
      { plan: 'free' },
      { verified: 'yes' },
      { hasMfa: 1 },
      { query: 'a\u0000b' },
      { query: 'a\nb' },
      { query: 'x'.repeat(201) },
      { query: 42 },
      { sort: 'email' },
      'active',
    ];
    for (const query of bad) {
      expect(await codeOf(g().listUsers(query as never)), JSON.stringify(query)).toBe('VALIDATION_ERROR');
    }
    expect(await codeOf(g().listUsers({ appId: 'app_0190f2a81b3c7abc8123456789abcdef' }))).toBe(
      'APP_NOT_FOUND',
    );
    expect(await codeOf(g().listUsers({ appId: 'nope', role: 'admin' }))).toBe('APP_NOT_FOUND');
  });
});
