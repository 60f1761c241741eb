/** Port: the operator's view of the user base — users found by filters and a search, a page at a time. */
import type { User, UserStatus } from '../../core/entities.js';
import type { AppId, UserId } from '../../core/ids.js';

export interface UserDirectoryQuery {
  /** Only users with this status. Absent: every status but `deleted`. */
  readonly status?: UserStatus;
  /** Only members of this app; `role` and `plan` narrow it to members holding them there. */
  readonly appId?: AppId;
  readonly role?: string;
  readonly plan?: string;
  /** Only users whose address is (true) or is not (false) verified. */
  readonly verified?: boolean;
  /**
   * Only users with (true) or without (false) a second factor that turns the two-step sign-in on:
   * an active authenticator app, a passkey or a verified phone. Recovery codes alone do not count.
   */
  readonly hasMfa?: boolean;
  /**
   * A case-insensitive substring of the email, username, name or display name, matched
   * literally: `%` and `_` are not wildcards. Never contains a control character.
   */
  readonly query?: string;
  /** Only users whose id sorts after this one (the last of the previous page). */
  readonly after?: UserId;
  readonly limit: number;
}

export interface UserDirectoryEntry {
  readonly user: User;
  readonly displayName: string | null;
}

export interface UserDirectory {
  /**
   * Up to `limit` users matching every filter given, ordered by id ascending (ids are
   * time-ordered, so this is about the order of creation). Case folding is the database's:
   * PostgreSQL folds all of Unicode, SQLite only A–Z.
   */
  list(query: UserDirectoryQuery): Promise<UserDirectoryEntry[]>;
}
