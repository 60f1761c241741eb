/**
 * Port: the verified phone of each user, the SMS second factor (at most one per user). A number
 * is stored here only once a code sent to it came back; a number being set up lives with its
 * code (`SmsCodeStore`) until then.
 */
import type { FactorId, UserId } from '../../core/ids.js';

export interface PhoneFactor {
  readonly id: FactorId;
  readonly userId: UserId;
  /** E.164, as `canonicalPhone` returns it. */
  readonly phone: string;
  readonly createdAt: number;
  readonly verifiedAt: number;
}

export interface PhoneStore {
  find(userId: UserId): Promise<PhoneFactor | null>;
  /** Stores the user's verified phone; false (nothing stored) when they already have one. */
  add(factor: PhoneFactor): Promise<boolean>;
  /** Removes the user's phone; false when there was none. */
  remove(userId: UserId): Promise<boolean>;
}
