/**
 * `gatehouse apps list|show|create|update|disable|enable`: the app operations of the admin API
 * (`listApps`, `getApp`, `createApp`, `updateApp`). A new app's secret is printed once, when it
 * is made, and never again.
 */
import { DEFAULT_APP_ID } from '../../core/apps.js';
import { isGatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { AppView } from '../../services/apps/app-view.js';
import type { AppPatch } from '../../services/apps/update-app.js';
import type { Command, OptionName, OptionValues } from './command.js';
import { withInstance } from './open-instance.js';
import { CliError, type Column, fields, print, printJson, table, usageError } from './output.js';

/** `default` and `console` name the two built-in apps; anything else is an app id. */
export function appIdOf(ref: string): string {
  if (ref === 'default') return DEFAULT_APP_ID;
  if (ref === 'console') return CONSOLE_APP_ID;
  return ref;
}

/** Runs an app operation, naming the app in an `APP_NOT_FOUND` refusal. */
export async function onApp<T>(ref: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'APP_NOT_FOUND') throw new CliError(`No such app ${ref}`);
    throw error;
  }
}

const APP_COLUMNS: readonly Column<AppView>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'name', value: (a) => a.name },
  { header: 'status', value: (a) => a.status },
  { header: 'sign-up', value: (a) => a.signUp },
  { header: 'default role', value: (a) => a.defaultRole },
  { header: 'audience', value: (a) => a.audience },
];

function describeApp(app: AppView): string {
  return fields([
    ['id', app.id],
    ['name', app.name],
    ['status', app.status],
    ['default app', app.isDefault ? 'yes' : 'no'],
    ['sign-up', app.signUp],
    ['sign-in methods', app.signInMethods?.join(', ') ?? 'every configured method'],
    ['redirect URLs', app.redirectUrls.join(', ')],
    ['CORS origins', app.corsOrigins.join(', ')],
    ['audience', app.audience],
    ['default role', app.defaultRole],
    ['plans', app.plans.map((p) => `${p.name}${p.paid ? ' (paid)' : ''}`).join(', ')],
    ['default plan', app.defaultPlan],
    ['secret', app.hasSecret ? 'set (shown only when made)' : 'none'],
    ['created', app.createdAt],
    ['updated', app.updatedAt],
  ]);
}

const FIELD_OPTIONS: readonly OptionName[] = [
  'name',
  'sign-up',
  'sign-in-method',
  'redirect-url',
  'cors-origin',
  'audience',
  'default-role',
  'default-plan',
];

/** The app fields the options give (only those given). */
function appFieldsOf(values: OptionValues) {
  return {
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values['sign-up'] !== undefined ? { signUp: values['sign-up'] as 'open' | 'invite_only' } : {}),
    ...(values['sign-in-method'] ? { signInMethods: values['sign-in-method'] } : {}),
    ...(values['redirect-url'] ? { redirectUrls: values['redirect-url'] } : {}),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
    ...(values.audience !== undefined ? { audience: values.audience } : {}),
    ...(values['default-role'] !== undefined ? { defaultRole: values['default-role'] } : {}),
    ...(values['default-plan'] !== undefined ? { defaultPlan: values['default-plan'] } : {}),
  };
}

function changeCommand(
  name: string,
  summary: string,
  patchOf: (values: OptionValues) => AppPatch,
  options: readonly OptionName[],
): Command {
  return {
    usage: `apps ${name} APP${options.length > 0 ? ' [--name NAME] [--sign-up open|invite_only] [--sign-in-method M]… [--redirect-url URL]… [--cors-origin ORIGIN]… [--audience AUD] [--default-role R] [--default-plan P] [--status active|disabled]' : ''}`,
    summary,
    options,
    args: 1,
    async run({ args, values, json, instance }) {
      const ref = args[0]!;
      const patch = patchOf(values);
      if (Object.keys(patch).length === 0)
        throw usageError(`apps ${name} needs at least one field to change`);
      return withInstance(instance, async (gatehouse) => {
        const app = await onApp(ref, () => gatehouse.updateApp(appIdOf(ref), patch));
        if (json) printJson({ app });
        else print(`Updated ${app.id} (${app.name}): status ${app.status}.`);
        return 0;
      });
    },
  };
}

export const APPS_COMMANDS: Record<string, Command> = {
  list: {
    usage: 'apps list',
    summary: 'List the apps, oldest first',
    options: [],
    args: 0,
    async run({ json, instance }) {
      return withInstance(instance, async (gatehouse) => {
        const apps = await gatehouse.listApps();
        if (json) printJson({ apps });
        else print(table(apps, APP_COLUMNS, '(no apps)'));
        return 0;
      });
    },
  },
  show: {
    usage: 'apps show APP',
    summary: 'One app: its fields and plans (APP is an id, or default / console)',
    options: [],
    args: 1,
    async run({ args, json, instance }) {
      const ref = args[0]!;
      return withInstance(instance, async (gatehouse) => {
        const app = await onApp(ref, () => gatehouse.getApp(appIdOf(ref)));
        if (json) printJson({ app });
        else print(describeApp(app));
        return 0;
      });
    },
  },
  create: {
    usage:
      'apps create --name NAME [--sign-up open|invite_only] [--sign-in-method M]… [--redirect-url URL]… [--cors-origin ORIGIN]… [--audience AUD] [--default-role R] [--default-plan P]',
    summary: 'Register an app; its secret is printed this once',
    options: FIELD_OPTIONS,
    args: 0,
    async run({ values, json, instance }) {
      if (values.name === undefined) throw usageError('apps create needs --name NAME');
      return withInstance(instance, async (gatehouse) => {
        const { app, secret } = await gatehouse.createApp({ ...appFieldsOf(values), name: values.name! });
        if (json) printJson({ app, secret });
        else {
          print(`Created ${app.id} (${app.name}).`);
          print(`App secret (shown only now; keep it in your app's secrets): ${secret}`);
        }
        return 0;
      });
    },
  },
  update: changeCommand(
    'update',
    "Change an app's fields (only those given)",
    (values) => {
      const status = values.status;
      if (status !== undefined && status !== 'active' && status !== 'disabled') {
        throw usageError('--status must be active or disabled');
      }
      return { ...appFieldsOf(values), ...(status ? { status } : {}) };
    },
    [...FIELD_OPTIONS, 'status'],
  ),
  disable: changeCommand(
    'disable',
    'Disable an app: its sessions end and sign-in there is refused',
    () => ({ status: 'disabled' }),
    [],
  ),
  enable: changeCommand('enable', 'Enable a disabled app again', () => ({ status: 'active' }), []),
};
