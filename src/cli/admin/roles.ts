/**
 * `gatehouse roles list|create|delete --app APP`: an app's roles through the admin API's role
 * operations (`listRoles`, `createRole`, `deleteRole`). Built-in roles cannot be deleted, nor a
 * role members still hold (`ROLE_IN_USE`).
 */
import { isGatehouseError } from '../../core/errors.js';
import type { RoleView } from '../../services/roles/role-view.js';
import { appIdOf, onApp } from './apps.js';
import type { Command, OptionValues } from './command.js';
import { withInstance } from './open-instance.js';
import { CliError, type Column, print, printJson, table, usageError } from './output.js';

const ROLE_COLUMNS: readonly Column<RoleView>[] = [
  { header: 'name', value: (r) => r.name },
  { header: 'permissions', value: (r) => r.permissions.join(' ') },
  { header: 'built-in', value: (r) => (r.builtIn ? 'yes' : 'no') },
  { header: 'description', value: (r) => r.description },
];

function appOf(values: OptionValues, usage: string): string {
  if (!values.app) throw usageError(`Usage: gatehouse ${usage}`);
  return values.app;
}

/** Names the role in a `ROLE_NOT_FOUND` refusal. */
async function onRole<T>(name: string, app: string, work: () => Promise<T>): Promise<T> {
  try {
    return await onApp(app, work);
  } catch (error) {
    if (isGatehouseError(error) && error.code === 'ROLE_NOT_FOUND') {
      throw new CliError(`No role ${name} at ${app}`);
    }
    throw error;
  }
}

const LIST = 'roles list --app APP';
const CREATE = 'roles create NAME --app APP [--permission P]… [--description TEXT]';
const DELETE = 'roles delete NAME --app APP';

export const ROLES_COMMANDS: Record<string, Command> = {
  list: {
    usage: LIST,
    summary: "An app's roles and the permissions each grants (APP is an id, or default / console)",
    options: ['app'],
    args: 0,
    async run({ values, json, instance }) {
      const app = appOf(values, LIST);
      return withInstance(instance, async (gatehouse) => {
        const roles = await onApp(app, () => gatehouse.listRoles(appIdOf(app)));
        if (json) printJson({ roles });
        else print(table(roles, ROLE_COLUMNS));
        return 0;
      });
    },
  },
  create: {
    usage: CREATE,
    summary: 'Add a custom role granting the permissions given (resource:action, resource:*, or *)',
    options: ['app', 'permission', 'description'],
    args: 1,
    async run({ args, values, json, instance }) {
      const app = appOf(values, CREATE);
      return withInstance(instance, async (gatehouse) => {
        const role = await onApp(app, () =>
          gatehouse.createRole(appIdOf(app), {
            name: args[0]!,
            permissions: values.permission ?? [],
            ...(values.description !== undefined ? { description: values.description } : {}),
          }),
        );
        if (json) printJson({ role });
        else print(`Created role ${role.name} at ${app}: ${role.permissions.join(' ') || 'no permissions'}.`);
        return 0;
      });
    },
  },
  delete: {
    usage: DELETE,
    summary: 'Delete a custom role no member holds',
    options: ['app'],
    args: 1,
    async run({ args, values, json, instance }) {
      const app = appOf(values, DELETE);
      const name = args[0]!;
      return withInstance(instance, async (gatehouse) => {
        await onRole(name, app, () => gatehouse.deleteRole(appIdOf(app), name));
        if (json) printJson({ appId: appIdOf(app), role: name, deleted: true });
        else print(`Deleted role ${name} at ${app}.`);
        return 0;
      });
    },
  },
};
