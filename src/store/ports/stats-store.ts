/**
 * Port: the installation's figures for operators (`GET /admin/stats`) — counts, each one
 * aggregate query over the tables, never a loop over users.
 */
import type { UserStatus } from '../../core/entities.js';
import type { EventType } from '../../core/events.js';

export interface UserCounts {
  /** Users by status; a status nobody has is 0. */
  readonly byStatus: Readonly<Record<UserStatus, number>>;
  /** Users who are not deleted and have an address that is not verified. */
  readonly unverified: number;
}

export interface DailyEventCount {
  readonly type: EventType;
  readonly outcome: 'success' | 'failure';
  /** The UTC day: whole days since 1970-01-01. */
  readonly day: number;
  readonly count: number;
}

/** Active users with each kind of factor (a user with two passkeys counts once). */
export interface FactorCounts {
  /** An activated authenticator app. */
  readonly totp: number;
  readonly passkey: number;
  /** A verified phone (the SMS factor). */
  readonly phone: number;
  /** At least one recovery code not used yet. */
  readonly recoveryCodes: number;
  /** Any second factor that turns the two-step sign-in on: TOTP, a passkey or a phone. */
  readonly any: number;
}

export interface AppActivity {
  readonly appId: string;
  /** Members who are not deleted. */
  readonly members: number;
  /** Sessions at the app live at `now`. */
  readonly liveSessions: number;
  /** Successful sign-ins at the app since `since` (from the audit log). */
  readonly signIns: number;
}

export interface StatsStore {
  users(): Promise<UserCounts>;
  /** Audit records of `types` with `at` at or after `since`, counted per type, outcome and UTC day. */
  eventsPerDay(types: readonly EventType[], since: number): Promise<DailyEventCount[]>;
  factors(): Promise<FactorCounts>;
  /** Every app with a member, a live session or a sign-in since `since` (the others have none). */
  apps(now: number, since: number): Promise<AppActivity[]>;
}
