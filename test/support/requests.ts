/**
 * The account requests several suites send. `instance` is read at each call, so suites can
 * destructure these before `beforeAll` has opened their instance.
 */
import { expect } from 'vitest';
import { PASSWORD, type TestGatehouse } from './gatehouse.js';

export function accountRequests(instance: () => TestGatehouse) {
  const t = { request: (...args: Parameters<TestGatehouse['request']>) => instance().request(...args) };
  return {
    signIn: (email: string, password = PASSWORD) =>
      t.request('POST', '/auth/sign-in/email', { body: { email, password } }),
    /** The status `GET /auth/session` answers for an access token. */
    sessionStatus: async (accessToken: string) =>
      (await t.request('GET', '/auth/session', { token: accessToken })).status,
    verify: (token: string) => t.request('POST', '/auth/verify-email', { body: { token } }),
    change: (token: string, newEmail: unknown, password: unknown = PASSWORD) =>
      t.request('POST', '/auth/change-email', { token, body: { newEmail, password } }),
    /** Confirms with a link's token, as the session `token` when given. */
    confirm: (linkToken: string, token?: string) =>
      t.request('POST', '/auth/confirm-email-change', {
        body: { token: linkToken },
        ...(token ? { token } : {}),
      }),
    cancel: (linkToken: string) =>
      t.request('POST', '/auth/cancel-email-change', { body: { token: linkToken } }),
  };
}

/** `PATCH /auth/me` with `body` (sent as is) is refused with VALIDATION_ERROR, and nothing changes. */
export async function expectProfilePatchRefused(t: TestGatehouse, body: unknown): Promise<void> {
  const { accessToken } = await t.signUp();
  const me = () => t.request('GET', '/auth/me', { token: accessToken });
  await t.request('PATCH', '/auth/me', {
    token: accessToken,
    body: { name: 'Before', metadata: { keep: 1 } },
  });
  const before = (await me()).body;
  const reply = await t.request('PATCH', '/auth/me', { token: accessToken, raw: JSON.stringify(body) });
  expect(reply.status).toBe(400);
  expect(reply.body.error.code).toBe('VALIDATION_ERROR');
  expect((await me()).body).toEqual(before);
  expect(({} as Record<string, unknown>).admin).toBeUndefined();
}
