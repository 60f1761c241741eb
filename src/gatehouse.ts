/**
 * The facade: builds and owns every collaborator of one instance from the dependencies it is
 * given (see `create-gatehouse.ts` for the defaults). Two instances share nothing.
 */
import { adminMethods } from './admin-methods.js';
import type { Clock } from './core/clock.js';
import type { ResolvedSettings } from './core/config.js';
import { GatehouseError } from './core/errors.js';
import type { EventType } from './core/events.js';
import type { Logger } from './core/logger.js';
import type { Random } from './core/random.js';
import { codeDigest } from './crypto/code-digest.js';
import { formTokens } from './crypto/form-token.js';
import { keySeal } from './crypto/key-seal.js';
import type { PasswordHasher } from './crypto/password-hasher.js';
import { refreshSuccessor } from './crypto/refresh-successor.js';
import type { Mailer } from './delivery/mailer.js';
import type { SmsSender } from './delivery/sms/sms-sender.js';
import type { IncomingRequest, Reply } from './http/exchange.js';
import { createHttpCore, type RequestContext } from './http/handler.js';
import { createAppDirectory } from './services/apps/app-directory.js';
import { createBackground } from './services/background.js';
import type { ServiceContext } from './services/context.js';
import { createEventBus, type EventHandler } from './services/events/event-bus.js';
import type { Hooks } from './services/events/hooks.js';
import { createIdTokenKeySets } from './services/id-tokens/key-sets.js';
import { createKeyring } from './services/keys/keyring.js';
import { rotateSigningKey } from './services/keys/rotate-signing-key.js';
import { unlimitedCounters } from './services/limits/limits.js';
import { createMailQueue } from './services/mail/mail-queue.js';
import { createOAuthProviders } from './services/oauth/provider-registry.js';
import { createOperations, type Operations } from './services/operations.js';
import type { OutboundFetch } from './services/outbound-fetch.js';
import { createOutboxSender, type OutboxSender } from './services/outbox/outbox-sender.js';
import { createAccessTokens } from './services/sessions/access-tokens.js';
import { createSmsQueue } from './services/sms/sms-queue.js';
import { createWebhookDeliverer } from './services/webhooks/deliver-webhook.js';
import { createWebhookQueue } from './services/webhooks/enqueue-webhooks.js';
import { checkMigrations } from './store/check-migrations.js';
import type { CounterStore } from './store/ports/counter-store.js';
import type { Store } from './store/ports/store.js';
import { redisCounterStore } from './store/redis/redis-counter-store.js';
import { homeRoute, PAGE_ASSETS, PAGE_ROUTES, refusalPage, SIGN_IN_PATH } from './ui/routes.js';

export interface GatehouseDependencies {
  readonly settings: ResolvedSettings;
  /** The store, or a promise of it (opening a database may be asynchronous). */
  readonly store: Store | Promise<Store>;
  /** Seals signing keys and queued mail at rest; may be resolved asynchronously (e.g. read from a file). */
  readonly secret: string | Promise<string>;
  /** Where the secret comes from (`GATEHOUSE_SECRET`, a file path…), named when it cannot open what it should. */
  readonly secretSource?: string;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  /** `apply` runs pending migrations at start; `check` refuses to start while any are pending. */
  readonly migrations: 'apply' | 'check';
  readonly hooks?: Hooks;
  /** Delivers the outbox's mail (SMTP, SES, the console…). */
  readonly mailer: Mailer;
  /** Delivers text messages (Twilio, SNS, the console…). */
  readonly smsSender: SmsSender;
  /** Calls outside providers (discovery, tokens, user APIs, ID-token keys); the global `fetch` by default. */
  readonly fetch?: OutboundFetch;
}

const HOUSEKEEPING_EVERY_MS = 3_600_000;

type Operation = Exclude<
  keyof Operations,
  'jwks' | 'ping' | 'limitRoute' | 'hashingSaturated' | 'appCorsOrigins' | 'formTokens'
>;

/** Makes a facade method: it runs the operation `name` once the instance has started. */
export type Call = <K extends Operation>(
  name: K,
) => (...args: Parameters<Operations[K]>) => Promise<Awaited<ReturnType<Operations[K]>>>;

