/**
 * Passkeys (WebAuthn): adding, listing, renaming and removing one's own (/passkeys/*), signing
 * in with one and no password (/sign-in/passkey/*), and the options for the passkey step of a
 * two-step sign-in and of a reauthentication (the assertion itself then goes to
 * /mfa/verify or /reauthenticate with `method: 'passkey'`).
 */
import { z } from 'zod';
import { isMfaChallenge } from '../../services/mfa/pending-sign-in.js';
import type { RegisterPasskeyInput } from '../../services/passkeys/register-passkey.js';
import type { PasskeySignInInput } from '../../services/passkeys/sign-in-with-passkey.js';
import type { Route } from '../route.js';
import { apiSchemas, signInResult, success } from '../schemas.js';
import { accessResponse, tokenResponse } from './token-response.js';
import { factorAddedView } from './totp.js';

const sessionErrors = ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'SESSION_NOT_FOUND'];
const isoTime = z.string().meta({ format: 'date-time' });

/** The browser's answer as `PublicKeyCredential.toJSON()` gives it; checked in full by the service. */
const credentialJson = z.record(z.string(), z.unknown()).meta({ description: 'PublicKeyCredential JSON' });

const creationOptions = z.record(z.string(), z.unknown()).register(apiSchemas, {
  id: 'PasskeyCreationOptions',
  description:
    'PublicKeyCredentialCreationOptions as JSON: pass to PublicKeyCredential.parseCreationOptionsFromJSON, then navigator.credentials.create',
});

const requestOptions = z.record(z.string(), z.unknown()).register(apiSchemas, {
  id: 'PasskeyRequestOptions',
  description:
    'PublicKeyCredentialRequestOptions as JSON: pass to PublicKeyCredential.parseRequestOptionsFromJSON, then navigator.credentials.get',
});

const passkeyView = z
  .object({
    id: z.string().meta({ example: 'mfa_0190f2a81b3c7abc8123456789abcdef' }),
    name: z.string(),
    createdAt: isoTime,
    lastUsedAt: isoTime.nullable(),
    backedUp: z.boolean().meta({ description: 'Synced to a backup: it survives losing the device' }),
    transports: z.array(z.string()),
  })
  .register(apiSchemas, { id: 'Passkey' });

const name = z.string().max(64);

export const passkeyRegistrationOptionsRoute: Route = {
  method: 'POST',
  path: '/passkeys/register/options',
  operationId: 'passkeyRegistrationOptions',
  summary: 'Start adding a passkey: options for navigator.credentials.create (recent sign-in needed)',
  tag: 'Passkeys',
  auth: true,
  status: 200,
  response: creationOptions,
  errors: ['IMPERSONATION_RESTRICTED', ...sessionErrors, 'REAUTH_REQUIRED'],
  handle: (ctx) => ctx.ops.passkeyRegistrationOptions(ctx.accessToken),
};

export const registerPasskeyRoute: Route = {
  method: 'POST',
  path: '/passkeys/register',
  operationId: 'registerPasskey',
  summary: "Add the passkey from the browser's answer; the session becomes aal2",
  tag: 'Passkeys',
  auth: true,
  body: z
    .strictObject({ response: credentialJson, name: name.optional() })
    .register(apiSchemas, { id: 'RegisterPasskeyRequest' }),
  status: 200,
  response: factorAddedView.extend({ passkey: passkeyView }).register(apiSchemas, { id: 'PasskeyAdded' }),
  errors: [
    'IMPERSONATION_RESTRICTED',
    'VALIDATION_ERROR',
    'PASSKEY_REJECTED',
    ...sessionErrors,
    'REAUTH_REQUIRED',
  ],
  async handle(ctx) {
    const result = await ctx.ops.registerPasskey(
      ctx.accessToken,
      ctx.body as RegisterPasskeyInput,
      ctx.client,
    );
    return accessResponse(ctx, result);
  },
};

export const listPasskeysRoute: Route = {
  method: 'GET',
  path: '/passkeys',
  operationId: 'listPasskeys',
  summary: "The caller's passkeys (never a key)",
  tag: 'Passkeys',
  auth: true,
  status: 200,
  response: z.object({ passkeys: z.array(passkeyView) }).register(apiSchemas, { id: 'PasskeyList' }),
  errors: sessionErrors,
  handle: async (ctx) => ({ passkeys: await ctx.ops.listPasskeys(ctx.accessToken) }),
};

