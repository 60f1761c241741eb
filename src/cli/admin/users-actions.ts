/**
 * The one-user commands — `users suspend|reactivate|revoke|delete|restore|reset-link|
 * end-sessions|reset-mfa USER` — each the admin API's operation, on a user named by id or
 * address; `No such user …` (exit 1) when there is none. Asking for what is already so (suspending
 * a suspended user, deleting a deleted one) changes nothing and says so.
 */
import type { Gatehouse } from '../../gatehouse.js';
import type { SettableStatus } from '../../services/admin/set-user-status.js';
import type { Command } from './command.js';
import { withInstance } from './open-instance.js';
import { print, printJson } from './output.js';
import { onUser, resolveUserId } from './user-ref.js';

interface UserAction {
  readonly name: string;
  readonly summary: string;
  /** Whether the user may be a deleted one (restore, purge). */
  readonly deleted?: boolean;
  /** Does it; returns what `--json` prints besides the user id, and the line for people. */
  perform(gatehouse: Gatehouse, userId: string): Promise<{ data?: Record<string, unknown>; line: string }>;
}

function userCommand(action: UserAction): Command {
  return {
    usage: `users ${action.name} USER`,
    summary: action.summary,
    options: [],
    args: 1,
    async run({ args, json, instance }) {
      const ref = args[0]!;
      return withInstance(instance, async (gatehouse) => {
        const userId = await resolveUserId(gatehouse, ref, { deleted: action.deleted === true });
        const { data = {}, line } = await onUser(ref, () => action.perform(gatehouse, userId));
        if (json) printJson({ userId, action: action.name, ...data });
        else print(line);
        return 0;
      });
    },
  };
}

function statusAction(name: string, status: SettableStatus, summary: string, done: string): UserAction {
  return {
    name,
    summary,
    async perform(gatehouse, userId) {
      const { changed } = await gatehouse.setUserStatus(userId, status);
      return {
        data: { status, changed },
        line: changed ? `${userId} ${done}` : `${userId} is ${status} already: nothing changed.`,
      };
    },
  };
}

const ACTIONS: UserAction[] = [
  statusAction(
    'suspend',
    'suspended',
    'Suspend: every session ends, sign-in is refused, the password is kept',
    'is suspended; their sessions have ended.',
  ),
  statusAction('reactivate', 'active', 'Let a suspended user sign in again', 'is active again.'),
  statusAction(
    'revoke',
    'revoked',
    'Revoke for good: every credential, session and token ends',
    'is revoked: credentials, sessions and tokens have ended.',
  ),
  {
    name: 'delete',
    summary: 'Delete softly: restorable for deletedRetentionDays, then erased',
    deleted: true,
    async perform(gatehouse, userId) {
      const deletion = await gatehouse.deleteUser(userId);
      const until = deletion.restorableUntil;
      return {
        data: { changed: deletion.changed, restorableUntil: until },
        line: deletion.changed
          ? `Deleted ${userId}; restorable until ${until} (gatehouse users restore ${userId}).`
          : `${userId} is deleted already (restorable until ${until}): nothing changed.`,
      };
    },
  },
  {
    name: 'restore',
    summary: 'Bring back a deleted account within the restore window',
    deleted: true,
    async perform(gatehouse, userId) {
      await gatehouse.restoreUser(userId);
      return { line: `Restored ${userId}; they sign in again with their password.` };
    },
  },
  {
    name: 'reset-link',
    summary: 'Mail the user a link to set a new password (nobody else sees it)',
    async perform(gatehouse, userId) {
      await gatehouse.sendPasswordResetLink(userId);
      return { data: { sent: true }, line: `Mailed ${userId} a password-reset link.` };
    },
  },
  {
    name: 'end-sessions',
    summary: 'End every live session of the user at once',
    async perform(gatehouse, userId) {
      const { ended } = await gatehouse.endUserSessions(userId);
      return { data: { ended }, line: `Ended ${ended} session(s) of ${userId}.` };
    },
  },
  {
    name: 'reset-mfa',
    summary: 'Remove every second factor; sessions end and the user is told',
    async perform(gatehouse, userId) {
      await gatehouse.resetMfa(userId);
      return { line: `Removed every second factor of ${userId}; their sessions have ended.` };
    },
  },
];

export const userActionCommands: Record<string, Command> = Object.fromEntries(
  ACTIONS.map((action) => [action.name, userCommand(action)]),
);
