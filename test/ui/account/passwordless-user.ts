/**
 * A browser signed in as a new account that has no password: it signed up with a magic link
 * (issued straight into the store, so no mail is needed), the way a passkey or provider sign-up
 * also leaves an account without one.
 */
import { expect } from 'vitest';
import { DEFAULT_APP_ID } from '../../../src/core/apps.js';
import { newId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import { hashToken, newOpaqueToken } from '../../../src/crypto/opaque-token.js';
import { type TestGatehouse, uniqueEmail } from '../../support/gatehouse.js';
import { clearBrowser, signInBrowser } from '../pages.js';
import type { SignedInUser } from './account.js';

/** Signs in with a magic link for `email` (a new account when no account has it). */
export async function magicLinkSignIn(
  t: TestGatehouse,
  email: string,
  userId: string | null = null,
): Promise<{ accessToken: string; refreshToken: string; user: { id: string }; session: { id: string } }> {
  const token = newOpaqueToken<string>(systemRandom);
  const now = t.clock.now();
  await t.store.emailSignIns.issue({
    id: newId('esi', now, systemRandom),
    email,
    userId: userId as never,
    kind: 'link',
    secretHash: hashToken(token),
    attempts: 0,
    createdAt: now,
    expiresAt: now + 60_000,
    usedAt: null,
    appId: DEFAULT_APP_ID,
  });
  const reply = await t.request('POST', '/auth/sign-in/magic-link/verify', { body: { token } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** A new browser signed in as a new account without a password. */
export async function passwordlessUser(t: TestGatehouse, tag: string): Promise<SignedInUser> {
  const email = uniqueEmail(tag);
  const signedIn = await magicLinkSignIn(t, email);
  clearBrowser(t);
  signInBrowser(t, signedIn);
  return {
    email,
    userId: signedIn.user.id,
    accessToken: signedIn.accessToken,
    refreshToken: signedIn.refreshToken,
    sessionId: signedIn.session.id,
  };
}
