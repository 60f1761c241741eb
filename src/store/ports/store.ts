/** Port: everything one Gatehouse instance needs from its database, plus its lifecycle. */
import type { AppStore } from './app-store.js';
import type { AuditStore } from './audit-store.js';
import type { CounterStore } from './counter-store.js';
import type { CredentialStore } from './credential-store.js';
import type { EmailSignInStore } from './email-sign-in-store.js';
import type { HousekeepingStore } from './housekeeping-store.js';
import type { IdentityStore } from './identity-store.js';
import type { InvitationStore } from './invitation-store.js';
import type { MembershipStore } from './membership-store.js';
import type { OAuthFlowStore } from './oauth-flow-store.js';
import type { OutboxStore } from './outbox-store.js';
import type { PasskeyStore } from './passkey-store.js';
import type { PatStore } from './pat-store.js';
import type { PendingSignInStore } from './pending-sign-in-store.js';
import type { PhoneStore } from './phone-store.js';
import type { RecoveryCodeStore } from './recovery-code-store.js';
import type { RoleStore } from './role-store.js';
import type { SessionStore } from './session-store.js';
import type { SigningKeyStore } from './signing-key-store.js';
import type { SmsCodeStore } from './sms-code-store.js';
import type { StatsStore } from './stats-store.js';
import type { TotpStore } from './totp-store.js';
import type { UserDirectory } from './user-directory.js';
import type { UserStore } from './user-store.js';
import type { VerificationTokenStore } from './verification-token-store.js';
import type { WebAuthnChallengeStore } from './webauthn-challenge-store.js';

export interface MigrationState {
  readonly name: string;
  readonly executedAt: number | null;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres' | 'mysql';
  readonly users: UserStore;
  readonly credentials: CredentialStore;
  readonly sessions: SessionStore;
  readonly signingKeys: SigningKeyStore;
  readonly audit: AuditStore;
  readonly outbox: OutboxStore;
  readonly verificationTokens: VerificationTokenStore;
  readonly counters: CounterStore;
  readonly housekeeping: HousekeepingStore;
  readonly pendingSignIns: PendingSignInStore;
  readonly totp: TotpStore;
  readonly recoveryCodes: RecoveryCodeStore;
  readonly phones: PhoneStore;
  readonly smsCodes: SmsCodeStore;
  readonly passkeys: PasskeyStore;
  readonly webauthnChallenges: WebAuthnChallengeStore;
  readonly identities: IdentityStore;
  readonly emailSignIns: EmailSignInStore;
  readonly oauthFlows: OAuthFlowStore;
  readonly apps: AppStore;
  readonly memberships: MembershipStore;
  readonly roles: RoleStore;
  readonly invitations: InvitationStore;
  readonly pats: PatStore;
  /** The operator's search over users (filters, substring search, id-ordered pages). */
  readonly userDirectory: UserDirectory;
  /** The installation's figures for operators (aggregate counts). */
  readonly stats: StatsStore;
  /** Applies every pending migration; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Every known migration and whether/when it ran. */
  migrationStatus(): Promise<MigrationState[]>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Closes connections. Idempotent. */
  close(): Promise<void>;
}

export type { AppChanges, AppStore } from './app-store.js';
export type { AuditQuery, AuditRecord, AuditStore } from './audit-store.js';
export type { CounterStore, LockoutPolicy, WindowHit } from './counter-store.js';
export type { CredentialStore } from './credential-store.js';
export type { EmailSignIn, EmailSignInKind, EmailSignInStore } from './email-sign-in-store.js';
export type { HousekeepingStore } from './housekeeping-store.js';
export type { Identity, IdentityStore } from './identity-store.js';
export type { InvitationConsumption, InvitationStore } from './invitation-store.js';
export type { KeptHolder, LastHolder } from './kept-holder.js';
export type { MembershipChanges, MembershipStore } from './membership-store.js';
export type { OAuthExchange, OAuthFlow, OAuthFlowStore, OAuthIntent } from './oauth-flow-store.js';
export type { OutboxKind, OutboxMessage, OutboxRecord, OutboxStore } from './outbox-store.js';
export type { Passkey, PasskeyStore } from './passkey-store.js';
export type { PatStore } from './pat-store.js';
export type { PendingSignIn, PendingSignInStore } from './pending-sign-in-store.js';
export type { PhoneFactor, PhoneStore } from './phone-store.js';
export type { RecoveryCodeStore } from './recovery-code-store.js';
export type { RoleStore } from './role-store.js';
export type { RefreshRotation, SessionStore } from './session-store.js';
export type { SigningKeyRecord, SigningKeyStore } from './signing-key-store.js';
export type { SmsCode, SmsCodePurpose, SmsCodeStore } from './sms-code-store.js';
export type {
  AppActivity,
  DailyEventCount,
  FactorCounts,
  StatsStore,
  UserCounts,
} from './stats-store.js';
export type { TotpFactor, TotpStore } from './totp-store.js';
export type { UserDirectory, UserDirectoryEntry, UserDirectoryQuery } from './user-directory.js';
export type { UserStore } from './user-store.js';
export type {
  TokenConsumption,
  TokenPurpose,
  VerificationToken,
  VerificationTokenStore,
} from './verification-token-store.js';
export type {
  WebAuthnChallenge,
  WebAuthnChallengeBinding,
  WebAuthnChallengePurpose,
  WebAuthnChallengeStore,
} from './webauthn-challenge-store.js';
