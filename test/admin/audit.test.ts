/**
 * `GET /admin/audit` on SQLite and PostgreSQL: events made by real sign-ups, sign-ins and
 * operator actions at three known times, read back by actor, target, user, type (several),
 * outcome and time range, newest first and cursor paged, with every bad parameter a 400
 * `VALIDATION_ERROR`; reading is not audited. The embedded `listAuditEvents` takes the same filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openGatehouse, PASSWORD, type TestGatehouse } from '../support/gatehouse.js';
import type { SignedInOperator } from '../support/operators.js';
import { signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const HOUR = 3_600_000;

interface EventBody {
  id: string;
  at: string;
  type: string;
  outcome: string;
  actorId: string | null;
  targetId: string | null;
  userId: string | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
}

describe.each(storeKinds)('GET /admin/audit (%s)', (kind) => {
  let t: TestGatehouse;
  let operator: SignedInOperator;
  let alice: { user: { id: string; email: string } };
  let bob: { user: { id: string; email: string } };
  /** The start of each phase: sign-ups, then a failed and a good sign-in, then operator actions. */
  let phases: number[];

  const audit = async (query = '', token = operator.accessToken) => {
    const reply = await t.request('GET', `/auth/admin/audit${query}`, { token });
    return reply;
  };
  const events = async (query: string): Promise<EventBody[]> => {
    const reply = await audit(query);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.events;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    // The test clock moves hours: the operator's access token must outlive that.
    t = await openGatehouse(kind, { accessTokenTtl: 24 * 3600 });
    operator = await signInOperator(t);
    t.clock.advance(HOUR);
    phases = [t.clock.now()];
    alice = await t.signUp();
    bob = await t.signUp();
    t.clock.advance(HOUR);
    phases.push(t.clock.now());
    await t.request('POST', '/auth/sign-in/email', {
      body: { email: alice.user.email, password: 'not the password at all' },
      headers: { 'user-agent': 'Robot/1.0, "quoted"' },
    });
    await t.request('POST', '/auth/sign-in/email', { body: { email: alice.user.email, password: PASSWORD } });
    t.clock.advance(HOUR);
    phases.push(t.clock.now());
    await t.gatehouse.asActor({ id: operator.userId, via: 'admin_api' }, () =>
      t.gatehouse.suspendUser(bob.user.id),
    );
    await t.gatehouse.asActor({ id: 'cli', via: 'cli' }, () => t.gatehouse.reactivateUser(bob.user.id));
  });
  afterAll(() => t.close());

  it('lists every event newest first, each with its actor, target, user, type, outcome, ISO time, client and data', async () => {
    const all = await events('?limit=500');
    const stored = await t.store.audit.list({ limit: 500 });
    expect(all.map((e) => e.id)).toEqual(stored.map((r) => r.id));
    expect(all.length).toBeGreaterThan(8);
    const failed = all.find((e) => e.type === 'user.sign_in_failed' && e.userId === alice.user.id)!;
    expect(failed).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
      at: iso(phases[1]!),
      type: 'user.sign_in_failed',
      outcome: 'failure',
      actorId: null,
      targetId: alice.user.id,
      userId: alice.user.id,
      sessionId: null,
      ip: '127.0.0.1',
      userAgent: 'Robot/1.0, "quoted"',
      data: expect.objectContaining({ reason: expect.any(String) }),
    });
  });

  it('filters by actor: an operator, or the command line', async () => {
    const byOperator = await events(`?actor=${operator.userId}`);
    expect(byOperator.map((e) => [e.type, e.targetId, e.data.via])).toEqual([
      ['user.suspended', bob.user.id, 'admin_api'],
    ]);
    const byCli = await events('?actor=cli');
    expect(byCli.map((e) => [e.type, e.targetId, e.actorId])).toEqual([
      ['user.reactivated', bob.user.id, 'cli'],
    ]);
  });

  it('filters by target and by user, and by several types at once', async () => {
    const aboutBob = await events(`?target=${bob.user.id}`);
    expect(aboutBob.length).toBeGreaterThan(2);
    expect(aboutBob.every((e) => e.targetId === bob.user.id)).toBe(true);
    expect(aboutBob.slice(0, 2).map((e) => e.type)).toEqual(['user.reactivated', 'user.suspended']);

    const signIns = await events(`?user=${alice.user.id}&type=user.signed_in,user.sign_in_failed`);
    expect(signIns.map((e) => [e.type, e.outcome])).toEqual([
      ['user.signed_in', 'success'],
      ['user.sign_in_failed', 'failure'],
    ]);
    expect(await events(`?user=${alice.user.id}&type=user.suspended`)).toEqual([]);
    // A user id that cannot exist matches nothing rather than failing.
    expect(await events('?user=nobody')).toEqual([]);
  });

  it('filters by outcome', async () => {
    const failures = await events('?outcome=failure&limit=500');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((e) => e.outcome === 'failure')).toBe(true);
    expect(failures.some((e) => e.type === 'user.sign_in_failed' && e.userId === alice.user.id)).toBe(true);
    const successes = await events('?outcome=success&limit=500');
    expect(successes.length + failures.length).toBe((await events('?limit=500')).length);
  });

  it('keeps events in [from, to): ISO times with an offset, or dates', async () => {
    const [signUps, signIns, actions] = phases as [number, number, number];
    const second = await events(`?from=${iso(signIns)}&to=${iso(actions)}`);
    expect(second.map((e) => e.at)).toEqual(second.map(() => iso(signIns)));
    expect(second.map((e) => e.type).sort()).toEqual(['user.sign_in_failed', 'user.signed_in']);
    // The same instant written with another offset (the `+` percent-encoded, as in any URL).
    const plusTwo = iso(actions + 2 * HOUR).replace('Z', '+02:00');
    const fromLast = await events(`?from=${encodeURIComponent(plusTwo)}`);
    expect(fromLast.map((e) => e.type)).toEqual(['user.reactivated', 'user.suspended']);
    const beforeSignUps = await events(`?to=${iso(signUps)}&limit=500`);
    expect(beforeSignUps.every((e) => Date.parse(e.at) < signUps)).toBe(true);
    expect(beforeSignUps.some((e) => e.userId === operator.userId)).toBe(true);
    const day = iso(actions).slice(0, 10);
    const fromDay = await events(`?from=${day}&limit=500`);
    expect(fromDay.every((e) => e.at >= `${day}T00:00:00.000Z`)).toBe(true);
  });

  it('pages by cursor without skipping or repeating, and says when there is no more', async () => {
    const all = await events('?limit=500');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const reply = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.events.length).toBeLessThanOrEqual(3);
      seen.push(...reply.body.events.map((e: EventBody) => e.id));
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    // Filters hold across pages.
    const first = await audit(`?target=${bob.user.id}&limit=1`);
    const next = await audit(`?target=${bob.user.id}&limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.events[0].type, next.body.events[0].type]).toEqual([
      'user.reactivated',
      'user.suspended',
    ]);
  });

  it.each([
    ['a time without an offset', '?from=2026-01-01T10:00:00'],
    ['a time that is not one', '?from=yesterday'],
    ['a day that does not exist', '?to=2026-02-30'],
    ['from after to', '?from=2026-01-02&to=2026-01-01'],
    ['a cursor it did not hand out', "?cursor=' OR 1=1 --"],
    ['an unknown event type', '?type=user.signed_in,user.hacked'],
    ['an empty type list', '?type=,'],
    ['an outcome other than success or failure', '?outcome=maybe'],
    ['a limit of 0', '?limit=0'],
    ['a limit over 500', '?limit=501'],
    ['a limit that is not a number', '?limit=ten'],
    ['an unknown parameter', '?actr=cli'],
  ])('refuses %s with 400 VALIDATION_ERROR', async (_, query) => {
    const reply = await audit(query);
    expect([reply.status, reply.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('reading is not audited, and support operators (audit:read) may read', async () => {
    const support = await signInOperator(t, { role: 'support' });
    const before = (await t.store.audit.list({ limit: 500 })).length;
    expect((await audit('', support.accessToken)).status).toBe(200);
    expect((await audit('?type=user.created')).status).toBe(200);
    expect((await t.store.audit.list({ limit: 500 })).length).toBe(before);
  });

  it('listAuditEvents (embedded) takes the same filters, with times as Date, epoch ms or ISO text', async () => {
    const [, signIns, actions] = phases as [number, number, number];
    const byDate = await t.gatehouse.listAuditEvents({ from: new Date(signIns), to: actions });
    const byText = await t.gatehouse.listAuditEvents({ from: iso(signIns), to: iso(actions) });
    expect(byDate.items.map((e) => e.type).sort()).toEqual(['user.sign_in_failed', 'user.signed_in']);
    expect(byText).toEqual(byDate);
    const several = await t.gatehouse.listAuditEvents({
      actorId: operator.userId,
      targetId: bob.user.id,
      type: ['user.suspended', 'user.reactivated'],
      outcome: 'success',
    });
    expect(several.items.map((e) => e.type)).toEqual(['user.suspended']);
    await expect(t.gatehouse.listAuditEvents({ from: 'soon' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(
      t.gatehouse.listAuditEvents({ type: ['user.hacked' as 'user.created'] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
