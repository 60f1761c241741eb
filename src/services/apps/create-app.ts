/**
 * Operators: registers an app. It starts active, with the built-in roles (`admin`, `member`,
 * `guest`) and a secret that is returned here once and stored only as its SHA-256. Its token
 * audience defaults to its own id and must differ from every other app's (409
 * `AUDIENCE_TAKEN`): a token for one app must never verify at another. Emits `app.created`.
 *
 * @example
 * const { app, secret } = await gatehouse.createApp({ name: 'Billing', signUp: 'invite_only' });
 */
import { z } from 'zod';
import { type App, BUILT_IN_ROLES, DEFAULT_PLANS, type Plan, type SignInMethod } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { type AppId, newId } from '../../core/ids.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { ServiceContext } from '../context.js';
import { appFields, invalidField, readInput } from './app-fields.js';
import { type AppView, appView } from './app-view.js';
import { audienceOf } from './resolve-app.js';

export const newAppSchema = z.strictObject({
  name: appFields.name,
  signInMethods: appFields.signInMethods.optional(),
  redirectUrls: appFields.redirectUrls.optional(),
  corsOrigins: appFields.corsOrigins.optional(),
  audience: appFields.audience.optional(),
  defaultRole: appFields.defaultRole.optional(),
  defaultPlan: appFields.defaultPlan.optional(),
  signUp: appFields.signUp.optional(),
  plans: appFields.plans.optional(),
});

export type NewApp = z.input<typeof newAppSchema>;

/** A new app and its secret: keep the secret now, it is never shown again. */
export interface CreatedApp {
  readonly app: AppView;
  readonly secret: string;
}

export async function createApp(ctx: ServiceContext, input: NewApp): Promise<CreatedApp> {
  const fields = readInput(newAppSchema, input, 'app');
  const plans: readonly Plan[] = fields.plans ?? DEFAULT_PLANS;
  const app: App = {
    id: newId('app', ctx.clock.now(), ctx.random),
    name: fields.name,
    status: 'active',
    secretHash: null,
    signInMethods: (fields.signInMethods ?? null) as SignInMethod[] | null,
    redirectUrls: fields.redirectUrls ?? [],
    corsOrigins: fields.corsOrigins ?? [],
    audience: null,
    defaultRole: fields.defaultRole ?? 'member',
    defaultPlan: fields.defaultPlan ?? plans[0]!.name,
    signUp: fields.signUp ?? 'open',
    plans,
    createdAt: ctx.clock.now(),
    updatedAt: ctx.clock.now(),
  };
  checkDefaults(
    app,
    BUILT_IN_ROLES.map((r) => r.name),
  );
  const audience = fields.audience ?? app.id;
  await refuseTakenAudience(ctx, audience, app.id);
  const secret = newOpaqueToken<string>(ctx.random);
  const stored: App = { ...app, audience, secretHash: hashToken(secret) };
  try {
    await ctx.store.apps.create(stored, BUILT_IN_ROLES);
  } catch (error) {
    // Two apps created at once with one audience: the unique index lets one in.
    await refuseTakenAudience(ctx, audience, app.id);
    throw error;
  } finally {
    ctx.apps.invalidate();
  }
  await ctx.events.emit({ type: 'app.created', targetId: app.id, data: { appId: app.id, name: app.name } });
  return { app: appView(ctx, stored), secret };
}

/** The default role must be one of `roles`, the default plan one of the app's plans. */
export function checkDefaults(
  app: Pick<App, 'defaultRole' | 'defaultPlan' | 'plans'>,
  roles: readonly string[],
) {
  if (!app.plans.some((p) => p.name === app.defaultPlan)) {
    throw invalidField('app', 'defaultPlan', "must be one of the app's plans");
  }
  if (!roles.includes(app.defaultRole)) {
    throw invalidField('app', 'defaultRole', "must be one of the app's roles");
  }
}

/** 409 `AUDIENCE_TAKEN` when another app's tokens carry `audience`. */
export async function refuseTakenAudience(ctx: ServiceContext, audience: string, self: AppId): Promise<void> {
  const apps = await ctx.store.apps.list();
  if (apps.some((other) => other.id !== self && audienceOf(ctx, other) === audience)) {
    throw new GatehouseError('AUDIENCE_TAKEN', "Another app's access tokens already carry that audience");
  }
}
