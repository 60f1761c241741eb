/**
 * Every page Gatehouse serves, which the HTTP core merges beside the JSON routes when
 * `pages.enabled` is on: the pages mailed links open and the page notices link to. `GET /`
 * (`homeRoute`) comes with them, for whole-server use only.
 */
import type { ResolvedSettings } from '../core/config.js';
import { servedPages } from '../http/pages.js';
import type { PageRoute } from '../http/route.js';
import { PAGES_SCRIPT } from './client/index.js';
import { acceptInvitationPage } from './pages/accept-invitation.js';
import { accountAppsPage } from './pages/account/apps.js';
import { accountDataPage } from './pages/account/data.js';
import { accountDeletePage } from './pages/account/delete.js';
import { accountDeletedPage } from './pages/account/deleted.js';
import { accountEmailPage } from './pages/account/email.js';
import { identitiesPage } from './pages/account/identities.js';
import { identitiesLinkPage } from './pages/account/identities-link.js';
import { identitiesUnlinkPage } from './pages/account/identities-unlink.js';
import { accountPasswordPage } from './pages/account/password.js';
import { accountProfilePage } from './pages/account/profile.js';
import { accountReauthPage } from './pages/account/reauth.js';
import { securityPage } from './pages/account/security.js';
import { securityPasskeyPage } from './pages/account/security-passkey.js';
import { securityPasskeysPage } from './pages/account/security-passkeys.js';
import { securityPhonePage } from './pages/account/security-phone.js';
import { securityPhoneConfirmPage } from './pages/account/security-phone-confirm.js';
import { securityPhoneRemovePage } from './pages/account/security-phone-remove.js';
import { securityRecoveryCodesPage } from './pages/account/security-recovery-codes.js';
import { securityTotpPage } from './pages/account/security-totp.js';
import { securityTotpRemovePage } from './pages/account/security-totp-remove.js';
import { accountSessionsPage } from './pages/account/sessions.js';
import { tokensPage } from './pages/account/tokens.js';
import { tokensRevokePage } from './pages/account/tokens-revoke.js';
import { cancelEmailChangePage } from './pages/cancel-email-change.js';
import { confirmEmailChangePage } from './pages/confirm-email-change.js';
import { consoleAppsPage } from './pages/console/apps.js';
import { consoleAppPage } from './pages/console/apps-id.js';
import { consoleAppInvitationsPage } from './pages/console/apps-id-invitations.js';
import { consoleAppMembersPage } from './pages/console/apps-id-members.js';
import { consoleAppRolesPage } from './pages/console/apps-id-roles.js';
import { consoleAppRolePage } from './pages/console/apps-id-roles-name.js';
import { consoleAppRotatePage } from './pages/console/apps-id-rotate.js';
import { consoleAppsNewPage } from './pages/console/apps-new.js';
import { consoleAuditPage } from './pages/console/audit.js';
import { consoleRootPage } from './pages/console/console.js';
import { consoleImpersonationEndPage } from './pages/console/impersonation-end.js';
import { consoleStatsPage } from './pages/console/stats.js';
import { consoleUsersPage } from './pages/console/users.js';
import { consoleUserConfirmPage } from './pages/console/users-confirm.js';
import { consoleUserPage } from './pages/console/users-id.js';
import { consoleUsersNewPage } from './pages/console/users-new.js';
import { forgotPasswordPage } from './pages/forgot-password.js';
import { magicLinkPage } from './pages/magic-link.js';
import { resetPasswordPage } from './pages/reset-password.js';
import { signInCodePage } from './pages/sign-in/code.js';
import { signInMfaPage } from './pages/sign-in/mfa.js';
import { signInPage } from './pages/sign-in/sign-in.js';
import { signOutPage } from './pages/sign-in/sign-out.js';
import { signUpPage } from './pages/sign-in/sign-up.js';
import { verifyEmailPage } from './pages/verify-email.js';

export { refusalPage } from './notice.js';
export { homeRoute } from './pages/home.js';

export const PAGE_ROUTES: readonly PageRoute[] = [
  verifyEmailPage,
  forgotPasswordPage,
  resetPasswordPage,
  confirmEmailChangePage,
  cancelEmailChangePage,
  magicLinkPage,
  acceptInvitationPage,
  accountProfilePage,
  accountPasswordPage,
  accountEmailPage,
  accountReauthPage,
  accountSessionsPage,
  accountAppsPage,
  accountDataPage,
  accountDeletePage,
  accountDeletedPage,
  securityPage,
  securityTotpPage,
  securityTotpRemovePage,
  securityRecoveryCodesPage,
  securityPasskeysPage,
  securityPasskeyPage,
  securityPhonePage,
  securityPhoneConfirmPage,
  securityPhoneRemovePage,
  identitiesPage,
  identitiesLinkPage,
  identitiesUnlinkPage,
  tokensPage,
  tokensRevokePage,
  signInPage,
  signInMfaPage,
  signInCodePage,
  signUpPage,
  signOutPage,
  consoleRootPage,
  consoleUsersPage,
  consoleUsersNewPage,
  consoleUserPage,
  consoleUserConfirmPage,
  consoleImpersonationEndPage,
  consoleStatsPage,
  consoleAuditPage,
  consoleAppsPage,
  consoleAppsNewPage,
  consoleAppPage,
  consoleAppRotatePage,
  consoleAppRolesPage,
  consoleAppRolePage,
  consoleAppMembersPage,
  consoleAppInvitationsPage,
];

/** Where the pages send someone to sign in. */
export const SIGN_IN_PATH = '/sign-in';

/** The static files the pages load, served at `{basePath}/assets/<name>`. */
export const PAGE_ASSETS = {
  'pages.js': { contentType: 'text/javascript; charset=utf-8', body: PAGES_SCRIPT },
} as const;

/**
 * The page paths a framework adapter routes to Gatehouse: the pages the settings serve (none
 * with `pages.enabled` off, no `/console…` with `pages.console` off), never `/`. A path may hold
 * `:name` segments, each matching one path segment (`/console/users/:id`), written as Express,
 * Fastify and Hono write route parameters. The script module and the session resume live under
 * `basePath`, which the adapters route anyway.
 */
export function embeddedPagePaths(settings: Pick<ResolvedSettings, 'pages'>): string[] {
  return servedPages(PAGE_ROUTES, settings).map((p) => p.path);
}
