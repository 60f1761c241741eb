/** Authenticator apps (TOTP) and recovery codes: /mfa/totp/*, /mfa/recovery-codes. */
import { z } from 'zod';
import type { FactorAdded } from '../../services/mfa/factor-changes.js';
import type { Route } from '../route.js';
import { apiSchemas, sessionView, success } from '../schemas.js';
import { accessResponse } from './token-response.js';

const sessionErrors = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND', 'REAUTH_REQUIRED'];

const enrolment = z
  .object({
    secret: z.string().meta({ description: 'Base32; shown this once' }),
    otpauthUri: z.string(),
    qrCodeSvg: z.string().meta({ description: 'The otpauth URI as a QR code (SVG document)' }),
  })
  .register(apiSchemas, { id: 'TotpEnrolment' });

const recoveryCodes = z.array(z.string()).meta({ description: 'Shown this once; each works once' });

export const factorAddedView = z
  .object({
    session: sessionView,
    accessToken: z.string().optional().meta({ description: 'Absent when cookies carry the tokens' }),
    expiresIn: z.number().int(),
    recoveryCodes: recoveryCodes.optional().meta({ description: 'Only when the user had no unused codes' }),
  })
  .register(apiSchemas, { id: 'FactorAdded' });

export const enrollTotpRoute: Route = {
  method: 'POST',
  path: '/mfa/totp/enroll',
  operationId: 'enrollTotp',
  summary:
    'Start adding an authenticator app: a new secret, its otpauth URI and QR code (recent sign-in needed)',
  tag: 'Second factors',
  auth: true,
  status: 200,
  response: enrolment,
  errors: ['IMPERSONATION_RESTRICTED', 'FACTOR_EXISTS', ...sessionErrors],
  handle: (ctx) => ctx.ops.enrollTotp(ctx.accessToken),
};

export const activateTotpRoute: Route = {
  method: 'POST',
  path: '/mfa/totp/activate',
  operationId: 'activateTotp',
  limited: true,
  summary: 'Turn the authenticator app on with its first code; the session becomes aal2',
  tag: 'Second factors',
  auth: true,
  body: z.strictObject({ code: z.string().max(16) }).register(apiSchemas, { id: 'ActivateTotpRequest' }),
  status: 200,
  response: factorAddedView,
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'INVALID_CODE',
    'FACTOR_EXISTS',
    'NOT_FOUND',
    'RATE_LIMITED',
    ...sessionErrors,
  ],
  async handle(ctx) {
    const { code } = ctx.body as { code: string };
    const result: FactorAdded = await ctx.ops.activateTotp(ctx.accessToken, code, ctx.client);
    return accessResponse(ctx, result);
  },
};

export const removeTotpRoute: Route = {
  method: 'DELETE',
  path: '/mfa/totp',
  operationId: 'removeTotp',
  summary: 'Remove the authenticator app (recent sign-in needed)',
  tag: 'Second factors',
  auth: true,
  status: 200,
  response: success,
  errors: ['IMPERSONATION_RESTRICTED', 'NOT_FOUND', ...sessionErrors],
  async handle(ctx) {
    await ctx.ops.removeTotp(ctx.accessToken, ctx.client);
    return { success: true };
  },
};

export const regenerateRecoveryCodesRoute: Route = {
  method: 'POST',
  path: '/mfa/recovery-codes',
  operationId: 'regenerateRecoveryCodes',
  summary: 'A new set of recovery codes; the old set stops working (recent sign-in needed)',
  tag: 'Second factors',
  auth: true,
  status: 200,
  response: z.object({ recoveryCodes }).register(apiSchemas, { id: 'RecoveryCodes' }),
  errors: ['IMPERSONATION_RESTRICTED', 'MFA_NOT_ENABLED', ...sessionErrors],
  handle: (ctx) => ctx.ops.regenerateRecoveryCodes(ctx.accessToken, ctx.client),
};
