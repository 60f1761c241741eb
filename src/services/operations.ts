/** Every use case bound to one instance's context: what `http/` and the facade call. */

import { authorize, type Requirement } from './access/authorize.js';
import { can } from './access/can.js';
import { type Caller, type CallerOptions, resolveCaller } from './access/resolve-caller.js';
import { type ChangePasswordInput, changePassword } from './accounts/change-password.js';
import { deleteAccount } from './accounts/delete-account.js';
import { exportData } from './accounts/export-data.js';
import { type SetPasswordInput, setPassword } from './accounts/set-password.js';
import { type SignInInput, type SignInOptions, signIn } from './accounts/sign-in.js';
import { type SignUpInput, signUp, signUpPendingVerification } from './accounts/sign-up.js';
import { verifyPassword } from './accounts/verify-password.js';
import { adminOperations } from './admin/admin-operations.js';
import { type AppReach, changeableApp, checkTenantAppPatch, reachApp } from './admin/app-reach.js';
import { inviteInReach } from './admin/invite-in-reach.js';
import { listAppsInReach } from './admin/list-apps-in-reach.js';
import { appCorsOrigins } from './apps/app-cors-origins.js';
import { createApp, type NewApp } from './apps/create-app.js';
import { getApp } from './apps/get-app.js';
import { rotateAppSecret } from './apps/rotate-app-secret.js';
import { type AppPatch, updateApp } from './apps/update-app.js';
import type { ClientInfo, ServiceContext } from './context.js';
import { cancelEmailChange } from './email-change/cancel-email-change.js';
import { confirmEmailChange } from './email-change/confirm-email-change.js';
import { type ChangeEmailInput, requestEmailChange } from './email-change/request-email-change.js';
import type { IdTokenInput } from './id-tokens/identity-from-id-token.js';
import { linkIdToken } from './id-tokens/link-id-token.js';
import { signInWithIdToken } from './id-tokens/sign-in-with-id-token.js';
import { listIdentities } from './identities/list-identities.js';
import { unlinkIdentity } from './identities/unlink-identity.js';
import { type AcceptInvitationInput, acceptInvitation } from './invitations/accept-invitation.js';
import type { NewInvitation } from './invitations/create-invitation.js';
import { listInvitations } from './invitations/list-invitations.js';
import { revokeInvitation } from './invitations/revoke-invitation.js';
import { limitRoute } from './limits/limits.js';
import { addMember, type NewMember } from './memberships/add-member.js';
import type { MemberChangeOptions } from './memberships/change-membership.js';
import { grantRole } from './memberships/grant-role.js';
import { listMembers, type MemberPageQuery } from './memberships/list-members.js';
import { listMyApps } from './memberships/list-my-apps.js';
import { removeMember } from './memberships/remove-member.js';
import { revokeRole } from './memberships/revoke-role.js';
import { setMemberPermissions } from './memberships/set-permissions.js';
import { setPlan } from './memberships/set-plan.js';
import { setRoles } from './memberships/set-roles.js';
import { listFactors } from './mfa/list-factors.js';
import { type ReauthenticateInput, reauthenticate } from './mfa/reauthenticate.js';
import { type VerifyMfaInput, verifyMfa } from './mfa/verify-mfa.js';
import { type ExchangeOAuthCodeInput, exchangeOAuthCode } from './oauth/exchange-oauth-code.js';
import { handleOAuthCallback, type OAuthCallbackInput } from './oauth/handle-callback.js';
import { resumeOAuthMfa } from './oauth/resume-oauth-mfa.js';
import { type StartOAuthInput, startOAuth } from './oauth/start-oauth.js';
import { deletePasskey } from './passkeys/delete-passkey.js';
import { listPasskeys } from './passkeys/list-passkeys.js';
import { passkeyReauthOptions } from './passkeys/reauth-options.js';
import { type RegisterPasskeyInput, registerPasskey } from './passkeys/register-passkey.js';
import { passkeyRegistrationOptions } from './passkeys/registration-options.js';
import { renamePasskey } from './passkeys/rename-passkey.js';
import { passkeyMfaOptions } from './passkeys/second-factor-options.js';
import { passkeySignInOptions } from './passkeys/sign-in-options.js';
import { type PasskeySignInInput, signInWithPasskey } from './passkeys/sign-in-with-passkey.js';
import { requestEmailCode } from './passwordless/request-email-code.js';
import { requestMagicLink } from './passwordless/request-magic-link.js';
import { type EmailCodeSignIn, signInWithEmailCode } from './passwordless/verify-email-code.js';
import { signInWithMagicLink } from './passwordless/verify-magic-link.js';
import { requestPasswordReset } from './passwords/request-reset.js';
import { resetPassword } from './passwords/reset-password.js';
import { createPat } from './pats/create-pat.js';
import { listPats } from './pats/list-pats.js';
import { type PatView, patView } from './pats/pat-view.js';
import { revokeAllPats } from './pats/revoke-all-pats.js';
import { revokePat } from './pats/revoke-pat.js';
import { verifyPat } from './pats/verify-pat.js';
import { confirmPhone } from './phone/confirm-phone.js';
import { removePhone } from './phone/remove-phone.js';
import { sendReauthCode } from './phone/send-reauth-code.js';
import { sendSignInCode } from './phone/send-sign-in-code.js';
import { startPhoneSetup } from './phone/start-phone-setup.js';
import { getMe } from './profile/get-me.js';
import { updateProfile } from './profile/update-profile.js';
import { regenerateRecoveryCodes } from './recovery-codes/regenerate-recovery-codes.js';
import { createRole, type NewRole } from './roles/create-role.js';
import { deleteRole } from './roles/delete-role.js';
import { listRoles } from './roles/list-roles.js';
import { memberPermissions } from './roles/permissions-of.js';
import { type RolePatch, updateRole } from './roles/update-role.js';
import type { AccessTokenClaims } from './sessions/access-tokens.js';
import { getSession } from './sessions/get-session.js';
import { getSignedIn } from './sessions/get-signed-in.js';
import { listSessions } from './sessions/list-sessions.js';
import { refresh } from './sessions/refresh.js';
import { revokeRefreshToken } from './sessions/revoke-refresh-token.js';
import { revokeSession } from './sessions/revoke-session.js';
import { type SignOutOptions, signOut } from './sessions/sign-out.js';
import { activateTotp } from './totp/activate-totp.js';
import { enrollTotp } from './totp/enroll-totp.js';
import { removeTotp } from './totp/remove-totp.js';
import { signInWithUsername, type UsernameSignInInput } from './usernames/sign-in-with-username.js';
import { signUpWithUsername, type UsernameSignUpInput } from './usernames/sign-up-with-username.js';
import { resendVerification } from './verification/resend-verification.js';
import { verifyEmail } from './verification/verify-email.js';
import { type PublicSession, type PublicUser, publicSession, publicUser } from './views.js';

