/**
 * Where the browser goes once the callback is done: the flow's `returnTo` (allow-listed when the
 * flow started, else the default page), with what the page needs to know in its query —
 * `code=gh_oac_…` (code mode), `mfa=required` (cookie mode, a second factor is due),
 * `linked=<provider>`, or `error=<CODE>` (and `reason=<provider code>` when the provider
 * refused). A signed-in browser comes back to `returnTo` as it is, the session in its cookies.
 */
import type { OAuthCallbackOutcome } from './handle-callback.js';
import { withParameters } from './return-to.js';

export function callbackLocation(outcome: OAuthCallbackOutcome): string {
  switch (outcome.kind) {
    case 'signed_in':
      return outcome.returnTo;
    case 'mfa_required':
      return withParameters(outcome.returnTo, { mfa: 'required' });
    case 'code':
      return withParameters(outcome.returnTo, { code: outcome.code });
    case 'linked':
      return withParameters(outcome.returnTo, { linked: outcome.provider });
    case 'refused':
      return withParameters(outcome.returnTo, {
        error: outcome.error,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
      });
  }
}
