/**
 * Operators: changes an app's fields (only those given). Disabling an app ends every session at
 * it at once and refuses every sign-in, sign-up and refresh there (403 `APP_INACTIVE`); the
 * default app cannot be disabled, since every request that names no app belongs to it. The
 * default role must be one of the app's roles and the default plan one of its plans; the
 * audience must stay unique (409 `AUDIENCE_TAKEN`). The console app (whose members are the
 * operators) cannot be disabled either, and stays invite-only. Members on a plan removed from the
 * list keep its name, which then ranks below every plan until `setPlan` moves them. Emits
 * `app.updated` with the names of the fields that changed.
 *
 * @example
 * await gatehouse.updateApp(appId, { status: 'disabled' });
 */
import { z } from 'zod';
import { type App, DEFAULT_APP_ID } from '../../core/apps.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { AppChanges } from '../../store/ports/app-store.js';
import type { ServiceContext } from '../context.js';
import { appFields, invalidField, readInput } from './app-fields.js';
import { type AppView, appView } from './app-view.js';
import { checkDefaults, refuseTakenAudience } from './create-app.js';
import { findApp } from './get-app.js';
import { appNotFound, audienceOf } from './resolve-app.js';

export const appPatchSchema = z.strictObject({
  name: appFields.name.optional(),
  status: z.enum(['active', 'disabled']).optional(),
  signInMethods: appFields.signInMethods.optional(),
  redirectUrls: appFields.redirectUrls.optional(),
  corsOrigins: appFields.corsOrigins.optional(),
  audience: appFields.audience
    .nullable()
    .optional()
    .meta({ description: 'null (the default app only): the `audience` setting' }),
  defaultRole: appFields.defaultRole.optional(),
  defaultPlan: appFields.defaultPlan.optional(),
  signUp: appFields.signUp.optional(),
  plans: appFields.plans.optional(),
});

export type AppPatch = z.input<typeof appPatchSchema>;

const WHAT = 'app change';

export async function updateApp(ctx: ServiceContext, appId: string, patch: AppPatch): Promise<AppView> {
  const app = await findApp(ctx, appId);
  const fields = readInput(appPatchSchema, patch, WHAT);
  if (fields.status === 'disabled' && app.id === DEFAULT_APP_ID) {
    throw invalidField(WHAT, 'status', 'the default app cannot be disabled');
  }
  // Disabling the console would end every operator's session and lock them all out; opening it
  // would make anyone who signs in there an operator with its default role.
  if (fields.status === 'disabled' && app.id === CONSOLE_APP_ID) {
    throw invalidField(WHAT, 'status', 'the console app cannot be disabled');
  }
  if (fields.signUp === 'open' && app.id === CONSOLE_APP_ID) {
    throw invalidField(WHAT, 'signUp', 'the console app is invite-only');
  }
  if (fields.audience === null && app.id !== DEFAULT_APP_ID) {
    throw invalidField(WHAT, 'audience', 'only the default app may fall back to the audience setting');
  }
  const changes = changedFields(app, fields as AppChanges);
  const names = Object.keys(changes);
  if (names.length === 0) return appView(ctx, app);
  const next: App = { ...app, ...changes };
  if ('defaultRole' in changes || 'defaultPlan' in changes || 'plans' in changes) {
    const roles = await ctx.store.roles.list(app.id);
    checkDefaults(
      next,
      roles.map((r) => r.name),
    );
  }
  if ('audience' in changes) await refuseTakenAudience(ctx, audienceOf(ctx, next), app.id);
  const now = ctx.clock.now();
  let updated: App | null;
  try {
    updated = await ctx.store.apps.update(app.id, changes, now);
  } catch (error) {
    if ('audience' in changes) await refuseTakenAudience(ctx, audienceOf(ctx, next), app.id);
    throw error;
  } finally {
    ctx.apps.invalidate();
  }
  if (!updated) throw appNotFound();
  let sessionsEnded: number | undefined;
  if (changes.status === 'disabled') {
    sessionsEnded = await ctx.store.sessions.revokeAllInApp(app.id, null, now, 'app_disabled');
  }
  await ctx.events.emit({
    type: 'app.updated',
    targetId: app.id,
    data: {
      appId: app.id,
      fields: names.sort().join(','),
      ...(sessionsEnded === undefined ? {} : { sessionsEnded }),
    },
  });
  return appView(ctx, updated);
}

/** The fields of `patch` whose value differs from the app's. */
function changedFields(app: App, patch: AppChanges): AppChanges {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(app[key as keyof App])) changes[key] = value;
  }
  return changes as AppChanges;
}