export function createOperations(ctx: ServiceContext) {
  return {
    /** Origins the active apps allow for CORS (the HTTP core's, not a public operation). */
    appCorsOrigins: () => appCorsOrigins(ctx),
    /** CSRF tokens of the pages' forms (the HTTP core's, not a public operation). */
    formTokens: () => ctx.formTokens,
    signUp: (input: SignUpInput, client?: ClientInfo) => signUp(ctx, input, client),
    /** Sign-up without a session, one answer for new and taken addresses (see `requireEmailVerified`). */
    signUpPendingVerification: (input: SignUpInput, client?: ClientInfo) =>
      signUpPendingVerification(ctx, input, client),
    /** Email + password sign-in; `options.sessionTtl` shortens the session (seconds, at most `sessionAbsoluteTtl`). */
    signIn: (input: SignInInput, client?: ClientInfo, options?: SignInOptions) =>
      signIn(ctx, input, client, options),
    /** Username sign-up (email optional): a session, or `{accepted: true}` with `requireEmailVerified`. */
    signUpWithUsername: (input: UsernameSignUpInput, client?: ClientInfo) =>
      signUpWithUsername(ctx, input, client),
    /** Username + password sign-in, with email sign-in's answers, timing and lockout. */
    signInWithUsername: (input: UsernameSignInInput, client?: ClientInfo, options?: SignInOptions) =>
      signInWithUsername(ctx, input, client, options),
    /** Finishes a sign-in that answered `mfaRequired` with a second factor; returns the session. */
    verifyMfa: (input: VerifyMfaInput, client?: ClientInfo) => verifyMfa(ctx, input, client),
    /** Proves again who is behind a session (password or a second factor); returns a new access token. */
    reauthenticate: (accessToken: string, input: ReauthenticateInput, client?: ClientInfo) =>
      reauthenticate(ctx, accessToken, input, client),
    /** The caller's second factors (no secrets) and what a sign-in would ask for. */
    listFactors: (accessToken: string) => listFactors(ctx, accessToken),
    /** Starts adding an authenticator app: secret, otpauth URI, QR code (recent sign-in needed). */
    enrollTotp: (accessToken: string) => enrollTotp(ctx, accessToken),
    /** Turns the authenticator app on with a first code; recovery codes when the user had none. */
    activateTotp: (accessToken: string, code: unknown, client?: ClientInfo) =>
      activateTotp(ctx, accessToken, code, client),
    /** Removes the authenticator app (recent sign-in needed). */
    removeTotp: (accessToken: string, client?: ClientInfo) => removeTotp(ctx, accessToken, client),
    /** A new set of recovery codes; the old one stops working (recent sign-in needed). */
    regenerateRecoveryCodes: (accessToken: string, client?: ClientInfo) =>
      regenerateRecoveryCodes(ctx, accessToken, client),
    /** Starts adding a phone: texts a code to the number (recent sign-in needed). */
    startPhoneSetup: (accessToken: string, phone: unknown) => startPhoneSetup(ctx, accessToken, phone),
    /** Finishes adding a phone with the code it received; recovery codes when the user had none. */
    confirmPhone: (accessToken: string, code: unknown, client?: ClientInfo) =>
      confirmPhone(ctx, accessToken, code, client),
    /** Removes the phone, the SMS factor (recent sign-in needed). */
    removePhone: (accessToken: string, client?: ClientInfo) => removePhone(ctx, accessToken, client),
    /** Texts the code that finishes a pending sign-in (then `verifyMfa` with method `sms`). */
    sendSignInSmsCode: (mfaToken: string, client?: ClientInfo) => sendSignInCode(ctx, mfaToken, client),
    /** Texts a code for reauthenticating (then `reauthenticate` with method `sms`). */
    sendReauthSmsCode: (accessToken: string) => sendReauthCode(ctx, accessToken),
    /** Options for `navigator.credentials.create()` to add a passkey (recent sign-in needed). */
    passkeyRegistrationOptions: (accessToken: string) => passkeyRegistrationOptions(ctx, accessToken),
    /** Adds a passkey from the browser's answer; `PASSKEY_REJECTED` names the failed check. */
    registerPasskey: (accessToken: string, input: RegisterPasskeyInput, client?: ClientInfo) =>
      registerPasskey(ctx, accessToken, input, client),
    /** The caller's passkeys (names, dates, backup state; never a key). */
    listPasskeys: (accessToken: string) => listPasskeys(ctx, accessToken),
    renamePasskey: (accessToken: string, passkeyId: string, name: unknown) =>
      renamePasskey(ctx, accessToken, passkeyId, name),
    /** Removes one of the caller's passkeys (recent sign-in needed). */
    deletePasskey: (accessToken: string, passkeyId: string, client?: ClientInfo) =>
      deletePasskey(ctx, accessToken, passkeyId, client),
    /** Options for `navigator.credentials.get()` to sign in with a passkey and no password. */
    passkeySignInOptions: () => passkeySignInOptions(ctx),
    /** Sign-in with a passkey and no password: a session, or an MFA challenge (see docs/passkeys.md). */
    signInWithPasskey: (input: PasskeySignInInput, client?: ClientInfo) =>
      signInWithPasskey(ctx, input, client),
    /** Mails a sign-in link when the address may have one; returns at once and says nothing (docs/passwordless.md). */
    requestMagicLink: (email: string, client?: ClientInfo) => requestMagicLink(ctx, email, client),
    /** Signs in with a magic link's token: a session, or an MFA challenge; makes the account on first use. */
    signInWithMagicLink: (token: string, client?: ClientInfo) => signInWithMagicLink(ctx, token, client),
    /** Mails a 6-digit sign-in code when the address may have one; returns at once and says nothing. */
    requestEmailCode: (email: string, client?: ClientInfo) => requestEmailCode(ctx, email, client),
    /** Signs in with the mailed code: a session, or an MFA challenge; `INVALID_CODE` otherwise. */
    signInWithEmailCode: (input: EmailCodeSignIn, client?: ClientInfo) =>
      signInWithEmailCode(ctx, input, client),
    /** Options for the passkey step of a two-step sign-in (the `mfaToken` names it). */
    passkeyMfaOptions: (mfaToken: string, client?: ClientInfo) => passkeyMfaOptions(ctx, mfaToken, client),
    /** The caller's linked identities (providers they sign in with). */
    listIdentities: (accessToken: string) => listIdentities(ctx, accessToken),
    /** Unlinks a provider (recent sign-in needed); `LAST_SIGN_IN_METHOD` when it is the only way in. */
    unlinkIdentity: (accessToken: string, identityId: string, client?: ClientInfo) =>
      unlinkIdentity(ctx, accessToken, identityId, client),
    /** Starts a sign-in (or a link) at a provider: the URL to send the browser to and its binding cookie (docs/social-login.md). */
    startOAuth: (input: StartOAuthInput) => startOAuth(ctx, input),
    /** Checks a provider's answer at the callback; the outcome says where the browser goes next (`callbackLocation`). */
    handleOAuthCallback: (input: OAuthCallbackInput, client?: ClientInfo) =>
      handleOAuthCallback(ctx, input, client),
    /** Code mode: a callback's one-time code plus the app's PKCE verifier → a session or an MFA challenge. */
    exchangeOAuthCode: (input: ExchangeOAuthCodeInput, client?: ClientInfo) =>
      exchangeOAuthCode(ctx, input, client),
    /** Cookie mode: the MFA challenge of a provider sign-in whose `mfaToken` the callback kept in a cookie. */
    resumeOAuthMfa: (mfaToken: string, client?: ClientInfo) => resumeOAuthMfa(ctx, mfaToken, client),
    /** Sign-in with a Firebase, Google, Apple… ID token: a session, or an MFA challenge (docs/id-tokens.md). */
    signInWithIdToken: (input: IdTokenInput, client?: ClientInfo) => signInWithIdToken(ctx, input, client),
    /** Links the identity an ID token proves to the caller (recent sign-in needed). */
    linkIdToken: (accessToken: string, input: IdTokenInput, client?: ClientInfo) =>
      linkIdToken(ctx, accessToken, input, client),
    /** Options for reauthenticating with a passkey. */
    passkeyReauthOptions: (accessToken: string) => passkeyReauthOptions(ctx, accessToken),
    /** Checks an email and password like sign-in (lockout, timing, answers) without creating a session. */
    verifyPassword: (input: SignInInput, client?: ClientInfo) => verifyPassword(ctx, input, client),
    refresh: (refreshToken: string) => refresh(ctx, refreshToken),
    /** Ends the session a refresh token belongs to; silent whether or not the token was valid (RFC 7009). */
    revokeRefreshToken: (refreshToken: string) => revokeRefreshToken(ctx, refreshToken),
    /** The signed-in user's own password change: other sessions end, the caller gets new tokens. */
    changePassword: (accessToken: string, input: ChangePasswordInput, client?: ClientInfo) =>
      changePassword(ctx, accessToken, input, client),
    /** A first password for an account without one (recent sign-in needed); `PASSWORD_EXISTS` otherwise. */
    setPassword: (accessToken: string, input: SetPasswordInput, client?: ClientInfo) =>
      setPassword(ctx, accessToken, input, client),
    /**
     * Ends the caller's session; with `{everywhere: true}` every session of the user, with
     * `{others: true}` every one but the caller's.
     */
    signOut: (accessToken: string, options?: SignOutOptions) => signOut(ctx, accessToken, options),
    /** The live session behind an access token, or throws (`INVALID_TOKEN`, `TOKEN_EXPIRED`, `SESSION_NOT_FOUND`). */
    getSession: async (accessToken: string): Promise<{ user: PublicUser; session: PublicSession }> => {
      const found = await getSession(ctx, accessToken);
      return { user: publicUser(found.user), session: publicSession(found.session) };
    },
    /** `getSession` and `getMe` in one read (the hosted pages, on every request). */
    getSignedIn: (accessToken: string) => getSignedIn(ctx, accessToken),
    /** Signature and claims only — what another service does with the JWKS. No revocation check. */
    verifyAccessToken: (accessToken: string): Promise<AccessTokenClaims> =>
      ctx.accessTokens.verify(accessToken),
    listSessions: (accessToken: string) => listSessions(ctx, accessToken),
    revokeSession: (accessToken: string, sessionId: string) => revokeSession(ctx, accessToken, sessionId),
    /** Uses an email-verification link's token; returns the user, now verified. */
    verifyEmail: (token: string) => verifyEmail(ctx, token),
    /** Mails a new verification link if the address has an unverified account; says nothing either way. */
    resendVerification: (email: string) => resendVerification(ctx, email),
    /** Starts a password reset; returns at once and says nothing about whether the account exists. */
    requestPasswordReset: async (email: string, client?: ClientInfo) =>
      requestPasswordReset(ctx, email, client),
    /** Sets a new password with a reset link's token; every session of the account ends. */
    resetPassword: (token: string, newPassword: string, client?: ClientInfo) =>
      resetPassword(ctx, token, newPassword, client),
    /** Mails a confirmation link to the new address and a notice (with a cancel link) to the old one. */
    requestEmailChange: (accessToken: string, input: ChangeEmailInput, client?: ClientInfo) =>
      requestEmailChange(ctx, accessToken, input, client),
    /** Uses the new address's link; other sessions end (the caller's, when given, continues). */
    confirmEmailChange: (token: string, accessToken?: string, client?: ClientInfo) =>
      confirmEmailChange(ctx, token, accessToken, client),
    /** Uses the old address's link: cancels a pending change or undoes a done one. */
    cancelEmailChange: (token: string, client?: ClientInfo) => cancelEmailChange(ctx, token, client),
    /** The signed-in user with their profile; from an access token or a caller `resolveCaller` gave. */
    getMe: (accessToken: string | Caller) => getMe(ctx, accessToken),
    /** Changes allow-listed profile fields; anything else is refused with nothing changed. */
    updateProfile: (accessToken: string | Caller, patch: unknown, client?: ClientInfo) =>
      updateProfile(ctx, accessToken, patch, client),
    /** Deletes the signed-in user's account (password required): soft or hard, per settings. */
    deleteAccount: (accessToken: string, password: string, client?: ClientInfo) =>
      deleteAccount(ctx, accessToken, password, client),
    /** Everything held about the signed-in user, as JSON. */
    exportData: (accessToken: string, client?: ClientInfo) => exportData(ctx, accessToken, client),
    /** Whether password hashing is saturated (HTTP refuses hashing routes at once meanwhile). */
    hashingSaturated: () => ctx.hasher.saturated === true,
    /** Counts a limited route's request from a client address (HTTP only; see `http/route.ts`). */
    limitRoute: (route: string, address: string) => limitRoute(ctx, route, address),
    /** A personal access token for the caller, at their session's app: the token is in this answer only. */
    createPat: (accessToken: string, input: unknown, client?: ClientInfo) =>
      createPat(ctx, accessToken, input, client),
    /** The caller's personal access tokens that are not revoked (never a secret). */
    listPats: (accessToken: string) => listPats(ctx, accessToken),
    /** Revokes one of the caller's personal access tokens; another user's or an unknown id is `NOT_FOUND`. */
    revokePat: (accessToken: string, patId: string, client?: ClientInfo) =>
      revokePat(ctx, accessToken, patId, client),
    /** Revokes every personal access token of the caller; returns how many. */
    revokeAllPats: (accessToken: string, client?: ClientInfo) => revokeAllPats(ctx, accessToken, client),
    /** The user and token behind a PAT bearer, or throws `INVALID_TOKEN` (malformed, wrong, revoked, expired, user not active). */
    verifyPat: async (token: string): Promise<{ user: PublicUser; pat: PatView }> => {
      const found = await verifyPat(ctx, token);
      return { user: publicUser(found.user), pat: patView(found.pat) };
    },
    /** Who a bearer (access token or PAT) is at an app, with the live membership; see docs/access-control.md. */
    resolveCaller: (token: string, options?: CallerOptions) => resolveCaller(ctx, token, options),
    /** Resolves when the caller meets every part of `requirement`; else 403 (INSUFFICIENT_ROLE/_PERMISSION/_PLAN/_SCOPE, MFA_REQUIRED). */
    authorize: (caller: Caller, requirement?: Requirement) => authorize(ctx, caller, requirement),
    /** Whether a user may do `permission` at an app (the default app when none), from the live membership. */
    can: (userId: string, permission: string, appId?: string | null) => can(ctx, userId, permission, appId),
    /** Operators: registers an app; its secret is in this answer only (docs/apps.md). */
    createApp: (input: NewApp) => createApp(ctx, input),
    /** Operators: changes an app's fields; disabling ends every session at it. */
    updateApp: async (appId: string, patch: AppPatch, scope?: AppReach) => {
      const id = changeableApp(scope, appId);
      checkTenantAppPatch(scope, patch ?? {});
      return updateApp(ctx, id, patch);
    },
    /** Operators: a new app secret, in this answer only; the old one stops working. */
    rotateAppSecret: (appId: string) => rotateAppSecret(ctx, appId),
    /** The apps within `scope` (a tenant admin: their own; absent: every app). */
    listApps: (scope?: AppReach) => listAppsInReach(ctx, scope),
    getApp: async (appId: string, scope?: AppReach) => getApp(ctx, reachApp(scope, appId)),
    /** Operators: a custom role with its permissions (`ROLE_EXISTS` for a taken name). */
    createRole: async (appId: string, input: NewRole, scope?: AppReach) =>
      createRole(ctx, changeableApp(scope, appId), input),
    listRoles: async (appId: string, scope?: AppReach) => listRoles(ctx, reachApp(scope, appId)),
    /** Operators: a role's permissions and description (admin's permissions stay `*`). */
    updateRole: async (appId: string, name: string, patch: RolePatch, scope?: AppReach) =>
      updateRole(ctx, changeableApp(scope, appId), name, patch),
    /** Operators: deletes a custom role; `ROLE_IN_USE` while members hold it. */
    deleteRole: async (appId: string, name: string, scope?: AppReach) =>
      deleteRole(ctx, changeableApp(scope, appId), name),
    /** Operators: one more role for a member; `{endSessions: true}` applies it to tokens at once. */
    grantRole: (userId: string, appId: string, role: string, options?: MemberChangeOptions) =>
      grantRole(ctx, userId, appId, role, options),
    revokeRole: (userId: string, appId: string, role: string, options?: MemberChangeOptions) =>
      revokeRole(ctx, userId, appId, role, options),
    setRoles: (userId: string, appId: string, roles: readonly string[], options?: MemberChangeOptions) =>
      setRoles(ctx, userId, appId, roles, options),
    setMemberPermissions: (
      userId: string,
      appId: string,
      permissions: readonly string[],
      options?: MemberChangeOptions,
    ) => setMemberPermissions(ctx, userId, appId, permissions, options),
    /** Operators and billing: a member's plan; a paid one needs a verified address. */
    setPlan: (userId: string, appId: string, plan: string, options?: MemberChangeOptions) =>
      setPlan(ctx, userId, appId, plan, options),
    addMember: (userId: string, appId: string, input?: NewMember) => addMember(ctx, userId, appId, input),
    /** Operators: removes a member and ends their sessions at the app. */
    removeMember: (userId: string, appId: string) => removeMember(ctx, userId, appId),
    listMembers: async (appId: string, query?: MemberPageQuery, scope?: AppReach) =>
      listMembers(ctx, reachApp(scope, appId), query),
    /** The signed-in user's apps with their roles and plan there. */
    listMyApps: (accessToken: string) => listMyApps(ctx, accessToken),
    /** What a user may do at an app (the default app when none), read live. */
    permissionsOf: (userId: string, appId?: string | null) => memberPermissions(ctx, userId, appId),
    /** Operators: mails a single-use invitation link to an address. */
    createInvitation: (input: NewInvitation, scope?: AppReach) => inviteInReach(ctx, input, scope),
    listInvitations: async (appId: string, scope?: AppReach) => listInvitations(ctx, reachApp(scope, appId)),
    revokeInvitation: async (appId: string, invitationId: string, scope?: AppReach) =>
      revokeInvitation(ctx, reachApp(scope, appId), invitationId),
    /** Accepts an invitation: a new account gets a session; an existing one joins and signs in as usual. */
    acceptInvitation: (input: AcceptInvitationInput, client?: ClientInfo) =>
      acceptInvitation(ctx, input, client),
    /** Operators: the admin API's and the CLI's (see `admin/admin-operations.ts`). */
    ...adminOperations(ctx),
    jwks: () => ctx.keyring.jwks(),
    ping: () => ctx.store.ping(),
  };
}

export type Operations = ReturnType<typeof createOperations>;
