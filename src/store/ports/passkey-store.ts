/**
 * Port: the passkeys (WebAuthn credentials) of users. A credential id is registered at most
 * once across all users — the store's unique index decides, also between concurrent
 * registrations — and a signature counter only moves forward: `recordUse` applies the counter
 * rule in the same statement that writes it, so of two racing assertions only one that is
 * really newer can be recorded.
 */
import type { FactorId, UserId } from '../../core/ids.js';

export interface Passkey {
  readonly id: FactorId;
  readonly userId: UserId;
  /** base64url of the WebAuthn credential id (at most 1023 bytes decoded); unique across users. */
  readonly credentialId: string;
  /** The COSE_Key the authenticator registered. */
  readonly publicKey: Uint8Array;
  /** COSE algorithm: -7 ES256, -8 EdDSA, -257 RS256. */
  readonly algorithm: number;
  /** The signature counter last accepted (0 for authenticators that keep none). */
  readonly counter: number;
  readonly transports: readonly string[];
  readonly aaguid: string;
  readonly backupEligible: boolean;
  readonly backedUp: boolean;
  readonly name: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

export interface PasskeyStore {
  /** Stores a new passkey; false (nothing stored) when its credential id is already registered to anyone. */
  add(passkey: Passkey): Promise<boolean>;
  findByCredentialId(credentialId: string): Promise<Passkey | null>;
  /** The user's passkeys, oldest first. */
  listForUser(userId: UserId): Promise<Passkey[]>;
  countForUser(userId: UserId): Promise<number>;
  /** Renames the user's passkey `id`; false when the user has no such passkey. */
  rename(userId: UserId, id: FactorId, name: string): Promise<boolean>;
  /** Deletes the user's passkey `id`; false when the user has no such passkey. */
  remove(userId: UserId, id: FactorId): Promise<boolean>;
  /** Deletes every passkey of the user; returns how many there were. */
  removeAll(userId: UserId): Promise<number>;
  /**
   * Records an accepted assertion: the new counter, backup state and time of use — only when
   * `counter` is past the stored one, or both are 0 (authenticators without a counter). False
   * when that no longer holds (a concurrent assertion got there first) or the passkey is gone.
   */
  recordUse(id: FactorId, counter: number, backedUp: boolean, now: number): Promise<boolean>;
}
