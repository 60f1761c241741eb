/**
 * `gatehouse users create --email … [--password-stdin | --send-link]`: the admin API's user
 * creation (`provisionUser`) — with the password from stdin (sign-up's rules and breach check),
 * or else a mailed single-use link with which the user sets it; optionally a membership of one
 * app. Everything is checked before anything is stored. An operator never types someone else's
 * password on the command line.
 */

import { appIdOf } from './apps.js';
import type { Command } from './command.js';
import { withInstance } from './open-instance.js';
import { print, printJson, usageError } from './output.js';
import { readPasswordFromStdin } from './read-password.js';

/** How an account gets its first password: typed on stdin, or set through a mailed link. */
export type PasswordStep = 'stdin' | 'link' | 'none';

export function passwordStep(values: { 'password-stdin'?: boolean; 'send-link'?: boolean }): PasswordStep {
  if (values['password-stdin'] && values['send-link']) {
    throw usageError('Give --password-stdin or --send-link, not both');
  }
  return values['password-stdin'] ? 'stdin' : values['send-link'] ? 'link' : 'none';
}

export const usersCreateCommand: Command = {
  usage:
    'users create --email ADDRESS [--username NAME] [--name NAME] [--display-name NAME] [--verified] [--password-stdin | --send-link] [--app APP [--role R] [--plan P]]',
  summary: 'Create an account: its password from stdin, or else a mailed link to set one',
  options: [
    'email',
    'username',
    'name',
    'display-name',
    'verified',
    'password-stdin',
    'send-link',
    'app',
    'role',
    'plan',
  ],
  args: 0,
  async run({ values, json, instance }) {
    if (!values.email && !values.username) throw usageError('users create needs --email ADDRESS');
    if ((values.role || values.plan) && !values.app) throw usageError('--role and --plan need --app APP');
    const step = passwordStep(values);
    // Read before the database is opened: nothing waits on a password being typed.
    const password = step === 'stdin' ? await readPasswordFromStdin() : undefined;
    return withInstance(instance, async (gatehouse) => {
      const created = await gatehouse.provisionUser({
        ...(values.email !== undefined ? { email: values.email } : {}),
        ...(values.username !== undefined ? { username: values.username } : {}),
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values['display-name'] !== undefined ? { displayName: values['display-name'] } : {}),
        emailVerified: values.verified === true,
        ...(password !== undefined ? { password } : {}),
        ...(values.app
          ? {
              memberships: [
                {
                  appId: appIdOf(values.app),
                  ...(values.role ? { role: values.role } : {}),
                  ...(values.plan ? { plan: values.plan } : {}),
                },
              ],
            }
          : {}),
      });
      const { user, memberships, setPasswordLinkSent } = created;
      if (json) printJson(created);
      else {
        print(`Created ${user.id} (${user.email ?? user.username}).`);
        print(setPasswordLinkSent ? `Mailed ${user.email} a link to set a password.` : 'Password set.');
        for (const m of memberships) print(`Member of ${m.appId} as ${m.roles.join(', ')} on ${m.plan}.`);
      }
      return 0;
    });
  },
};
