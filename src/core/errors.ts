/**
 * The one error class Gatehouse throws on purpose, with a stable code a client can rely on.
 * `http/status.ts` maps each code to an HTTP status; messages never carry a secret.
 */

/** Every error code a Gatehouse operation can produce. */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'WEAK_PASSWORD'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'SESSION_NOT_FOUND'
  | 'REFRESH_TOKEN_REUSED'
  | 'ORIGIN_NOT_ALLOWED'
  | 'FORM_EXPIRED'
  | 'USER_SUSPENDED'
  | 'USER_REVOKED'
  | 'SIGN_UP_REJECTED'
  | 'EMAIL_NOT_VERIFIED'
  | 'WRONG_PASSWORD'
  | 'LINK_INVALID'
  | 'LINK_EXPIRED'
  | 'LINK_USED'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'USER_EXISTS'
  | 'PASSWORD_EXISTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MFA_REQUIRED'
  | 'REAUTH_REQUIRED'
  | 'INVALID_MFA_TOKEN'
  | 'INVALID_CODE'
  | 'MFA_METHOD_UNAVAILABLE'
  | 'FACTOR_EXISTS'
  | 'MFA_NOT_ENABLED'
  | 'PASSKEY_REJECTED'
  | 'SIGN_UP_CLOSED'
  | 'USERNAME_TAKEN'
  | 'PROVIDER_NOT_FOUND'
  | 'OAUTH_STATE_INVALID'
  | 'OAUTH_FAILED'
  | 'INVALID_ID_TOKEN'
  | 'IDENTITY_NOT_LINKED'
  | 'IDENTITY_IN_USE'
  | 'LAST_SIGN_IN_METHOD'
  | 'APP_NOT_FOUND'
  | 'APP_INACTIVE'
  | 'AUTH_METHOD_NOT_ALLOWED'
  | 'NOT_A_MEMBER'
  | 'MEMBERSHIP_NOT_FOUND'
  | 'ROLE_NOT_FOUND'
  | 'ROLE_EXISTS'
  | 'ROLE_IN_USE'
  | 'PLAN_NOT_FOUND'
  | 'EMAIL_REQUIRED_FOR_PAID'
  | 'INSUFFICIENT_ROLE'
  | 'INSUFFICIENT_PLAN'
  | 'INSUFFICIENT_PERMISSION'
  | 'INSUFFICIENT_SCOPE'
  | 'TOKEN_LIMIT_REACHED'
  | 'AUDIENCE_TAKEN'
  | 'NOT_AN_OPERATOR'
  | 'CANNOT_IMPERSONATE_OPERATOR'
  | 'IMPERSONATION_RESTRICTED'
  | 'LAST_ADMIN'
  | 'EMAIL_ALREADY_VERIFIED'
  | 'EMAIL_MISSING'
  | 'USER_NOT_ACTIVE'
  | 'USER_NOT_DELETED'
  | 'CANNOT_ACT_ON_SELF'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Optional, non-secret details a client may use (e.g. which field failed validation). */
export interface ErrorDetails {
  readonly issues?: ReadonlyArray<{ path: string; message: string }>;
  readonly retryAfterSeconds?: number;
}

/**
 * @example
 * throw new GatehouseError('USER_EXISTS', 'An account with this email already exists');
 */
export class GatehouseError extends Error {
  override readonly name = 'GatehouseError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isGatehouseError(value: unknown): value is GatehouseError {
  return value instanceof GatehouseError;
}
