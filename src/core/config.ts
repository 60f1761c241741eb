/**
 * The settings of one Gatehouse instance: one zod schema, used for programmatic options,
 * `GATEHOUSE_*` environment variables and `gatehouse.toml` alike. Durations are seconds.
 */
import { z } from 'zod';
import { federationSettings } from './federation-settings.js';
import { pagesSettings } from './pages-settings.js';

const seconds = (fallback: number) => z.number().int().positive().default(fallback);
const windowLimit = (max: number, window: number) =>
  z
    .strictObject({
      max: z.number().int().min(1),
      /** Seconds. */
      window: z.number().int().min(1).max(86_400),
    })
    .default({ max, window });

export const settingsSchema = z
  .strictObject({
    /** Public URL of this server, e.g. `https://auth.example.com`. The only source of link hosts. */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Where the JSON API is mounted. */
    basePath: z
      .string()
      .regex(/^\/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$/, 'must start with / and not end with /')
      .default('/auth'),
    /** Database URL: `sqlite:./gatehouse.db`, `sqlite::memory:`, `postgres://…` or `mysql://…`. */
    databaseUrl: z.string().min(1).default('sqlite:./gatehouse.db'),
    /**
     * Most connections this process holds to PostgreSQL or MySQL (not SQLite). Every process
     * holds up to this many: size it with the database's connection limit (docs/scaling.md).
     */
    databasePoolSize: z.number().int().min(1).max(1000).default(10),
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
    /**
     * Seconds during which a spent refresh token presented again (another tab refreshing at the
     * same moment) gets the same successor instead of ending the session. 0: every reuse ends it.
     */
    refreshReuseGrace: z.number().int().min(0).max(300).default(0),
    /** Names and scope of the browser cookies (the `__Host-`/`__Secure-` prefixes are added on https). */
    cookies: z
      .strictObject({
        accessName: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
          .default('gh_access'),
        refreshName: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
          .default('gh_refresh'),
        /** Share the cookies with subdomains (`example.com`); the access cookie then uses `__Secure-`. */
        domain: z
          .string()
          .regex(/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'a domain name such as example.com')
          .optional(),
        /** SameSite of the access cookie; the refresh cookie is `Strict` unless this is `none`. */
        sameSite: z.enum(['lax', 'strict', 'none']).default('lax'),
      })
      .prefault({}),
    /** 15 (NIST SP 800-63B-4 for a password as the only factor); as low as 8 when MFA is enforced. */
    passwordMinLength: z.number().int().min(8).max(256).default(15),
    argon2: z
      .strictObject({
        memoryCost: z.number().int().min(19456).default(19456),
        timeCost: z.number().int().min(2).default(2),
        parallelism: z.number().int().min(1).default(1),
      })
      .prefault({}),
    /** Largest accepted request body, in bytes. */
    bodyLimit: z
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(64 * 1024),
    /** Extra origins (besides `baseUrl`'s) allowed to make cookie-authenticated state changes. */
    trustedOrigins: z.array(z.url()).default([]),
    /**
     * How mail leaves: `console` prints it (the dev default), `smtp` uses `smtpUrl`, `ses` uses
     * AWS SESv2. Unset: `smtp` when `smtpUrl` is set, else `console`.
     */
    mailTransport: z.enum(['console', 'smtp', 'ses']).optional(),
    /** AWS SESv2 (with `mailTransport: 'ses'`); credentials come from the usual AWS environment. */
    ses: z
      .strictObject({
        region: z.string().min(1).optional(),
        /** Another endpoint (a VPC endpoint, a local stand-in). */
        endpoint: z.url({ protocol: /^https?$/ }).optional(),
        configurationSet: z.string().min(1).optional(),
      })
      .default({}),
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
    /** Lifetime of the link that confirms a new address, and of the old address's cancel link. */
    emailChangeTtl: seconds(24 * 3600),
    /** At most one verification mail per account in this many seconds (resend asks within it get 202, no mail). */
    verificationResendInterval: seconds(60),
    /** Mail the user when they sign in from a device (user agent) none of their sessions used before. */
    notifyNewDevice: z.boolean().default(true),
    /** `DELETE /auth/me`: `soft` deactivates and keeps the account restorable for `deletedRetentionDays`, `hard` removes it at once. */
    accountDeletion: z.enum(['soft', 'hard']).default('soft'),
    deletedRetentionDays: z.number().int().min(1).max(3650).default(30),
    /**
     * Housekeeping deletes records that no longer do anything once they are this many days old:
     * ended sessions and spent refresh tokens, delivered or given-up outbox rows, used or expired
     * links.
     */
    recordRetentionDays: z.number().int().min(1).max(3650).default(30),
    /** Audit events older than this many days are deleted by housekeeping. Unset: kept forever. */
    auditRetentionDays: z.number().int().min(1).max(36500).optional(),
    /** Largest `metadata` a user may store on their profile, in bytes of JSON. */
    profileMetadataLimit: z
      .number()
      .int()
      .min(2)
      .max(1024 * 1024)
      .default(8 * 1024),
    /** Where events are POSTed, signed with HMAC-SHA256 (see docs/events.md). */
    webhooks: z
      .array(
        z.strictObject({
          url: z.url({ protocol: /^https?$/ }),
          /** Shared secret for the signature (≥ 16 characters). */
          secret: z.string().min(16, 'must be at least 16 characters'),
          /** Event types to send (default: every type). */
          events: z.array(z.string().min(1)).optional(),
        }),
      )
      .default([]),
    /** Refuse sign-in (after a correct password) until the address is verified. */
    requireEmailVerified: z.boolean().default(false),
    /** `off` switches every rate limit and the lockout off — for benchmarks and tests only. */
    rateLimits: z.enum(['on', 'off']).default('on'),
    /** Sliding-window limits (see docs/security.md). Each is `max` requests per `window` seconds. */
    limits: z
      .strictObject({
        /** Requests to any limited (credential or mail) route from one client address (IPv6 grouped by /64). */
        ip: windowLimit(600, 60),
        /** Each credential route (sign-in, sign-up, reset, change…) from one client address. */
        credentialIp: windowLimit(30, 60),
        /** Mail-sending requests (forgot-password, resend-verification, change-email) per account identifier. */
        mailPerAccount: windowLimit(5, 3600),
        /**
         * Mails to one address that someone else asked for (a new address to confirm, "someone
         * tried to sign up with your address"), whoever asks: past it they are not sent.
         */
        mailPerRecipient: windowLimit(5, 3600),
      })
      .prefault({}),
    /** Consecutive password failures that lock an account, and the lock's back-off. */
    lockout: z
      .strictObject({
        threshold: z.number().int().min(1).max(100).default(10),
        /** First lock, in seconds; each further lock doubles it, up to `maxSeconds`. */
        baseSeconds: z.number().int().min(1).default(60),
        maxSeconds: z.number().int().min(1).default(3600),
      })
      .prefault({}),
    /** Proxies (IPs or CIDRs) whose `X-Forwarded-For` is believed. Empty: the socket address counts. */
    trustedProxies: z.array(z.string().min(1)).default([]),
    /** `redis://…`: keep rate-limit counters in Redis instead of the database. */
    redisUrl: z.url({ protocol: /^rediss?$/ }).optional(),
    /**
     * Firebase's modified-scrypt parameters ("Password Hash Parameters" in the Firebase console),
     * so users imported from Firebase sign in with their old password and are re-hashed to
     * Argon2id. `signerKey` is a secret: keep it in the env file, not in `gatehouse.toml`.
     */
    firebaseScrypt: z
      .strictObject({
        /** `base64_signer_key`. */
        signerKey: z.base64('must be base64').min(1),
        /** `base64_salt_separator`. */
        saltSeparator: z.base64('must be base64').default('Bw=='),
        /** `rounds`. */
        rounds: z.number().int().min(1).max(8).default(8),
        /** `mem_cost` (scrypt's N is 2^memCost). */
        memCost: z.number().int().min(1).max(14).default(14),
      })
      .optional(),
    /** Password hashes waiting beyond the ones running; more are refused with 503 at once. */
    hashQueueLimit: z.number().int().min(0).max(10_000).default(32),
    /** Check new passwords against Have I Been Pwned's k-anonymity range API. */
    breachedPasswords: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** The range API; the first five hex digits of the SHA-1 are appended. */
        url: z.url({ protocol: /^https?$/ }).default('https://api.pwnedpasswords.com/range/'),
        timeoutMs: z.number().int().min(100).max(30_000).default(2000),
        /** When the API cannot be reached: `open` accepts the password, `closed` refuses it. */
        onError: z.enum(['open', 'closed']).default('open'),
      })
      .prefault({}),
    /** Origins allowed to call the API from a browser (CORS). Never reflected beyond this list. */
    corsOrigins: z.array(z.url()).default([]),
    /**
     * The hosted pages (sign-in, sign-up, mailed links, the account pages) and the admin console,
     * and `GET /`. Turn them off to serve your own (docs/pages.md).
     */
    pages: pagesSettings,
    /** Second factors and the two-step sign-in (see docs/mfa.md). */
    mfa: z
      .strictObject({
        /** Lifetime of the pending `mfaToken` a correct password returns (at most 5 minutes). */
        pendingTtl: z.number().int().min(30).max(300).default(300),
        /** Wrong second-factor codes per account before a back-off (429 with Retry-After). */
        maxAttempts: z.number().int().min(1).max(100).default(5),
        /** First back-off in seconds; each further one doubles, up to `lockMaxSeconds`. */
        lockBaseSeconds: z.number().int().min(1).default(60),
        lockMaxSeconds: z.number().int().min(1).default(3600),
        /** Adding or removing a factor needs a sign-in (or reauthentication) at most this old. */
        reauthMaxAge: seconds(600),
        /** The issuer shown in authenticator apps; defaults to `pages.productName`. */
        totpIssuer: z.string().min(1).max(100).optional(),
        /** Mail a notice when this many unused recovery codes (or fewer) remain. */
        recoveryCodesLowAt: z.number().int().min(0).max(9).default(3),
      })
      .prefault({}),
    /** WebAuthn passkeys (see docs/passkeys.md). */
    passkeys: z
      .strictObject({
        /** The relying party id: a registrable domain; defaults to `baseUrl`'s host, else `localhost`. */
        rpId: z
          .string()
          .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, 'a lower-case host name such as example.com')
          .optional(),
        /** The name authenticators show; defaults to `pages.productName`. */
        rpName: z.string().min(1).max(100).optional(),
        /** Origins ceremonies may come from; defaults to `baseUrl`'s origin plus `trustedOrigins`. */
        origins: z.array(z.url({ protocol: /^https?$/ })).optional(),
        /** `required`: the authenticator must verify the user (PIN, biometrics); a passkey sign-in is then aal2. */
        userVerification: z.enum(['required', 'preferred']).default('required'),
        /** How long a ceremony's challenge stays usable. */
        challengeTtl: z.number().int().min(30).max(600).default(300),
      })
      .prefault({}),
    /** SMS codes: phone verification and SMS as a second factor (see docs/sms.md). */
    sms: z
      .strictObject({
        /**
         * `console` prints messages (development); `twilio` and `sns` send them. Unset: `console`,
         * and `gatehouse serve` warns when its base URL is https.
         */
        transport: z.enum(['console', 'twilio', 'sns']).optional(),
        /** Lifetime of a code, at most 10 minutes. */
        codeTtl: z.number().int().min(60).max(600).default(300),
        /** Wrong tries before a code is dead. */
        maxAttempts: z.number().int().min(1).max(10).default(5),
        /** Seconds before another code may be sent for the same purpose; a new code voids the old. */
        resendInterval: z.number().int().min(0).max(3600).default(30),
        /** Codes sent per account per hour. */
        perAccount: windowLimit(10, 3600),
        /** Queue messages in the outbox (sealed), so a provider outage delays a code instead of losing it. */
        outbox: z.boolean().default(true),
        twilio: z
          .strictObject({
            accountSid: z.string().min(1).optional(),
            authToken: z.string().min(1).optional(),
            /** The sending number (E.164), or use `messagingServiceSid`. */
            from: z.string().min(1).optional(),
            messagingServiceSid: z.string().min(1).optional(),
            /** Another API base (a local stand-in in tests). */
            baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
          })
          .prefault({}),
        sns: z
          .strictObject({
            region: z.string().min(1).optional(),
            endpoint: z.url({ protocol: /^https?$/ }).optional(),
            senderId: z.string().min(1).max(11).optional(),
          })
          .prefault({}),
      })
      .prefault({}),
    /**
     * Whether new accounts may be created (every sign-up route, and the first sign-in with a
     * provider, a magic link or an email code). Off: only existing accounts sign in.
     */
    openSignUp: z.boolean().default(true),
    /** Sign-up and sign-in with a username (see docs/usernames.md). */
    usernames: z
      .strictObject({
        /** Names nobody may take, compared after canonicalisation; replaces the built-in list. */
        reserved: z.array(z.string().min(1).max(64)).optional(),
      })
      .prefault({}),
    /** Sign-in by a link or a one-time code sent by mail (see docs/passwordless.md). */
    passwordless: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Lifetime of a magic link. */
        linkTtl: z.number().int().min(60).max(3600).default(900),
        /** Lifetime of an email code, at most 10 minutes. */
        codeTtl: z.number().int().min(60).max(600).default(600),
        /** Wrong tries before an email code is dead. */
        maxAttempts: z.number().int().min(1).max(5).default(5),
      })
      .prefault({}),
    /** Personal access tokens (see docs/tokens.md). */
    pats: z
      .strictObject({
        /** Live (not revoked, not expired) tokens one user may hold; creating more is 409. */
        maxPerUser: z.number().int().min(1).max(10_000).default(50),
        /**
         * Longest lifetime a new token may have, in days; a token created without `expiresAt`
         * then gets this one. Unset (null): tokens may live until revoked.
         */
        maxLifetimeDays: z.number().int().min(1).max(36_500).nullable().default(null),
      })
      .prefault({}),
    /** The admin API and the operators who use it (see docs/admin.md). */
    admin: z
      .strictObject({
        /**
         * Admin routes need a session that passed a second factor (aal2), and admin-scoped
         * personal access tokens can only be created from one. Turn off only where operators
         * sign in through something that already enforces it.
         */
        requireMfa: z.boolean().default(true),
        /** Sessions an operator starts as a user: lifetime in seconds (no refresh). */
        impersonationTtl: z.number().int().min(60).max(3600).default(900),
        /** Mail the user when an operator starts a session as them. */
        notifyImpersonatedUser: z.boolean().default(false),
      })
      .prefault({}),
    ...federationSettings,
    /** Log level for the server and the instance logger. */
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((settings, ctx) => {
    // Browsers drop `SameSite=None` cookies that are not Secure, and Secure needs https.
    if (settings.cookies.sameSite === 'none' && !settings.baseUrl?.startsWith('https:')) {
      ctx.addIssue({
        code: 'custom',
        path: ['cookies', 'sameSite'],
        message: '"none" needs an https baseUrl (browsers drop SameSite=None cookies that are not Secure)',
      });
    }
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
