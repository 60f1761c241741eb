/**
 * An app as operators and the API see it: every registry field but the secret's hash (only
 * whether there is a secret), the effective token audience, and times in ISO 8601.
 */
import { type App, type AppSignUp, type AppStatus, DEFAULT_APP_ID, type Plan } from '../../core/apps.js';
import type { AppId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { audienceOf } from './resolve-app.js';

export interface AppView {
  readonly id: AppId;
  readonly name: string;
  /** The app every request belongs to when it names none; it cannot be disabled. */
  readonly isDefault: boolean;
  readonly status: AppStatus;
  /** null: every method the instance has configured. */
  readonly signInMethods: readonly string[] | null;
  readonly redirectUrls: readonly string[];
  readonly corsOrigins: readonly string[];
  /** `aud` of the app's access tokens (the default app's is the `audience` setting unless set). */
  readonly audience: string;
  readonly defaultRole: string;
  readonly defaultPlan: string;
  readonly signUp: AppSignUp;
  /** Lowest first. */
  readonly plans: readonly Plan[];
  /** Whether the app has a secret; the secret itself is shown once, when made. */
  readonly hasSecret: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function appView(ctx: ServiceContext, app: App): AppView {
  return {
    id: app.id,
    name: app.name,
    isDefault: app.id === DEFAULT_APP_ID,
    status: app.status,
    signInMethods: app.signInMethods,
    redirectUrls: app.redirectUrls,
    corsOrigins: app.corsOrigins,
    audience: audienceOf(ctx, app),
    defaultRole: app.defaultRole,
    defaultPlan: app.defaultPlan,
    signUp: app.signUp,
    plans: app.plans,
    hasSecret: app.secretHash !== null,
    createdAt: new Date(app.createdAt).toISOString(),
    updatedAt: new Date(app.updatedAt).toISOString(),
  };
}
