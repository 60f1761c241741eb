/**
 * The settings of one Gatehouse instance: one zod schema, used for programmatic options,
 * `GATEHOUSE_*` environment variables and `gatehouse.toml` alike. Durations are seconds.
 */
import { z } from 'zod';

const seconds = (fallback: number) => z.number().int().positive().default(fallback);

export const settingsSchema = z.strictObject({
  /** Public URL of this server, e.g. `https://auth.example.com`. The only source of link hosts. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the JSON API is mounted. */
  basePath: z
    .string()
    .regex(/^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/, 'must start with / and not end with /')
    .default('/auth'),
  /** Database URL: `sqlite:./gatehouse.db`, `sqlite::memory:` or `postgres://…`. */
  databaseUrl: z.string().min(1).default('sqlite:./gatehouse.db'),
  /** Prefix for every table name. */
  tablePrefix: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and _ only')
    .default('gh_'),
  /** Secret that seals private signing keys at rest (≥ 32 characters). */
  secret: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `iss` of access tokens; defaults to `baseUrl`, else `gatehouse`. */
  issuer: z.string().min(1).optional(),
  /** `aud` of access tokens. */
  audience: z.string().min(1).default('gatehouse'),
  accessTokenTtl: seconds(15 * 60),
  sessionIdleTtl: seconds(14 * 24 * 3600),
  sessionAbsoluteTtl: seconds(60 * 24 * 3600),
  passwordMinLength: z.number().int().min(8).max(256).default(8),
  argon2: z
    .strictObject({
      memoryCost: z.number().int().min(19456).default(19456),
      timeCost: z.number().int().min(2).default(2),
      parallelism: z.number().int().min(1).default(1),
    })
    .default({ memoryCost: 19456, timeCost: 2, parallelism: 1 }),
  /** Largest accepted request body, in bytes. */
  bodyLimit: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  /** Extra origins (besides `baseUrl`'s) allowed to make cookie-authenticated state changes. */
  trustedOrigins: z.array(z.url()).default([]),
  /** `smtp://user:pass@host:port`; setting it selects SMTP delivery (otherwise mail is printed). */
  smtpUrl: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The From of every mail. */
  mailFrom: z.string().min(3).default('Gatehouse <no-reply@localhost>'),
  /** A directory whose templates replace the shipped ones (same file names). */
  mailTemplatesDir: z.string().min(1).optional(),
  /** Lifetime of an email-verification link. */
  emailVerificationTtl: seconds(24 * 3600),
  /** Lifetime of a password-reset link. */
  passwordResetTtl: seconds(3600),
  /** Refuse sign-in (after a correct password) until the address is verified. */
  requireEmailVerified: z.boolean().default(false),
  /** Log level for the server and the instance logger. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Settings as given (everything optional). */
export type Settings = z.input<typeof settingsSchema>;
/** Settings after validation and defaults. */
export type ResolvedSettings = z.output<typeof settingsSchema>;

/** Validates settings; the error lists each bad key and what is wrong with it. */
export function resolveSettings(input: unknown): ResolvedSettings {
  const parsed = settingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new SettingsError(
    `Invalid settings:\n${lines.join('\n')}`,
    parsed.error.issues.map((i) => i.path.join('.')),
  );
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    message: string,
    readonly keys: string[],
  ) {
    super(message);
  }
}
