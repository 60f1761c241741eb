/** The store contract, run against every implementation: SQLite and a real PostgreSQL. */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/ports/store.js';
import { everyStoreKind, freshStore } from '../support/stores.js';
import { accountChangeCases } from './cases/account-changes.js';
import { appCases } from './cases/apps.js';
import { auditCases } from './cases/audit.js';
import { counterCases } from './cases/counters.js';
import { credentialCases } from './cases/credentials.js';
import { emailSignInCases } from './cases/email-sign-ins.js';
import { housekeepingCases } from './cases/housekeeping.js';
import { lifecycleCases } from './cases/lifecycle.js';
import { oauthFlowCases } from './cases/oauth-flows.js';
import { outboxCases } from './cases/outbox.js';
import { patCases } from './cases/pats.js';
import { phoneCases } from './cases/phones.js';
import { refreshCases } from './cases/refresh.js';
import { secondFactorCases } from './cases/second-factors.js';
import { sessionCases } from './cases/sessions.js';
import { signingKeyCases } from './cases/signing-keys.js';
import { userDirectoryCases } from './cases/user-directory.js';
import { usernameCases } from './cases/usernames.js';
import { userCases } from './cases/users.js';
import { verificationTokenCases } from './cases/verification-tokens.js';

describe.each(everyStoreKind)('%s store', (kind) => {
  let store: Store | undefined;
  let cleanup: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(kind));
  });
  afterEach(async () => {
    await cleanup?.();
    store = undefined;
  });

  const context = {
    kind,
    store: (): Store => {
      if (store === undefined) throw new Error('no store outside a test');
      return store;
    },
  };

  describe('users', () => userCases(context));
  describe('user directory', () => userDirectoryCases(context));
  describe('usernames', () => usernameCases(context));
  describe('credentials', () => credentialCases(context));
  describe('sessions', () => sessionCases(context));
  describe('refresh tokens', () => refreshCases(context));
  describe('signing keys', () => signingKeyCases(context));
  describe('audit log', () => auditCases(context));
  describe('outbox', () => outboxCases(context));
  describe('verification tokens', () => verificationTokenCases(context));
  describe('account changes', () => accountChangeCases(context));
  describe('counters', () => counterCases(() => context.store().counters));
  describe('lifecycle', () => lifecycleCases(context));
  describe('housekeeping', () => housekeepingCases(context));
  describe('second factors', () => secondFactorCases(context));
  describe('phones and sms codes', () => phoneCases(context));
  describe('email sign-ins', () => emailSignInCases(context));
  describe('oauth flows', () => oauthFlowCases(context));
  describe('personal access tokens', () => patCases(context));
  describe('apps, memberships, roles and invitations', () => appCases(context));
});
