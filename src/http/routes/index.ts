/** Every route the handler serves, in documentation order. */
import type { Route } from '../route.js';
import { ADMIN_ROUTES } from './admin/index.js';
import { changePasswordRoute, setPasswordRoute } from './change-password.js';
import { cancelEmailChangeRoute, changeEmailRoute, confirmEmailChangeRoute } from './email-change.js';
import { linkIdTokenRoute, signInWithIdTokenRoute } from './id-token.js';
import { listIdentitiesRoute, unlinkIdentityRoute } from './identities.js';
import { INVITATION_ROUTES } from './invitations.js';
import { deleteMeRoute, exportMeRoute, getMeRoute, updateMeRoute } from './me.js';
import { listFactorsRoute, reauthenticateRoute, verifyMfaRoute } from './mfa.js';
import { OAUTH_ROUTES } from './oauth.js';
import {
  deletePasskeyRoute,
  listPasskeysRoute,
  passkeyMfaOptionsRoute,
  passkeyReauthOptionsRoute,
  passkeyRegistrationOptionsRoute,
  passkeySignInOptionsRoute,
  registerPasskeyRoute,
  renamePasskeyRoute,
  signInWithPasskeyRoute,
} from './passkeys.js';
import { forgotPasswordRoute, resetPasswordRoute } from './password-reset.js';
import {
  requestEmailCodeRoute,
  requestMagicLinkRoute,
  signInWithEmailCodeRoute,
  signInWithMagicLinkRoute,
} from './passwordless.js';
import { PAT_ROUTES } from './pats.js';
import {
  confirmPhoneRoute,
  removePhoneRoute,
  sendReauthSmsCodeRoute,
  sendSignInSmsCodeRoute,
  startPhoneSetupRoute,
} from './phone.js';
import { refreshRoute } from './refresh.js';
import { revokeRoute } from './revoke.js';
import { sessionRoute } from './session.js';
import { listSessionsRoute, revokeSessionRoute } from './sessions.js';
import { signInRoute } from './sign-in.js';
import { signOutRoute } from './sign-out.js';
import { signUpRoute } from './sign-up.js';
import { healthzRoute, jwksRoute, readyzRoute } from './system.js';
import { activateTotpRoute, enrollTotpRoute, regenerateRecoveryCodesRoute, removeTotpRoute } from './totp.js';
import { usernameSignInRoute, usernameSignUpRoute } from './usernames.js';
import { resendVerificationRoute, verifyEmailRoute } from './verification.js';

export const ROUTES: readonly Route[] = [
  signUpRoute,
  signInRoute,
  usernameSignUpRoute,
  usernameSignInRoute,
  verifyMfaRoute,
  verifyEmailRoute,
  resendVerificationRoute,
  changePasswordRoute,
  setPasswordRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  changeEmailRoute,
  confirmEmailChangeRoute,
  cancelEmailChangeRoute,
  getMeRoute,
  updateMeRoute,
  deleteMeRoute,
  exportMeRoute,
  refreshRoute,
  revokeRoute,
  signOutRoute,
  sessionRoute,
  listSessionsRoute,
  revokeSessionRoute,
  reauthenticateRoute,
  listFactorsRoute,
  enrollTotpRoute,
  activateTotpRoute,
  removeTotpRoute,
  regenerateRecoveryCodesRoute,
  startPhoneSetupRoute,
  confirmPhoneRoute,
  removePhoneRoute,
  sendSignInSmsCodeRoute,
  sendReauthSmsCodeRoute,
  passkeyRegistrationOptionsRoute,
  registerPasskeyRoute,
  listPasskeysRoute,
  renamePasskeyRoute,
  deletePasskeyRoute,
  passkeySignInOptionsRoute,
  signInWithPasskeyRoute,
  passkeyMfaOptionsRoute,
  passkeyReauthOptionsRoute,
  requestMagicLinkRoute,
  signInWithMagicLinkRoute,
  requestEmailCodeRoute,
  signInWithEmailCodeRoute,
  listIdentitiesRoute,
  unlinkIdentityRoute,
  ...OAUTH_ROUTES,
  signInWithIdTokenRoute,
  linkIdTokenRoute,
  ...PAT_ROUTES,
  ...INVITATION_ROUTES,
  ...ADMIN_ROUTES,
  jwksRoute,
  healthzRoute,
  readyzRoute,
];
