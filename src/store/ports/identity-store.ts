/**
 * Port: linked identities — accounts at outside identity providers, keyed by (issuer, subject).
 * An identity belongs to one user; a user may have many.
 */
import type { User } from '../../core/entities.js';
import type { IdentityId, UserId } from '../../core/ids.js';

export interface Identity {
  readonly id: IdentityId;
  readonly userId: UserId;
  /** The configured provider's name (`google`, `firebase`…) it was linked through. */
  readonly provider: string;
  /** Exactly as the provider names itself (an ID token's `iss`). */
  readonly issuer: string;
  /** The provider's stable id for the account (`sub`), never an email. */
  readonly subject: string;
  /** The address the provider gave at the last sign-in, for display; never a key. */
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

export interface IdentityStore {
  findBySubject(issuer: string, subject: string): Promise<Identity | null>;
  listForUser(userId: UserId): Promise<Identity[]>;
  /**
   * A new account and its first identity, in one transaction: `identity_taken` when that
   * (issuer, subject) got linked meanwhile, `email_taken` when another account has the address
   * — nothing stored in either case.
   */
  createUser(user: User, identity: Identity): Promise<'created' | 'identity_taken' | 'email_taken'>;
  /** Links an identity; false (nothing stored) when that (issuer, subject) is already linked. */
  link(identity: Identity): Promise<boolean>;
  /** Records a sign-in with it (the provider's current email and time); false when gone. */
  touch(id: IdentityId, email: string | null, emailVerified: boolean, now: number): Promise<boolean>;
  /** Unlinks one of the user's identities; false when the user has no such identity. */
  unlink(userId: UserId, id: IdentityId): Promise<boolean>;
}
