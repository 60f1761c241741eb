/** `gatehouse keys rotate`: a new signing key from now on; old keys stay published until their tokens expire. */
import pino from 'pino';
import type { ResolvedSettings } from '../core/config.js';
import { createGatehouse } from '../create-gatehouse.js';

export async function rotateKeys(settings: ResolvedSettings): Promise<void> {
  const gatehouse = createGatehouse({ ...settings, logger: pino({ level: 'warn' }), migrations: 'check' });
  try {
    const { kid, purged } = await gatehouse.rotateSigningKey();
    process.stdout.write(`New signing key ${kid} is active. Removed ${purged} expired key(s).\n`);
    process.stdout.write(
      'Running servers publish it and sign with it within a minute; tokens signed with older keys stay valid until they expire.\n',
    );
  } finally {
    await gatehouse.close();
  }
}
