/**
 * Every page Gatehouse serves, which the HTTP core merges beside the JSON routes when
 * `pages.enabled` is on: the pages mailed links open and the page notices link to. `GET /`
 * (`homeRoute`) comes with them, for whole-server use only.
 */
import type { ResolvedSettings } from '../core/config.js';
import type { PageRoute } from '../http/route.js';
import { acceptInvitationPage } from './pages/accept-invitation.js';
import { cancelEmailChangePage } from './pages/cancel-email-change.js';
import { confirmEmailChangePage } from './pages/confirm-email-change.js';
import { forgotPasswordPage } from './pages/forgot-password.js';
import { magicLinkPage } from './pages/magic-link.js';
import { resetPasswordPage } from './pages/reset-password.js';
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
];

/** The page paths a framework adapter routes to Gatehouse: none when they are off (never `/`). */
export function embeddedPagePaths(settings: Pick<ResolvedSettings, 'pages'>): string[] {
  return settings.pages.enabled ? PAGE_ROUTES.map((p) => p.path) : [];
}
