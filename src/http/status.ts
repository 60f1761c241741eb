/** The one table that maps error codes to HTTP statuses. */
import type { ErrorCode } from '../core/errors.js';

export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  SESSION_NOT_FOUND: 401,
  REFRESH_TOKEN_REUSED: 401,
  ORIGIN_NOT_ALLOWED: 403,
  FORM_EXPIRED: 403,
  USER_SUSPENDED: 403,
  /** An operator's profile change to a revoked user (Flametrench's AlreadyTerminalError). */
  USER_REVOKED: 409,
  SIGN_UP_REJECTED: 403,
  EMAIL_NOT_VERIFIED: 403,
  WRONG_PASSWORD: 403,
  LINK_INVALID: 400,
  LINK_EXPIRED: 400,
  LINK_USED: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  USER_EXISTS: 409,
  PASSWORD_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The route needs a session that passed a second factor (aal2). */
  MFA_REQUIRED: 403,
  /** The change needs a recent sign-in: `POST /auth/reauthenticate` first. */
  REAUTH_REQUIRED: 403,
  /** The pending sign-in token is unknown, used, expired or voided. */
  INVALID_MFA_TOKEN: 401,
  /** A wrong, used or expired second-factor code, or a refused passkey assertion. */
  INVALID_CODE: 401,
  MFA_METHOD_UNAVAILABLE: 400,
  FACTOR_EXISTS: 409,
  MFA_NOT_ENABLED: 409,
  /** A passkey registration that fails a WebAuthn check. */
  PASSKEY_REJECTED: 400,
  /** `openSignUp: false`: only existing accounts may sign in. */
  SIGN_UP_CLOSED: 403,
  USERNAME_TAKEN: 409,
  /** No sign-in provider (OpenID Connect, OAuth or ID token) by that name is configured. */
  PROVIDER_NOT_FOUND: 404,
  /** The OAuth callback's `state` is missing, unknown, used, expired or not this browser's. */
  OAUTH_STATE_INVALID: 400,
  /** The provider's answer failed a check (issuer, nonce, code, ID token) or reported an error. */
  OAUTH_FAILED: 400,
  /** A third-party ID token that fails a check: signature, issuer, audience, times, nonce. */
  INVALID_ID_TOKEN: 401,
  /** An account has the provider's address, but the provider has not verified it (or linking is off). */
  IDENTITY_NOT_LINKED: 409,
  /** That provider account is linked to another user. */
  IDENTITY_IN_USE: 409,
  /** Removing this would leave the account no way to sign in. */
  LAST_SIGN_IN_METHOD: 409,
  /** The `Gatehouse-App` header (or `app` parameter) names no app. */
  APP_NOT_FOUND: 404,
  /** The app is disabled: nobody signs in or up to it. */
  APP_INACTIVE: 403,
  /** The app does not allow this sign-in method. */
  AUTH_METHOD_NOT_ALLOWED: 403,
  /** The app is invite-only and this account is not a member (an invitation makes it one). */
  NOT_A_MEMBER: 403,
  MEMBERSHIP_NOT_FOUND: 404,
  ROLE_NOT_FOUND: 404,
  ROLE_EXISTS: 409,
  /** Members still hold the role, or it is built in: revoke it from them first. */
  ROLE_IN_USE: 409,
  PLAN_NOT_FOUND: 404,
  /** A paid plan needs a verified address: add and verify one first. */
  EMAIL_REQUIRED_FOR_PAID: 422,
  INSUFFICIENT_ROLE: 403,
  INSUFFICIENT_PLAN: 403,
  INSUFFICIENT_PERMISSION: 403,
  /** A personal access token without the scope the route needs, or a route only sessions may use. */
  INSUFFICIENT_SCOPE: 403,
  /** The user already has as many personal access tokens as allowed. */
  TOKEN_LIMIT_REACHED: 409,
  NOT_AN_OPERATOR: 403,
  CANNOT_IMPERSONATE_OPERATOR: 403,
  IMPERSONATION_RESTRICTED: 403,
  /** The change would leave the console app without an active admin. */
  LAST_ADMIN: 409,
  /** An operator asked to mail a verification link for an address that is already verified. */
  EMAIL_ALREADY_VERIFIED: 409,
  /** A mailed link for an account without an address (username only). */
  EMAIL_MISSING: 422,
  /** A mailed link for a suspended, revoked or deleted account. */
  USER_NOT_ACTIVE: 409,
  /** Purging a user who is not deleted first: erasing is always the second of two steps. */
  USER_NOT_DELETED: 409,
  /** An operator suspending, revoking, deleting or purging their own account (lock-out protection). */
  CANNOT_ACT_ON_SELF: 409,
  /** Another app's access tokens already carry that audience (`aud`). */
  AUDIENCE_TAKEN: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
