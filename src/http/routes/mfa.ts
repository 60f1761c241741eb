/** The second step of sign-in, reauthentication, and the caller's own factors: /mfa/*, /reauthenticate. */
import { z } from 'zod';
import type { ReauthenticateInput } from '../../services/mfa/reauthenticate.js';
import type { VerifyMfaInput } from '../../services/mfa/verify-mfa.js';
import type { Route } from '../route.js';
import { apiSchemas, authResult, sessionView } from '../schemas.js';
import { accessResponse, tokenResponse } from './token-response.js';

const method = z.enum(['totp', 'passkey', 'sms', 'recovery_code']);
/** A WebAuthn assertion as `navigator.credentials.get()` gives it, JSON-encoded (checked in full later). */
const assertion = z.record(z.string(), z.unknown()).meta({ description: 'PublicKeyCredential JSON' });
const code = z.string().max(64);

const verifyBody = z
  .strictObject({
    mfaToken: z.string().max(128),
    method,
    code: code.optional(),
    assertion: assertion.optional(),
  })
  .register(apiSchemas, { id: 'VerifyMfaRequest' });

const reauthBody = z
  .strictObject({
    password: z.string().optional(),
    method: method.optional(),
    code: code.optional(),
    assertion: assertion.optional(),
  })
  .register(apiSchemas, {
    id: 'ReauthenticateRequest',
    description: 'The password, or a second-factor method with its code or assertion',
  });

export const steppedUp = z
  .object({
    session: sessionView,
    accessToken: z.string().optional().meta({ description: 'Absent when cookies carry the tokens' }),
    expiresIn: z.number().int(),
  })
  .register(apiSchemas, { id: 'SteppedUpSession' });

const sessionErrors = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'];

export const verifyMfaRoute: Route = {
  method: 'POST',
  path: '/mfa/verify',
  operationId: 'verifyMfa',
  limited: true,
  summary: 'Finish a sign-in with a second factor (the mfaToken from sign-in plus a code or assertion)',
  tag: 'Second factors',
  body: verifyBody,
  status: 200,
  response: authResult,
  errors: ['VALIDATION_ERROR', 'INVALID_MFA_TOKEN', 'INVALID_CODE', 'MFA_METHOD_UNAVAILABLE', 'RATE_LIMITED'],
  async handle(ctx) {
    return tokenResponse(ctx, await ctx.ops.verifyMfa(ctx.body as VerifyMfaInput, ctx.client));
  },
};

export const reauthenticateRoute: Route = {
  method: 'POST',
  path: '/reauthenticate',
  operationId: 'reauthenticate',
  limited: true,
  hashes: true,
  summary: 'Prove again who you are (password or a second factor) before a sensitive change',
  tag: 'Second factors',
  auth: true,
  body: reauthBody,
  status: 200,
  response: steppedUp,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'WRONG_PASSWORD',
    'INVALID_CODE',
    'MFA_METHOD_UNAVAILABLE',
    'RATE_LIMITED',
    ...sessionErrors,
  ],
  async handle(ctx) {
    const result = await ctx.ops.reauthenticate(ctx.accessToken, ctx.body as ReauthenticateInput, ctx.client);
    return accessResponse(ctx, result);
  },
};

const factorListing = z
  .object({
    methods: z
      .array(method)
      .meta({ description: 'What a sign-in asks for; empty when a password alone signs in' }),
    factors: z.record(z.string(), z.unknown()),
  })
  .register(apiSchemas, { id: 'FactorListing' });

export const listFactorsRoute: Route = {
  method: 'GET',
  path: '/mfa',
  operationId: 'listFactors',
  summary: "The caller's second factors (no secrets) and the methods a sign-in would offer",
  tag: 'Second factors',
  auth: true,
  status: 200,
  response: factorListing,
  errors: sessionErrors,
  handle: (ctx) => ctx.ops.listFactors(ctx.accessToken),
};
