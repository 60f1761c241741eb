/** Instances share nothing; an unreachable database is a 503, never a 500; the OpenAPI document covers every route. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { openGatehouse, PASSWORD, uniqueEmail } from '../support/gatehouse.js';

describe('two instances in one process', () => {
  it('share no users, keys or settings', async () => {
    const a = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    const b = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent', basePath: '/identity' });
    try {
      const email = uniqueEmail();
      const s = await a.signUp({ email, password: PASSWORD });
      await expect(b.signIn({ email, password: PASSWORD })).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
      await expect(b.getSession(s.accessToken)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
      expect((await a.jwks()).keys[0]!.kid).not.toBe((await b.jwks()).keys[0]!.kid);
      const viaB = await b.handler(
        new Request('http://localhost/identity/session', {
          headers: { authorization: `Bearer ${s.accessToken}` },
        }),
      );
      expect(viaB.status).toBe(401);
      expect((await b.handler(new Request('http://localhost/auth/session'))).status).toBe(404);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('an unreachable database', () => {
  it('makes ready() reject and every request a 503 UNAVAILABLE, health still answering', async () => {
    const g = createGatehouse({
      databaseUrl: 'postgres://gatehouse:secret-password@127.0.0.1:1/nowhere',
      secret: 'x'.repeat(40),
      logLevel: 'silent',
      migrations: 'apply',
    });
    await expect(g.ready()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const reply = await g.handler(
      new Request('http://localhost/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@example.com', password: PASSWORD }),
      }),
    );
    expect(reply.status).toBe(503);
    const body = await reply.text();
    expect(JSON.parse(body).error.code).toBe('UNAVAILABLE');
    expect(body).not.toContain('secret-password');
    expect((await g.handler(new Request('http://localhost/healthz'))).status).toBe(200);
    expect((await g.handler(new Request('http://localhost/readyz'))).status).toBe(503);
    await g.close();
  });

  it('PostgreSQL without a secret refuses to start and says why', async () => {
    const g = createGatehouse({ databaseUrl: 'postgres://127.0.0.1:1/x', logLevel: 'silent' });
    await expect(g.ready()).rejects.toThrow(/GATEHOUSE_SECRET/);
    await g.close();
  });
});

describe('readiness and the OpenAPI document', () => {
  it('readyz is 200 when the database answers; openapi.json describes every route', async () => {
    const t = await openGatehouse('sqlite');
    try {
      expect((await t.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
      const doc = (await t.request('GET', '/auth/openapi.json')).body;
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/.well-known/jwks.json',
          '/auth/change-password',
          '/auth/set-password',
          '/auth/change-email',
          '/auth/confirm-email-change',
          '/auth/cancel-email-change',
          '/auth/me',
          '/auth/me/export',
          '/auth/forgot-password',
          '/auth/reset-password',
          '/auth/refresh',
          '/auth/revoke',
          '/auth/resend-verification',
          '/auth/verify-email',
          '/auth/session',
          '/auth/sessions',
          '/auth/sessions/{id}',
          '/auth/sign-in/email',
          '/auth/sign-out',
          '/auth/sign-up/email',
          '/auth/sign-in/username',
          '/auth/sign-up/username',
          '/auth/mfa',
          '/auth/mfa/verify',
          '/auth/mfa/totp',
          '/auth/mfa/totp/enroll',
          '/auth/mfa/totp/activate',
          '/auth/mfa/recovery-codes',
          '/auth/mfa/passkey/options',
          '/auth/mfa/sms/send',
          '/auth/reauthenticate',
          '/auth/reauthenticate/passkey/options',
          '/auth/reauthenticate/sms',
          '/auth/passkeys',
          '/auth/passkeys/{id}',
          '/auth/passkeys/register',
          '/auth/passkeys/register/options',
          '/auth/sign-in/passkey',
          '/auth/sign-in/passkey/options',
          '/auth/sign-in/magic-link',
          '/auth/sign-in/magic-link/verify',
          '/auth/sign-in/email-code',
          '/auth/sign-in/email-code/verify',
          '/auth/phone',
          '/auth/phone/start',
          '/auth/phone/confirm',
          '/auth/identities',
          '/auth/identities/{id}',
          '/auth/oauth/{provider}/start',
          '/auth/oauth/{provider}/link',
          '/auth/oauth/{provider}/callback',
          '/auth/oauth/exchange',
          '/auth/oauth/mfa',
          '/auth/identities/id-token',
          '/auth/sign-in/id-token',
          '/auth/tokens',
          '/auth/tokens/{id}',
          '/auth/invitations/accept',
          '/auth/me/apps',
          '/auth/admin/me',
          '/auth/admin/users',
          '/auth/admin/users/{id}',
          '/auth/admin/users/{id}/suspend',
          '/auth/admin/users/{id}/reactivate',
          '/auth/admin/users/{id}/revoke',
          '/auth/admin/users/{id}/restore',
          '/auth/admin/users/{id}/purge',
          '/auth/admin/apps',
          '/auth/admin/apps/{appId}',
          '/auth/admin/apps/{appId}/rotate-secret',
          '/auth/admin/apps/{appId}/members',
          '/auth/admin/apps/{appId}/roles',
          '/auth/admin/apps/{appId}/roles/{name}',
          '/auth/admin/apps/{appId}/invitations',
          '/auth/admin/apps/{appId}/invitations/{invitationId}',
          '/auth/admin/users/{id}/impersonate',
          '/auth/admin/users/{id}/sessions',
          '/auth/admin/users/{id}/sessions/{sessionId}',
          '/auth/admin/users/{id}/reset-mfa',
          '/auth/admin/users/{id}/send-verification',
          '/auth/admin/users/{id}/send-password-reset',
          '/auth/admin/users/{id}/apps',
          '/auth/admin/users/{id}/apps/{appId}',
          '/auth/admin/users/{id}/tokens',
          '/auth/admin/users/{id}/tokens/{patId}',
          '/auth/admin/audit',
          '/auth/admin/audit/export',
          '/auth/admin/stats',
          '/healthz',
          '/readyz',
        ].sort(),
      );
      const signUp = doc.paths['/auth/sign-up/email'].post;
      expect(signUp.requestBody.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/SignUpRequest',
      });
      expect(doc.components.schemas.SignUpRequest).toMatchObject({
        type: 'object',
        required: ['email', 'password'],
        additionalProperties: false,
      });
      expect(Object.keys(signUp.responses).sort()).toEqual(['201', '400', '403', '409', '413', '415']);
      expect(doc.paths['/auth/session'].get.security).toEqual([{ bearer: [] }, { cookie: [] }]);
      for (const [, item] of Object.entries<Record<string, { responses: object }>>(doc.paths)) {
        for (const op of Object.values(item)) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      }
    } finally {
      await t.close();
    }
  });
});

describe('a wrong secret', () => {
  it('stops start-up with a clear message instead of failing the first sign-in', async () => {
    const t = await openGatehouse('sqlite');
    try {
      const other = createGatehouse({
        store: t.store,
        secret: 'another-secret-another-secret-another-1',
        logLevel: 'silent',
      });
      await expect(other.ready()).rejects.toThrow(/GATEHOUSE_SECRET/);
    } finally {
      await t.close();
    }
  });
});

describe('a secret that cannot open the stored keys', () => {
  it('names where it came from: the secret file, or GATEHOUSE_SECRET', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-secret-source-'));
    try {
      const databaseUrl = `sqlite:${join(dir, 'gatehouse.db')}`;
      const first = createGatehouse({ databaseUrl, logLevel: 'silent' });
      await first.ready();
      await first.close();
      // The file now holds another (valid-looking) secret than the one that sealed the keys.
      writeFileSync(join(dir, 'gatehouse.secret'), `${'z'.repeat(43)}\n`);
      const fromFile = createGatehouse({ databaseUrl, logLevel: 'silent' });
      await expect(fromFile.ready()).rejects.toThrow(`the secret file ${join(dir, 'gatehouse.secret')}`);
      await fromFile.close();
      const fromSetting = createGatehouse({ databaseUrl, secret: 'y'.repeat(40), logLevel: 'silent' });
      await expect(fromSetting.ready()).rejects.toThrow(/GATEHOUSE_SECRET or the `secret` setting/);
      await fromSetting.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an instance that cannot start', () => {
  it('answers 503 UNAVAILABLE on every route but liveness — never a 4xx — and logs why (an empty secret file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-empty-secret-'));
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
    try {
      writeFileSync(join(dir, 'gatehouse.secret'), '');
      const g = createGatehouse({ databaseUrl: `sqlite:${join(dir, 'gatehouse.db')}`, logger });
      await expect(g.ready()).rejects.toThrow(/gatehouse\.secret/);
      for (const [method, path] of [
        ['GET', '/readyz'],
        ['GET', '/.well-known/jwks.json'],
        ['POST', '/auth/sign-in/email'],
      ] as const) {
        const reply = await g.handler(
          new Request(`http://localhost${path}`, {
            method,
            headers: { 'content-type': 'application/json' },
            ...(method === 'POST'
              ? { body: JSON.stringify({ email: 'a@example.com', password: PASSWORD }) }
              : {}),
          }),
        );
        expect(reply.status, path).toBe(503);
        const body = await reply.json();
        expect(body.error.code).toBe('UNAVAILABLE');
        expect(body.error.message).not.toMatch(/secret/);
      }
      expect((await g.handler(new Request('http://localhost/healthz'))).status).toBe(200);
      expect(logged.join('')).toMatch(
        /Gatehouse could not start.*gatehouse\.secret|gatehouse\.secret.*Gatehouse could not start/,
      );
      await g.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
