/**
 * What the admin user-route suites share: the admin API over HTTP as a given operator, the
 * audit records about a user, and an app's own admin (a tenant admin) signed in at their app
 * over HTTP with a second factor — a token for their app, as the admin API takes it.
 */
import { expect } from 'vitest';
import type { EventType } from '../../src/core/events.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import { PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';

export function adminApi(t: () => TestGatehouse) {
  return (method: string, path: string, token: string, body?: unknown) =>
    t().request(method, `/auth/admin${path}`, { token, ...(body === undefined ? {} : { body }) });
}

/** The audit records of `type` about a user, newest first. */
export async function auditOf(t: TestGatehouse, userId: string, type: EventType) {
  return (await t.gatehouse.listAuditEvents({ userId, type })).items;
}

/**
 * The newest `type` record about `userId` was written by `actorId` through the admin API, names
 * the user as its target, and carries none of `secrets`.
 */
export async function expectAudited(
  t: TestGatehouse,
  userId: string,
  type: EventType,
  actorId: string,
  secrets: readonly string[] = [],
) {
  const [record] = await auditOf(t, userId, type);
  expect(record, `${type} recorded`).toBeDefined();
  expect(record).toMatchObject({ actorId, targetId: userId, userId, outcome: 'success' });
  expect(record!.data.via).toBe('admin_api');
  const text = JSON.stringify(record);
  for (const secret of secrets) expect(text).not.toContain(secret);
  return record!;
}

/** A member of `appId` holding its `admin` role, with TOTP, signed in at that app (aal2) over HTTP. */
export async function signInTenantAdmin(t: TestGatehouse, appId: string) {
  const email = uniqueEmail('tenant-admin');
  const up = signedIn(await t.gatehouse.signUp({ email, password: PASSWORD }));
  const secret = base32Decode((await t.gatehouse.enrollTotp(up.accessToken)).secret);
  const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
  await t.gatehouse.activateTotp(up.accessToken, code());
  await t.gatehouse.addMember(up.user.id, appId, { role: 'admin' });
  t.clock.advance(30_000);
  const headers = { 'gatehouse-app': appId };
  const first = await t.request('POST', '/auth/sign-in/email', {
    headers,
    body: { email, password: PASSWORD },
  });
  expect(first.body.mfaRequired).toBe(true);
  const done = await t.request('POST', '/auth/mfa/verify', {
    headers,
    body: { mfaToken: first.body.mfaToken, method: 'totp', code: code() },
  });
  expect(done.status).toBe(200);
  return { userId: up.user.id as string, email, accessToken: done.body.accessToken as string };
}
