/** Port: invitations to an app, their tokens stored as digests only. */
import type { Invitation } from '../../core/apps.js';
import type { AppId, InvitationId, UserId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';

export type InvitationConsumption =
  | { readonly ok: true; readonly invitation: Invitation }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'used' | 'revoked' };

export interface InvitationStore {
  create(invitation: Invitation, tokenHash: TokenHash): Promise<void>;
  /** The invitation behind a token digest, whatever its state. */
  findByToken(tokenHash: TokenHash): Promise<Invitation | null>;
  /**
   * Marks the invitation accepted by `userId` at `now`, exactly once even under concurrent
   * calls: one wins, the others get `used`.
   */
  consume(tokenHash: TokenHash, userId: UserId, now: number): Promise<InvitationConsumption>;
  /** The app's invitations not yet accepted or revoked, newest first. */
  listOpen(appId: AppId, now: number): Promise<Invitation[]>;
  /** Revokes an open invitation of the app; false when there was none. */
  revoke(appId: AppId, id: InvitationId, now: number): Promise<boolean>;
}
