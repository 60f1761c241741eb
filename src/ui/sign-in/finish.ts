/**
 * What every way in ends with on a page: a session goes to the browser as the API's cookies on a
 * 303 to the checked `returnTo`; a challenge for a second factor is answered with the second
 * step's page itself — no cookie is set and nothing names the pending sign-in but that page's
 * hidden fields (MFA-04).
 */
import type { GatehouseError } from '../../core/errors.js';
import type { PageReply, PageView } from '../../http/route.js';
import { isMfaChallenge, type MfaChallenge } from '../../services/mfa/pending-sign-in.js';
import type { AuthResult } from '../../services/views.js';
import { mfaStepPage, stepOf } from './mfa-step.js';

export function finishSignIn(view: PageView, result: AuthResult | MfaChallenge, returnTo: string): PageReply {
  if (isMfaChallenge(result)) return mfaStepPage(view, 200, stepOf(result, returnTo));
  return { kind: 'redirect', location: returnTo, signedIn: result };
}

/** Whole minutes until a `RATE_LIMITED` refusal lifts (at least one), for the message. */
export function minutesToWait(error: GatehouseError): number {
  const seconds = error.details.retryAfterSeconds;
  return Math.max(1, Math.ceil((typeof seconds === 'number' ? seconds : 60) / 60));
}
