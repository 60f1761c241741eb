/** What a user may see of a passkey: never its key or credential id. */
import type { FactorId } from '../../core/ids.js';
import type { Passkey } from '../../store/ports/passkey-store.js';

export interface PasskeyView {
  readonly id: FactorId;
  readonly name: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; null until it signs in once. */
  readonly lastUsedAt: string | null;
  /** Synced to a backup (a password manager, a platform account): it survives losing the device. */
  readonly backedUp: boolean;
  /** How the browser reached the authenticator (`internal`, `hybrid`, `usb`…), as hints. */
  readonly transports: readonly string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

export function passkeyView(passkey: Passkey): PasskeyView {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: iso(passkey.createdAt),
    lastUsedAt: passkey.lastUsedAt === null ? null : iso(passkey.lastUsedAt),
    backedUp: passkey.backedUp,
    transports: passkey.transports,
  };
}
