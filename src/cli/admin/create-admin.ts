/**
 * `gatehouse create-admin --email ADDRESS [--password-stdin | --send-link] [--verified]`: the first
 * operator (or another). Makes the account for the address when there is none (`provisionUser`:
 * the password from stdin with sign-up's rules, or a mailed set-password link), then makes it an
 * `admin` member of the console app (`addMember`, or `grantRole` for a member with another role).
 * Idempotent: a second run finds both done, changes nothing and says so. An existing account's
 * password is never replaced here — that is the user's own reset (`users reset-link`).
 */
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { Gatehouse } from '../../gatehouse.js';
import type { Command } from './command.js';
import { withInstance } from './open-instance.js';
import { CliError, print, printJson, usageError } from './output.js';
import { readPasswordFromStdin } from './read-password.js';
import { findUserByEmail } from './user-ref.js';
import { type PasswordStep, passwordStep } from './users-create.js';

/** What happened to the password: set now, mailed a link, left as it was, or not asked about. */
type PasswordOutcome = 'set' | 'link_sent' | 'unchanged' | null;

interface Outcome {
  readonly userId: string;
  readonly email: string;
  /** The account was made by this run. */
  readonly created: boolean;
  /** The console's admin role was given by this run. */
  readonly granted: boolean;
  readonly password: PasswordOutcome;
  readonly status: string;
}

/** Makes the account an admin of the console unless it is one; says whether it changed anything. */
async function grantAdmin(gatehouse: Gatehouse, userId: string): Promise<boolean> {
  const { membership, created } = await gatehouse.addMember(userId, CONSOLE_APP_ID, { role: 'admin' });
  if (created) return true;
  if (membership.roles.includes('admin')) return false;
  await gatehouse.grantRole(userId, CONSOLE_APP_ID, 'admin');
  return true;
}

function report(outcome: Outcome, step: PasswordStep, requireMfa: boolean): void {
  const { userId, email } = outcome;
  if (outcome.created) {
    print(
      `Created ${userId} for ${email}${outcome.password === 'link_sent' ? '; mailed it a link to set a password' : ' with the password from stdin'}.`,
    );
  } else {
    print(`${email} has an account already: ${userId}.`);
    if (outcome.password === 'set') print('Set its first password from stdin.');
    if (outcome.password === 'unchanged') print('It has a password already; the one on stdin was not used.');
    if (step === 'link')
      print(`No link sent to an existing account: gatehouse users reset-link ${userId} mails one.`);
  }
  print(
    outcome.granted
      ? `Made ${userId} an admin of the console.`
      : `${userId} is an admin of the console already.`,
  );
  if (!outcome.created && !outcome.granted && outcome.password !== 'set') print('Nothing changed.');
  if (outcome.status !== 'active')
    print(`Note: the account is ${outcome.status}; it cannot sign in until reactivated.`);
  if (requireMfa) {
    print(
      'Before the admin API admits them, they must sign in and enrol a second factor (authenticator app or passkey): admin.requireMfa is on.',
    );
  }
}

export const CREATE_ADMIN_COMMAND: Command = {
  usage: 'create-admin --email ADDRESS [--password-stdin | --send-link] [--verified]',
  summary:
    'Make the account for ADDRESS (if needed) an admin of the console; running it again changes nothing',
  options: ['email', 'password-stdin', 'send-link', 'verified'],
  args: 0,
  async run({ values, json, instance }) {
    const email = values.email;
    if (!email) throw usageError('create-admin needs --email ADDRESS');
    const step = passwordStep(values);
    const password = step === 'stdin' ? await readPasswordFromStdin() : undefined;
    return withInstance(instance, async (gatehouse) => {
      const existing = await findUserByEmail(gatehouse, email, { deleted: true });
      if (existing?.status === 'deleted') {
        throw new CliError(
          `The account for ${email} (${existing.id}) is deleted: restore it first (gatehouse users restore ${existing.id})`,
        );
      }
      let outcome: Outcome;
      if (existing) {
        let passwordOutcome: PasswordOutcome = null;
        if (password !== undefined) {
          const { password: current } = await gatehouse.getUserDetail(existing.id);
          if (current.set) passwordOutcome = 'unchanged';
          else {
            await gatehouse.addPasswordCredential(existing.id, password);
            passwordOutcome = 'set';
          }
        }
        outcome = {
          userId: existing.id,
          email: existing.email ?? email,
          created: false,
          granted: await grantAdmin(gatehouse, existing.id),
          password: passwordOutcome,
          status: existing.status,
        };
      } else {
        if (step === 'none') {
          throw usageError(
            `There is no account for ${email} yet: give --password-stdin or --send-link to make one`,
          );
        }
        const { user } = await gatehouse.provisionUser({
          email,
          emailVerified: values.verified === true,
          ...(password !== undefined ? { password } : {}),
        });
        outcome = {
          userId: user.id,
          email: user.email ?? email,
          created: true,
          granted: await grantAdmin(gatehouse, user.id),
          password: password !== undefined ? 'set' : 'link_sent',
          status: user.status,
        };
      }
      const requireMfa = gatehouse.settings.admin.requireMfa;
      if (json) {
        const changed = outcome.created || outcome.granted || outcome.password === 'set';
        printJson({ ...outcome, changed, mfaRequired: requireMfa });
      } else report(outcome, step, requireMfa);
      return 0;
    });
  },
};