/** One Gatehouse instance: a Web-standard `handler`, the operations as methods, and `close()`. */
export type Gatehouse = { [K in Operation]: Operations[K] } & {
  /** Serves the JSON API, the JWKS and health checks: mount it in any framework. */
  handler(request: Request, context?: RequestContext): Promise<Response>;
  /** The same, for adapters that describe the request without building a Web `Request` (faster on Node). */
  respond(request: IncomingRequest, context?: RequestContext): Promise<Reply>;
  /** Resolves once the database is migrated and keys are loaded; rejects with why it cannot start. */
  ready(): Promise<void>;
  /**
   * Resolves once the work requests left running after their answer (the lookups and mail behind
   * forgot-password, resend-verification, a pending sign-up) is done and the mail it queued has
   * been handed to the mail server (or rescheduled after a failure). For graceful shutdown in
   * short-lived runtimes, and for tests.
   */
  settled(): Promise<void>;
  /** The JSON Web Key Set that verifies this instance's access tokens. */
  jwks(): Promise<{ keys: Record<string, unknown>[] }>;
  /**
   * Calls `handler` after every event of `type` (`'*'` for all), best-effort: a failing handler
   * is logged and never breaks the operation. Returns a function that unsubscribes.
   */
  on<T extends EventType>(type: T | '*', handler: EventHandler<T>): () => void;
  /** Starts signing with a new key; old keys stay published until their tokens expire. */
  rotateSigningKey(): Promise<{ kid: string; purged: number }>;
  readonly settings: ResolvedSettings;
  readonly logger: Logger;
  /** Closes the database. Idempotent. */
  close(): Promise<void>;
};

