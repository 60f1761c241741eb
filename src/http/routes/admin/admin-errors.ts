/** The refusals every admin route can answer, before its own (see services/operators/resolve-operator.ts). */
export const ADMIN_ERRORS = [
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'SESSION_NOT_FOUND',
  'NOT_AN_OPERATOR',
  'INSUFFICIENT_PERMISSION',
  'INSUFFICIENT_SCOPE',
  'MFA_REQUIRED',
  'IMPERSONATION_RESTRICTED',
] as const;
