/**
 * Port: authenticator-app (TOTP) factors, at most one per user. The secret arrives sealed; the
 * store never sees it in clear. `useStep` is the replay guard of RFC 6238 §5.2.
 */
import type { FactorId, UserId } from '../../core/ids.js';

export interface TotpFactor {
  readonly id: FactorId;
  readonly userId: UserId;
  readonly sealedSecret: string;
  /** `pending` until a first valid code activates it. */
  readonly status: 'pending' | 'active';
  /** The last accepted time step; codes for it or an earlier one are refused. */
  readonly lastStep: number | null;
  readonly createdAt: number;
  readonly activatedAt: number | null;
}

export interface TotpStore {
  find(userId: UserId): Promise<TotpFactor | null>;
  /** Stores a pending factor, replacing a pending one; false (nothing stored) when one is active. */
  putPending(factor: TotpFactor): Promise<boolean>;
  /** Activates the pending factor `id`, recording `step` as used; false when it is no longer pending. */
  activate(id: FactorId, step: number, now: number): Promise<boolean>;
  /**
   * Records `step` as used if it is later than the last one; true for exactly one of any number
   * of concurrent callers presenting the same step.
   */
  useStep(id: FactorId, step: number): Promise<boolean>;
  /** Removes the user's factor (active or pending); false when there was none. */
  remove(userId: UserId): Promise<boolean>;
}
