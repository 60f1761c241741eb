/**
 * The request and response shapes of the JSON API: validation at the edge and the OpenAPI
 * document both come from these schemas. Unknown fields are refused.
 */
import { z } from 'zod';

/** The named schemas of the API (a private registry: an app's own zod schemas stay out). */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

export const signUpBody = z
  .strictObject({
    email: z.string().max(1024).meta({ example: 'ada@example.com' }),
    password: z.string().meta({
      description: 'passwordMinLength (15 by default) to 256 characters; common passwords are refused',
    }),
    name: z.string().max(1024).nullish(),
  })
  .register(apiSchemas, { id: 'SignUpRequest' });

export const signInBody = z
  .strictObject({ email: z.string().max(1024), password: z.string() })
  .register(apiSchemas, { id: 'SignInRequest' });

const username = z.string().max(256).meta({
  example: 'ada_l',
  description:
    '3 to 32 characters from a-z, 0-9, "_", "." and "-" once trimmed, NFKC-normalised and lower-cased (docs/usernames.md)',
});

export const usernameSignUpBody = z
  .strictObject({
    username,
    password: z.string().meta({
      description: 'passwordMinLength (15 by default) to 256 characters; common passwords are refused',
    }),
    name: z.string().max(1024).nullish(),
    email: z.string().max(1024).nullish().meta({
      example: 'ada@example.com',
      description: 'Optional; required with requireEmailVerified. An empty string is the same as none',
    }),
  })
  .register(apiSchemas, { id: 'UsernameSignUpRequest' });

export const usernameSignInBody = z
  .strictObject({
    username,
    password: z.string(),
    sessionTtl: z.number().int().optional().meta({
      description: 'A shorter session, in seconds: 60 up to sessionAbsoluteTtl (the default)',
    }),
  })
  .register(apiSchemas, { id: 'UsernameSignInRequest' });

export const refreshBody = z.strictObject({ refreshToken: z.string().max(1024) }).register(apiSchemas, {
  id: 'RefreshRequest',
  description: 'Omit the body when the refresh token is in its cookie',
});

const isoTime = z.string().meta({ format: 'date-time' });

export const userView = z
  .object({
    id: z.string().meta({ example: 'usr_0190f2a81b3c7abc8123456789abcdef' }),
    email: z.string().nullable().meta({ description: 'null for an account with only a username' }),
    username: z.string().nullable(),
    emailVerified: z.boolean(),
    name: z.string().nullable(),
    status: z.enum(['active', 'suspended', 'revoked', 'deleted']),
    createdAt: isoTime,
  })
  .register(apiSchemas, { id: 'User' });

export const sessionView = z
  .object({
    id: z.string(),
    expiresAt: isoTime,
    createdAt: isoTime,
    amr: z.array(z.enum(['pwd', 'otp', 'hwk', 'sms', 'rc', 'user', 'fed', 'email'])).meta({
      description: 'How the user signed in (RFC 8176; `rc` a recovery code)',
    }),
    aal: z.enum(['aal1', 'aal2']).meta({ description: '`aal2` once a second factor passed' }),
    authenticatedAt: isoTime.meta({ description: 'Last sign-in or reauthentication' }),
    appId: z.string().meta({ description: 'The app the session signed in to; its tokens work only there' }),
    impersonatorId: z.string().optional().meta({
      description: 'The operator who started this session as the user (impersonation); absent otherwise',
    }),
  })
  .register(apiSchemas, { id: 'Session' });

export const authResult = z
  .object({
    user: userView,
    session: sessionView,
    accessToken: z.string().optional().meta({ description: 'Absent when cookies carry the tokens' }),
    refreshToken: z.string().optional().meta({ description: 'Absent when cookies carry the tokens' }),
    expiresIn: z.number().int().meta({ description: 'Access-token lifetime in seconds' }),
  })
  .register(apiSchemas, { id: 'AuthResult' });

export const mfaChallenge = z
  .object({
    mfaRequired: z.literal(true),
    mfaToken: z.string().meta({ description: 'Single-use, ≤ 5 minutes; send it to POST /auth/mfa/verify' }),
    methods: z.array(z.enum(['totp', 'passkey', 'sms', 'recovery_code'])),
    expiresIn: z.number().int(),
  })
  .register(apiSchemas, { id: 'MfaChallenge' });

export const signInResult = z.union([authResult, mfaChallenge]);

export const magicLinkRequestBody = z
  .strictObject({ email: z.string().max(1024).meta({ example: 'ada@example.com' }) })
  .register(apiSchemas, { id: 'MagicLinkRequest' });

export const magicLinkSignInBody = z
  .strictObject({
    token: z.string().max(1024).meta({ description: 'The `token` query parameter of the mailed link' }),
  })
  .register(apiSchemas, { id: 'MagicLinkSignInRequest' });

export const emailCodeRequestBody = z
  .strictObject({ email: z.string().max(1024).meta({ example: 'ada@example.com' }) })
  .register(apiSchemas, { id: 'EmailCodeRequest' });

export const emailCodeSignInBody = z
  .strictObject({
    email: z.string().max(1024).meta({ example: 'ada@example.com' }),
    code: z.string().max(16).meta({ example: '048213', description: 'The 6 digits from the mail' }),
  })
  .register(apiSchemas, { id: 'EmailCodeSignInRequest' });

export const sessionInfo = z
  .object({ user: userView, session: sessionView })
  .register(apiSchemas, { id: 'SessionInfo' });

export const sessionList = z
  .object({
    sessions: z.array(
      sessionView.extend({
        lastUsedAt: isoTime,
        ip: z.string().nullable(),
        userAgent: z.string().nullable(),
        device: z.string(),
        current: z.boolean(),
      }),
    ),
  })
  .register(apiSchemas, { id: 'SessionList' });

export const accepted = z.object({ accepted: z.literal(true) }).register(apiSchemas, { id: 'Accepted' });

export const success = z.object({ success: z.literal(true) }).register(apiSchemas, { id: 'Success' });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'INVALID_CREDENTIALS' }),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .register(apiSchemas, { id: 'Error' });

export const jwks = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .register(apiSchemas, { id: 'JWKS' });
export const health = z.object({ status: z.string() }).register(apiSchemas, { id: 'Health' });
