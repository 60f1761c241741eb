/**
 * `OAUTH_FAILED`: the provider's answer failed a check, or the provider refused the code. The
 * message names which check in a short word or two (`id_token iss`, `token invalid_grant`) —
 * never a token, a code or anything the provider sent beyond its error code.
 */
import * as client from 'openid-client';
import { GatehouseError } from '../../core/errors.js';

export function oauthFailed(reason: string, cause?: unknown): GatehouseError {
  return new GatehouseError(
    'OAUTH_FAILED',
    `The provider's answer could not be accepted (${reason}); start the sign-in again`,
    {},
    { cause },
  );
}

/** A short, safe name for what went wrong in openid-client (or at the provider). */
export function failureReason(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return `token ${word(error.error)}`;
  if (error instanceof client.AuthorizationResponseError) return `authorization ${word(error.error)}`;
  if (error instanceof client.ClientError) {
    const inner = error.cause as { message?: unknown; cause?: { claim?: unknown } } | undefined;
    const claim = inner?.cause?.claim;
    if (typeof claim === 'string') return `id_token ${word(claim)}`;
    // A required claim that is absent (`nonce` when one was sent) is named only in the message.
    const missing =
      typeof inner?.message === 'string' ? /^JWT "(\w+)" .*claim missing$/.exec(inner.message) : null;
    if (missing) return `id_token ${word(missing[1])} missing`;
    return word((error.code ?? 'client_error').replace(/^OAUTH_/, '').toLowerCase());
  }
  return 'unexpected answer';
}

/** An identifier-like word from a provider, or `other`: nothing else reaches a message or a log. */
export function word(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'other';
}
