/**
 * CSRF tokens for the pages' forms: HMAC-SHA256, under a key derived (HKDF) from the instance
 * secret, of the browser's random form cookie and the session it is signed in with. A token is
 * therefore good only in the browser that holds the cookie, and only for the session it was
 * shown to: signing in or out makes older forms fail. Every process of an installation derives
 * the same key, so any of them accepts a form another rendered.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { sameSecret } from './constant-time.js';

export interface FormTokens {
  /** The token for forms shown to the browser holding `cookie`, signed in with `sessionId` (or none). */
  issue(cookie: string, sessionId: string | undefined): string;
  /** Whether `token` is the one `issue` gives for the same cookie and session. */
  check(token: string, cookie: string, sessionId: string | undefined): boolean;
}

export function formTokens(secret: string): FormTokens {
  const key = Buffer.from(hkdfSync('sha256', secret, 'gatehouse', 'page-form', 32));
  const issue = (cookie: string, sessionId: string | undefined) =>
    createHmac('sha256', key)
      .update(`${cookie}\0${sessionId ?? ''}`)
      .digest('base64url');
  return {
    issue,
    check: (token, cookie, sessionId) => sameSecret(token, issue(cookie, sessionId)),
  };
}
