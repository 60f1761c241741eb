/**
 * `gatehouse users purge [USER]`: with a user, the admin API's `purgeUser` — erase that deleted
 * account now. Without one, `purgeDeletedUsers`, the hourly housekeeping step: erase every account
 * deleted longer ago than `deletedRetentionDays`, in batches, counting each `user.purged` event for
 * the progress line. Each batch is one statement, so a purge stopped at once loses nothing that a
 * re-run does not erase.
 */
import type { Command } from './command.js';
import { watchInterruption } from './interruption.js';
import { withInstance } from './open-instance.js';
import { print, printJson } from './output.js';
import { everySeconds, startProgress } from './progress.js';
import { onUser, resolveUserId } from './user-ref.js';

export const usersPurgeCommand: Command = {
  usage: 'users purge [USER] [--progress-every SECONDS]',
  summary:
    'Erase one deleted user now; without USER, every account deleted longer ago than deletedRetentionDays',
  options: ['progress-every'],
  args: [0, 1],
  async run({ args, values, json, instance }) {
    const ref = args[0];
    const every = everySeconds(values['progress-every']);
    return withInstance(instance, async (gatehouse) => {
      if (ref !== undefined) {
        const userId = await resolveUserId(gatehouse, ref, { deleted: true });
        await onUser(ref, () => gatehouse.purgeUser(userId));
        if (json) printJson({ userId, purged: true });
        else print(`Erased ${userId}; the audit log keeps its records.`);
        return 0;
      }
      const days = gatehouse.settings.deletedRetentionDays;
      const progress = startProgress({ label: 'users purge', everySeconds: every });
      const counting = gatehouse.on('user.purged', () => progress.advance());
      // The operation runs its batches to the end; a second signal stops the process at once,
      // and the batch in hand is then rolled back.
      const interruption = watchInterruption('the purge, which cannot stop between batches,');
      let purged: number;
      try {
        purged = await gatehouse.purgeDeletedUsers();
      } finally {
        counting();
        interruption.dispose();
        progress.finish('done');
      }
      if (json) printJson({ purged, retentionDays: days });
      else print(`Erased ${purged} account(s) deleted more than ${days} day(s) ago.`);
      return interruption.requested ? interruption.exitCode : 0;
    });
  },
};