export function createGatehouseWith(deps: GatehouseDependencies): Gatehouse {
  const { settings, clock, random, hasher, logger } = deps;
  const issuer = settings.issuer ?? settings.baseUrl ?? 'gatehouse';
  const events = createEventBus(clock, random, logger);
  const background = createBackground(logger);
  let sender: OutboxSender | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  let closeCounters: (() => Promise<void>) | undefined;

  async function openCounters(store: Store): Promise<CounterStore> {
    if (settings.rateLimits === 'off') {
      logger.warn(
        'RATE LIMITS AND ACCOUNT LOCKOUT ARE OFF (rateLimits: off). Use this for benchmarks and tests only: nothing stops password guessing or floods.',
      );
      return unlimitedCounters;
    }
    if (!settings.redisUrl) return store.counters;
    const redis = await redisCounterStore(settings.redisUrl, `${settings.tablePrefix}`);
    closeCounters = () => redis.close();
    return redis;
  }

  async function start() {
    // Configuration problems (a missing secret) are reported before connection problems.
    const [secret, opened] = await Promise.allSettled([deps.secret, deps.store]);
    if (opened.status === 'rejected') throw opened.reason;
    const store = opened.value;
    try {
      if (secret.status === 'rejected') throw secret.reason;
      await checkMigrations(store, deps.migrations, logger);
      const seal = keySeal(secret.value, random, {
        secretSource: deps.secretSource ?? 'the `secret` setting',
      });
      // An impersonation token (no refresh) may outlive an ordinary one: keys stay until both expire.
      const longestTokenTtl = Math.max(settings.accessTokenTtl, settings.admin.impersonationTtl);
      const keyring = createKeyring(store.signingKeys, seal, clock, longestTokenTtl * 1000);
      const apps = createAppDirectory(store.apps, clock);
      await keyring.start();
      const accessTokens = createAccessTokens(
        keyring,
        clock,
        issuer,
        settings.accessTokenTtl,
        async (id) => {
          const app = await apps.get(id);
          return app ? (app.audience ?? settings.audience) : null;
        },
        settings.admin.impersonationTtl,
      );
      const webhooks = createWebhookDeliverer({ webhooks: settings.webhooks, clock });
      sender = createOutboxSender({
        outbox: store.outbox,
        mailer: deps.mailer,
        webhooks,
        sms: deps.smsSender,
        clock,
        random,
        logger,
        seal: keySeal(secret.value, random, { purpose: 'outbox-seal' }),
      });
      events.record(store.audit, createWebhookQueue(sender, settings.webhooks, logger));
      sender.start();
      const mail = createMailQueue(sender, logger, settings.mailTemplatesDir, settings.pages.productName);
      const sms = createSmsQueue(deps.smsSender, settings.sms.outbox ? sender : null, logger);
      const hooks = deps.hooks ?? {};
      const counters = await openCounters(store);
      const ctx: ServiceContext = {
        store,
        hasher,
        clock,
        random,
        settings,
        keyring,
        accessTokens,
        issuer,
        events,
        hooks,
        mail,
        sms,
        counters,
        logger,
        refreshSuccessor: refreshSuccessor(secret.value),
        background,
        factorSeal: keySeal(secret.value, random, { purpose: 'factor-seal' }),
        codeDigest: codeDigest(secret.value),
        formTokens: formTokens(secret.value),
        oauth: createOAuthProviders(settings.oauth, clock, deps.fetch),
        idTokenKeys: createIdTokenKeySets({ clock, logger, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
        apps,
      };
      const operations = createOperations(ctx);
      purgeTimer = setInterval(() => {
        operations.housekeeping().catch((error: unknown) => {
          logger.error(
            { err: error instanceof Error ? error.message : String(error) },
            'housekeeping failed',
          );
        });
      }, HOUSEKEEPING_EVERY_MS);
      purgeTimer.unref();
      return { ctx, seal, operations };
    } catch (error) {
      await store.close().catch(() => {});
      throw error;
    }
  }

  const started = start();
  // Callers see the failure through ready() or the first call; it is logged once here, and an
  // unobserved rejection must not crash the process.
  started.catch((error: unknown) => {
    logger.error(
      { err: error instanceof Error ? error.message : String(error) },
      'Gatehouse could not start',
    );
  });
  const operations = started.then((s) => s.operations);
  operations.catch(() => {});
  // Over HTTP a failed start is the server's problem whatever its cause (a bad secret file is
  // not the client's fault): every route but liveness answers 503, /readyz included.
  const served = operations.catch((cause: unknown) => {
    throw new GatehouseError('UNAVAILABLE', 'The server could not start; its log says why', {}, { cause });
  });
  served.catch(() => {});
  const http = createHttpCore(served, settings, logger, {
    pages: PAGE_ROUTES,
    home: homeRoute,
    refusal: refusalPage,
    signInPath: SIGN_IN_PATH,
    assets: PAGE_ASSETS,
  });
  let closed: Promise<void> | undefined;

  const call =
    <K extends Operation>(name: K) =>
    async (...args: Parameters<Operations[K]>): Promise<Awaited<ReturnType<Operations[K]>>> => {
      const ops = await operations;
      return (ops[name] as (...a: unknown[]) => Promise<Awaited<ReturnType<Operations[K]>>>)(...args);
    };

  return {
    handler: http.handler,
    respond: http.respond,
    settings,
    logger,
    ready: async () => {
      await started;
    },
    settled: async () => {
      await started;
      await background.idle();
      await sender?.drain();
    },
    signUp: call('signUp'),
    signUpPendingVerification: call('signUpPendingVerification'),
    signIn: call('signIn'),
    signUpWithUsername: call('signUpWithUsername'),
    signInWithUsername: call('signInWithUsername'),
    verifyPassword: call('verifyPassword'),
    verifyMfa: call('verifyMfa'),
    reauthenticate: call('reauthenticate'),
    listFactors: call('listFactors'),
    enrollTotp: call('enrollTotp'),
    activateTotp: call('activateTotp'),
    removeTotp: call('removeTotp'),
    regenerateRecoveryCodes: call('regenerateRecoveryCodes'),
    startPhoneSetup: call('startPhoneSetup'),
    confirmPhone: call('confirmPhone'),
    removePhone: call('removePhone'),
    sendSignInSmsCode: call('sendSignInSmsCode'),
    sendReauthSmsCode: call('sendReauthSmsCode'),
    passkeyRegistrationOptions: call('passkeyRegistrationOptions'),
    registerPasskey: call('registerPasskey'),
    listPasskeys: call('listPasskeys'),
    renamePasskey: call('renamePasskey'),
    deletePasskey: call('deletePasskey'),
    listIdentities: call('listIdentities'),
    unlinkIdentity: call('unlinkIdentity'),
    signInWithIdToken: call('signInWithIdToken'),
    linkIdToken: call('linkIdToken'),
    passkeySignInOptions: call('passkeySignInOptions'),
    signInWithPasskey: call('signInWithPasskey'),
    requestMagicLink: call('requestMagicLink'),
    signInWithMagicLink: call('signInWithMagicLink'),
    requestEmailCode: call('requestEmailCode'),
    signInWithEmailCode: call('signInWithEmailCode'),
    passkeyMfaOptions: call('passkeyMfaOptions'),
    passkeyReauthOptions: call('passkeyReauthOptions'),
    refresh: call('refresh'),
    revokeRefreshToken: call('revokeRefreshToken'),
    signOut: call('signOut'),
    getSession: call('getSession'),
    verifyAccessToken: call('verifyAccessToken'),
    listSessions: call('listSessions'),
    revokeSession: call('revokeSession'),
    jwks: async () => (await operations).jwks(),
    on: events.on,
    verifyEmail: call('verifyEmail'),
    changePassword: call('changePassword'),
    setPassword: call('setPassword'),
    requestPasswordReset: call('requestPasswordReset'),
    resetPassword: call('resetPassword'),
    resendVerification: call('resendVerification'),
    requestEmailChange: call('requestEmailChange'),
    confirmEmailChange: call('confirmEmailChange'),
    cancelEmailChange: call('cancelEmailChange'),
    getMe: call('getMe'),
    updateProfile: call('updateProfile'),
    deleteAccount: call('deleteAccount'),
    exportData: call('exportData'),
    startOAuth: call('startOAuth'),
    handleOAuthCallback: call('handleOAuthCallback'),
    exchangeOAuthCode: call('exchangeOAuthCode'),
    resumeOAuthMfa: call('resumeOAuthMfa'),
    createPat: call('createPat'),
    listPats: call('listPats'),
    revokePat: call('revokePat'),
    revokeAllPats: call('revokeAllPats'),
    verifyPat: call('verifyPat'),
    resolveCaller: call('resolveCaller'),
    authorize: call('authorize'),
    can: call('can'),
    createApp: call('createApp'),
    updateApp: call('updateApp'),
    rotateAppSecret: call('rotateAppSecret'),
    listApps: call('listApps'),
    getApp: call('getApp'),
    createRole: call('createRole'),
    listRoles: call('listRoles'),
    updateRole: call('updateRole'),
    deleteRole: call('deleteRole'),
    grantRole: call('grantRole'),
    revokeRole: call('revokeRole'),
    setRoles: call('setRoles'),
    setMemberPermissions: call('setMemberPermissions'),
    setPlan: call('setPlan'),
    addMember: call('addMember'),
    removeMember: call('removeMember'),
    listMembers: call('listMembers'),
    listMyApps: call('listMyApps'),
    permissionsOf: call('permissionsOf'),
    createInvitation: call('createInvitation'),
    listInvitations: call('listInvitations'),
    revokeInvitation: call('revokeInvitation'),
    acceptInvitation: call('acceptInvitation'),
    ...adminMethods(call),
    rotateSigningKey: async () => {
      const { ctx, seal } = await started;
      return rotateSigningKey(ctx, seal);
    },
    close() {
      closed ??= (async () => {
        // Let a start still in progress settle first, so it never runs on a closed database.
        await started.catch(() => {});
        // Work after an answer (a reset lookup, say) finishes before the database closes.
        await background.idle();
        clearInterval(purgeTimer);
        await closeCounters?.();
        await sender?.stop();
        await deps.mailer.close?.();
        await deps.smsSender.close?.();
        await hasher.close?.();
        const store = await Promise.resolve(deps.store).catch(() => undefined);
        await store?.close();
      })();
      return closed;
    },
  } as Gatehouse;
}
