/**
 * What the admin app tests share: a tenant admin (an app's own `admin`, signed in at that app
 * over HTTP with a second factor, as the admin API requires by default), an operator holding a
 * custom console role, and the audit records an operation left about one target.
 */
import { expect } from 'vitest';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { base32Decode } from '../../src/crypto/base32.js';
import { totpAt } from '../../src/crypto/totp.js';
import type { AuditRecord } from '../../src/store/ports/audit-store.js';
import { PASSWORD, signedIn, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';

export interface TenantAdmin {
  readonly userId: string;
  readonly email: string;
  /** An aal2 access token at the admin's own app. */
  readonly accessToken: string;
}

/** A member of `appId` holding its `admin` role, signed in there with a password and a TOTP code. */
export async function signInTenantAdmin(t: TestGatehouse, appId: string): Promise<TenantAdmin> {
  const email = uniqueEmail('tenant-admin');
  const app = { 'gatehouse-app': appId };
  const up = await t.request('POST', '/auth/sign-up/email', {
    body: { email, password: PASSWORD },
    headers: app,
  });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  await t.gatehouse.setRoles(up.body.user.id, appId, ['admin']);
  const enrolment = await t.gatehouse.enrollTotp(up.body.accessToken);
  const secret = base32Decode(enrolment.secret);
  const code = () => totpAt(secret, Math.floor(t.clock.now() / 1000));
  await t.gatehouse.activateTotp(up.body.accessToken, code());
  t.clock.advance(30_000);
  const first = await t.request('POST', '/auth/sign-in/email', {
    body: { email, password: PASSWORD },
    headers: app,
  });
  expect(first.body.mfaRequired, JSON.stringify(first.body)).toBe(true);
  const done = await t.request('POST', '/auth/mfa/verify', {
    body: { mfaToken: first.body.mfaToken, method: 'totp', code: code() },
    headers: app,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return { userId: up.body.user.id, email, accessToken: done.body.accessToken };
}

/** An operator whose console role is a custom one holding `permissions` (made once per instance). */
export async function signInCustomOperator(
  t: TestGatehouse,
  role: string,
  permissions: string[],
): Promise<SignedInOperator> {
  const roles = await t.gatehouse.listRoles(CONSOLE_APP_ID);
  if (!roles.some((r) => r.name === role)) {
    await t.gatehouse.createRole(CONSOLE_APP_ID, { name: role, permissions });
  }
  return signInOperator(t, { role });
}

/** The audit records about `targetId`, newest first. */
export async function auditOf(t: TestGatehouse, targetId: string): Promise<AuditRecord[]> {
  return t.store.audit.list({ targetId, limit: 100 });
}

/** Signs up a member of `appId` over HTTP; returns the 201 body (tokens at that app). */
export async function signUpAt(t: TestGatehouse, appId: string, email = uniqueEmail('member')) {
  const reply = await t.request('POST', '/auth/sign-up/email', {
    body: { email, password: PASSWORD },
    headers: { 'gatehouse-app': appId },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return signedIn(reply.body) as { user: { id: string }; accessToken: string; refreshToken: string };
}