export const renamePasskeyRoute: Route = {
  method: 'PATCH',
  path: '/passkeys/:id',
  operationId: 'renamePasskey',
  summary: 'Rename one of your passkeys',
  tag: 'Passkeys',
  auth: true,
  body: z.strictObject({ name }).register(apiSchemas, { id: 'RenamePasskeyRequest' }),
  status: 200,
  response: passkeyView,
  errors: ['IMPERSONATION_RESTRICTED', 'VALIDATION_ERROR', 'NOT_FOUND', ...sessionErrors],
  handle: (ctx) =>
    ctx.ops.renamePasskey(ctx.accessToken, ctx.params.id ?? '', (ctx.body as { name: string }).name),
};

export const deletePasskeyRoute: Route = {
  method: 'DELETE',
  path: '/passkeys/:id',
  operationId: 'deletePasskey',
  summary: 'Remove one of your passkeys (recent sign-in needed)',
  tag: 'Passkeys',
  auth: true,
  status: 200,
  response: success,
  errors: ['IMPERSONATION_RESTRICTED', 'NOT_FOUND', ...sessionErrors, 'REAUTH_REQUIRED'],
  async handle(ctx) {
    await ctx.ops.deletePasskey(ctx.accessToken, ctx.params.id ?? '', ctx.client);
    return { success: true };
  },
};

export const passkeySignInOptionsRoute: Route = {
  method: 'POST',
  path: '/sign-in/passkey/options',
  operationId: 'passkeySignInOptions',
  limited: true,
  summary: 'Start a sign-in with a passkey and no password: options for navigator.credentials.get',
  tag: 'Passkeys',
  status: 200,
  response: requestOptions,
  errors: ['RATE_LIMITED'],
  handle: (ctx) => ctx.ops.passkeySignInOptions(),
};

export const signInWithPasskeyRoute: Route = {
  method: 'POST',
  path: '/sign-in/passkey',
  operationId: 'signInWithPasskey',
  limited: true,
  summary:
    'Sign in with a passkey and no password (a session, or an MFA challenge without user verification)',
  tag: 'Passkeys',
  body: z.strictObject({ response: credentialJson }).register(apiSchemas, { id: 'PasskeySignInRequest' }),
  status: 200,
  response: signInResult,
  errors: ['VALIDATION_ERROR', 'INVALID_CREDENTIALS', 'USER_SUSPENDED', 'EMAIL_NOT_VERIFIED', 'RATE_LIMITED'],
  async handle(ctx) {
    const result = await ctx.ops.signInWithPasskey(ctx.body as PasskeySignInInput, ctx.client);
    // A second factor is due: the challenge goes back as it is — no cookie, no token.
    return isMfaChallenge(result) ? result : tokenResponse(ctx, result);
  },
};

export const passkeyMfaOptionsRoute: Route = {
  method: 'POST',
  path: '/mfa/passkey/options',
  operationId: 'passkeyMfaOptions',
  limited: true,
  summary: 'Options for finishing a sign-in with a passkey (send the assertion to /mfa/verify)',
  tag: 'Second factors',
  body: z
    .strictObject({ mfaToken: z.string().max(128) })
    .register(apiSchemas, { id: 'PasskeyMfaOptionsRequest' }),
  status: 200,
  response: requestOptions,
  errors: ['VALIDATION_ERROR', 'INVALID_MFA_TOKEN', 'MFA_METHOD_UNAVAILABLE', 'RATE_LIMITED'],
  handle: (ctx) => ctx.ops.passkeyMfaOptions((ctx.body as { mfaToken: string }).mfaToken, ctx.client),
};

export const passkeyReauthOptionsRoute: Route = {
  method: 'POST',
  path: '/reauthenticate/passkey/options',
  operationId: 'passkeyReauthOptions',
  summary: 'Options for reauthenticating with a passkey (send the assertion to /reauthenticate)',
  tag: 'Second factors',
  auth: true,
  status: 200,
  response: requestOptions,
  errors: ['IMPERSONATION_RESTRICTED', 'MFA_METHOD_UNAVAILABLE', ...sessionErrors],
  handle: (ctx) => ctx.ops.passkeyReauthOptions(ctx.accessToken),
};
