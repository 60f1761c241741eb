/** `gatehouse housekeeping`: runs the hourly clean-up now and prints what it deleted, one line per kind. */
import pino from 'pino';
import type { ResolvedSettings } from '../core/config.js';
import { createGatehouse } from '../create-gatehouse.js';
import type { HousekeepingReport } from '../services/housekeeping/run-housekeeping.js';

const LABELS: Record<keyof HousekeepingReport, string> = {
  purgedUsers: 'Deleted accounts past their restore window',
  sessions: 'Ended sessions',
  refreshTokens: 'Spent refresh tokens',
  outbox: 'Sent or given-up outbox messages',
  links: 'Used or expired links',
  challenges: 'Spent or expired challenges, sign-in links and codes',
  auditEvents: 'Audit events past auditRetentionDays',
  personalAccessTokens: 'Revoked or expired personal access tokens',
  counters: 'Idle rate-limit and lockout counters',
  signingKeys: 'Retired signing keys',
};

export async function runHousekeepingCommand(settings: ResolvedSettings): Promise<void> {
  const gatehouse = createGatehouse({ ...settings, logger: pino({ level: 'warn' }), migrations: 'check' });
  try {
    const report = await gatehouse.housekeeping();
    const width = Math.max(...Object.values(LABELS).map((l) => l.length));
    for (const [kind, label] of Object.entries(LABELS) as Array<[keyof HousekeepingReport, string]>) {
      process.stdout.write(`${`${label}:`.padEnd(width + 2)}${report[kind]}\n`);
    }
    if (settings.auditRetentionDays === undefined) {
      process.stdout.write('Audit events are kept (auditRetentionDays is not set).\n');
    }
  } finally {
    await gatehouse.close();
  }
}
