/** Events, handlers, before-hooks and the audit log, on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatehouseEvent } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { storeKinds } from '../support/stores.js';
import { waitUntil } from '../support/wait.js';

describe.each(storeKinds)('events and audit log (%s)', (kind) => {
  let t: TestGatehouse;
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    error: () => {},
    warn: (obj: unknown, msg?: string) => {
      warnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
    },
  };
  beforeAll(async () => {
    t = await openGatehouse(
      kind,
      {},
      {
        logger,
        hooks: {
          beforeSignUp: ({ email, name }) => {
            if (email?.endsWith('@blocked.example'))
              return { reject: 'Sign-ups from this domain are closed' };
            if (name === 'shout') return { name: 'SHOUT' };
            return undefined;
          },
        },
      },
    );
  });
  afterAll(() => t.close());

  it('records each step of an account’s life, in order, with client details and no secrets', async () => {
    const email = uniqueEmail('life');
    const seen: GatehouseEvent[] = [];
    const off = t.gatehouse.on('*', (event) => {
      seen.push(event);
    });
    const up = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: { 'user-agent': 'events-test' },
      ip: '198.51.100.4',
    });
    const userId = up.body.user.id;
    await t.request('POST', '/auth/sign-in/email', { body: { email, password: 'wrong password entirely' } });
    const inn = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    const next = await t.request('POST', '/auth/refresh', { body: { refreshToken: inn.body.refreshToken } });
    await t.request('POST', '/auth/refresh', { body: { refreshToken: inn.body.refreshToken } });
    await t.request('POST', '/auth/sign-out', { token: up.body.accessToken });
    await t.gatehouse.rotatePassword(userId, 'another long passphrase 99');
    await t.gatehouse.suspendUser(userId);
    await t.gatehouse.reactivateUser(userId);
    await t.gatehouse.revokeUser(userId);
    await waitUntil(() => seen.some((e) => e.type === 'user.revoked'), 'the last event to reach the handler');
    off();

    const expected = [
      'user.created',
      // The account's first app (the default one), announced after the account itself.
      'membership.created',
      'user.sign_in_failed',
      'user.signed_in',
      'session.refresh_reused',
      'session.revoked',
      'password.changed',
      'user.suspended',
      'user.reactivated',
      'user.revoked',
    ];
    expect(seen.map((e) => e.type)).toEqual(expected);
    const page = await t.gatehouse.listAuditEvents({ userId, limit: 50 });
    expect(page.items.map((e) => e.type)).toEqual([...expected].reverse());
    const created = page.items.find((e) => e.type === 'user.created')!;
    expect(created).toMatchObject({
      userId,
      ip: '198.51.100.4',
      userAgent: 'events-test',
      outcome: 'success',
    });
    expect(page.items.find((e) => e.type === 'user.sign_in_failed')).toMatchObject({
      outcome: 'failure',
      data: { email, reason: 'wrong_password' },
    });
    const text = JSON.stringify(page);
    for (const secret of [
      PASSWORD,
      'wrong password entirely',
      'another long passphrase 99',
      up.body.accessToken,
      up.body.refreshToken,
      inn.body.refreshToken,
      next.body.refreshToken,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('records failed sign-ins for unknown addresses too', async () => {
    const email = uniqueEmail('ghost');
    await t.request('POST', '/auth/sign-in/email', { body: { email, password: 'whatever it is 123' } });
    const page = await t.gatehouse.listAuditEvents({ type: 'user.sign_in_failed', limit: 20 });
    expect(page.items.find((e) => e.data.email === email)).toMatchObject({
      userId: null,
      data: { reason: 'unknown_email' },
    });
  });

  it('a throwing or rejecting handler is logged and never breaks the operation', async () => {
    const offThrow = t.gatehouse.on('user.signed_in', () => {
      throw new Error('handler exploded');
    });
    const offReject = t.gatehouse.on('user.signed_in', async () => {
      throw new Error('handler rejected');
    });
    const email = uniqueEmail();
    await t.signUp(email);
    const reply = await t.request('POST', '/auth/sign-in/email', { body: { email, password: PASSWORD } });
    expect(reply.status).toBe(200);
    await waitUntil(
      () =>
        warnings.some((w) => w.includes('handler exploded')) &&
        warnings.some((w) => w.includes('handler rejected')),
      'both handler failures to be logged',
    );
    offThrow();
    offReject();
  });

  it('an unsubscribed handler hears nothing more', async () => {
    let calls = 0;
    const off = t.gatehouse.on('user.created', () => {
      calls++;
    });
    // Still subscribed throughout: once it has heard of both sign-ups, so would the other have.
    const witnessed: string[] = [];
    const offWitness = t.gatehouse.on('user.created', (event) => {
      if (event.userId) witnessed.push(event.userId);
    });
    const first = await t.signUp();
    await waitUntil(() => calls === 1, 'the handler to hear the first sign-up');
    off();
    const second = await t.signUp();
    await waitUntil(() => witnessed.includes(second.user.id), 'the second sign-up to be announced');
    offWitness();
    expect(witnessed).toContain(first.user.id);
    expect(calls).toBe(1);
  });

  it('beforeSignUp can refuse with SIGN_UP_REJECTED (nothing stored) or adjust the name', async () => {
    const email = uniqueEmail('x').replace('@example.com', '@blocked.example');
    const refused = await t.request('POST', '/auth/sign-up/email', { body: { email, password: PASSWORD } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'SIGN_UP_REJECTED',
      message: 'Sign-ups from this domain are closed',
    });
    expect(await t.store.users.findByEmail(email)).toBeNull();
    const adjusted = await t.request('POST', '/auth/sign-up/email', {
      body: { email: uniqueEmail(), password: PASSWORD, name: 'shout' },
    });
    expect(adjusted.body.user.name).toBe('SHOUT');
  });

  it('pages the log by cursor and validates the query', async () => {
    const first = await t.gatehouse.listAuditEvents({ limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await t.gatehouse.listAuditEvents({ limit: 3, cursor: first.nextCursor! });
    expect(second.items[0]!.id < first.items[2]!.id).toBe(true);
    await expect(t.gatehouse.listAuditEvents({ limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(t.gatehouse.listAuditEvents({ cursor: "' OR 1=1" })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    expect(await t.gatehouse.listAuditEvents({ userId: 'nobody' })).toEqual({ items: [], nextCursor: null });
  });
});
