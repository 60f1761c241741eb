/** Phones and text-message codes: /phone (set up, remove), /mfa/sms/send, /reauthenticate/sms. */
import { z } from 'zod';
import type { FactorAdded } from '../../services/mfa/factor-changes.js';
import type { Route } from '../route.js';
import { apiSchemas, success } from '../schemas.js';
import { accessResponse } from './token-response.js';
import { factorAddedView } from './totp.js';

const sessionErrors = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'];
const sendErrors = ['RATE_LIMITED', 'UNAVAILABLE'];

const codeSent = z
  .object({
    expiresIn: z.number().int().meta({ description: 'Seconds the code stays usable' }),
    phone: z.string().meta({ description: 'Where it went, all but the last two digits hidden' }),
  })
  .register(apiSchemas, { id: 'SmsCodeSent', description: 'A code was texted; it is never in a response' });

export const startPhoneSetupRoute: Route = {
  method: 'POST',
  path: '/phone/start',
  operationId: 'startPhoneSetup',
  limited: true,
  summary: 'Start adding a phone: a code is texted to it (recent sign-in needed)',
  tag: 'Second factors',
  auth: true,
  body: z
    .strictObject({ phone: z.string().max(64).meta({ example: '+14155550100' }) })
    .register(apiSchemas, { id: 'StartPhoneSetupRequest' }),
  status: 202,
  response: codeSent,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'FACTOR_EXISTS',
    'REAUTH_REQUIRED',
    ...sendErrors,
    ...sessionErrors,
  ],
  handle: (ctx) => ctx.ops.startPhoneSetup(ctx.accessToken, (ctx.body as { phone: string }).phone),
};

export const confirmPhoneRoute: Route = {
  method: 'POST',
  path: '/phone/confirm',
  operationId: 'confirmPhone',
  limited: true,
  summary: 'Finish adding the phone with the texted code; it becomes the SMS factor and the session aal2',
  tag: 'Second factors',
  auth: true,
  body: z.strictObject({ code: z.string().max(16) }).register(apiSchemas, { id: 'ConfirmPhoneRequest' }),
  status: 200,
  response: factorAddedView,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'INVALID_CODE',
    'FACTOR_EXISTS',
    'NOT_FOUND',
    'REAUTH_REQUIRED',
    'RATE_LIMITED',
    ...sessionErrors,
  ],
  async handle(ctx) {
    const { code } = ctx.body as { code: string };
    const result: FactorAdded = await ctx.ops.confirmPhone(ctx.accessToken, code, ctx.client);
    return accessResponse(ctx, result);
  },
};

export const removePhoneRoute: Route = {
  method: 'DELETE',
  path: '/phone',
  operationId: 'removePhone',
  summary: 'Remove the phone, the SMS factor (recent sign-in needed)',
  tag: 'Second factors',
  auth: true,
  status: 200,
  response: success,
  errors: ['IMPERSONATION_RESTRICTED', 'NOT_FOUND', 'REAUTH_REQUIRED', ...sessionErrors],
  async handle(ctx) {
    await ctx.ops.removePhone(ctx.accessToken, ctx.client);
    return { success: true };
  },
};

export const sendSignInSmsCodeRoute: Route = {
  method: 'POST',
  path: '/mfa/sms/send',
  operationId: 'sendSignInSmsCode',
  limited: true,
  summary: "Text a code to the account's phone to finish a sign-in (then /mfa/verify with method sms)",
  tag: 'Second factors',
  body: z
    .strictObject({ mfaToken: z.string().max(128) })
    .register(apiSchemas, { id: 'SendSignInSmsCodeRequest' }),
  status: 202,
  response: codeSent,
  errors: ['VALIDATION_ERROR', 'INVALID_MFA_TOKEN', 'MFA_METHOD_UNAVAILABLE', ...sendErrors],
  handle: (ctx) => ctx.ops.sendSignInSmsCode((ctx.body as { mfaToken: string }).mfaToken, ctx.client),
};

export const sendReauthSmsCodeRoute: Route = {
  method: 'POST',
  path: '/reauthenticate/sms',
  operationId: 'sendReauthSmsCode',
  limited: true,
  summary: "Text a code to the account's phone for reauthenticating (then /reauthenticate with method sms)",
  tag: 'Second factors',
  auth: true,
  status: 202,
  response: codeSent,
  errors: ['IMPERSONATION_RESTRICTED', 'MFA_METHOD_UNAVAILABLE', ...sendErrors, ...sessionErrors],
  handle: (ctx) => ctx.ops.sendReauthSmsCode(ctx.accessToken),
};
