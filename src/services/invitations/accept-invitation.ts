/**
 * Accepts an invitation with the token from its mail (`POST /auth/invitations/accept`, the
 * `/accept-invitation` page). The token proves that its holder controls the invited address —
 * nothing more:
 *
 * - An account whose VERIFIED address is the invited one becomes a member of the app with the
 *   invited role (a membership it already has is kept as it is), and the answer is
 *   `{accepted: true, appId, role}` with NO session: a mailed link is not the account's
 *   password or second factor, so the person then signs in as usual. A `password` sent along
 *   is ignored; it never replaces the account's.
 * - An UNVERIFIED account holding the address loses it first (EML-03, as for every proof by
 *   mail): whoever made it never proved the address. Then, as for no account:
 * - No account: a new one with that address, verified, with `password` when given (the same
 *   rules and breached-password check as sign-up; checked before the link is spent, so a weak
 *   choice can be corrected) or none (the person uses a reset or magic link later), a member with
 *   the invited role, and a session at the invitation's app — an `AuthResult`, as sign-up.
 *   The operator's invitation is the consent: `openSignUp` and the `beforeSignUp` hook do not
 *   apply, and the app's invite-only setting is what invitations are for.
 *
 * The invitation is spent exactly once, even when it arrives many times at once: one request
 * succeeds, the others get `LINK_USED`. An unknown or revoked invitation is `LINK_INVALID`, an
 * expired one `LINK_EXPIRED`, as with every mailed link; a disabled app is `APP_INACTIVE`.
 * Emits `invitation.accepted` (and `user.created` for a new account).
 */
import type { App, Invitation } from '../../core/apps.js';
import type { PasswordCredential, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { type AppId, newId } from '../../core/ids.js';
import type { TokenHash } from '../../core/secrets.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import { newPasswordCredential } from '../accounts/new-password-credential.js';
import { readName } from '../accounts/read-email.js';
import { releaseUnverifiedAddress } from '../accounts/release-unverified-address.js';
import { joinApp } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { startSession } from '../sessions/start-session.js';
import { linkError, readLinkToken } from '../verification/mail-link.js';
import type { AuthResult } from '../views.js';

export interface AcceptInvitationInput {
  readonly token: string;
  /** For a new account only: its first password (optional). */
  readonly password?: string | null;
  /** For a new account only. */
  readonly name?: string | null;
}

/** An existing account joined the app; no session (it signs in as usual). */
export interface InvitationAccepted {
  readonly accepted: true;
  readonly appId: AppId;
  readonly role: string;
}

export type AcceptInvitationResult = InvitationAccepted | AuthResult;

/** Whether an accepted invitation made a new account (and signed it in). */
export function isNewAccount(result: AcceptInvitationResult): result is AuthResult {
  return 'accessToken' in result;
}

export async function acceptInvitation(
  ctx: ServiceContext,
  input: AcceptInvitationInput,
  client: ClientInfo = {},
): Promise<AcceptInvitationResult> {
  const hash = readLinkToken(input?.token);
  const password = readOptionalPassword(input.password);
  const name = readName(input.name);
  const invitation = await openInvitation(ctx, hash, client);
  const app = await ctx.apps.fresh(invitation.appId);
  if (!app || !(await ctx.store.roles.find(app.id, invitation.role))) throw linkError('unknown');
  if (app.status !== 'active') throw new GatehouseError('APP_INACTIVE', 'This app is disabled');
  const found = await ctx.store.users.findByEmail(invitation.email);
  if (found?.emailVerified) return joinExisting(ctx, hash, invitation, app, found, client);
  return joinNew(ctx, hash, invitation, app, found, { password, name }, client);
}

async function joinExisting(
  ctx: ServiceContext,
  hash: TokenHash,
  invitation: Invitation,
  app: App,
  user: User,
  client: ClientInfo,
): Promise<InvitationAccepted> {
  await consume(ctx, hash, user, client);
  await joinApp(ctx, user, app, client, { role: invitation.role });
  await accepted(ctx, invitation, user, false, client);
  return { accepted: true, appId: app.id, role: invitation.role };
}

async function joinNew(
  ctx: ServiceContext,
  hash: TokenHash,
  invitation: Invitation,
  app: App,
  squatter: User | null,
  chosen: { readonly password: string | null; readonly name: string | null },
  client: ClientInfo,
): Promise<InvitationAccepted | AuthResult> {
  let passwordHash = null;
  if (chosen.password !== null) {
    checkNewPassword(chosen.password, { minLength: ctx.settings.passwordMinLength });
    await refuseBreachedPassword(ctx, chosen.password);
    passwordHash = await ctx.hasher.hash(chosen.password);
  }
  const now = ctx.clock.now();
  const user: User = {
    id: newId('usr', now, ctx.random),
    email: invitation.email,
    username: null,
    emailVerified: true,
    name: chosen.name,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  const credential: PasswordCredential | null =
    passwordHash === null ? null : newPasswordCredential(ctx, user.id, passwordHash, null, now);
  if (squatter) await releaseUnverifiedAddress(ctx, squatter, 'address_proven_by_mail');
  try {
    if (credential) await ctx.store.users.createWithPassword(user, credential);
    else await ctx.store.users.create(user);
  } catch (error) {
    if (!(error instanceof GatehouseError && error.code === 'USER_EXISTS')) throw error;
    // The address was proven at the same moment (this invitation accepted twice at once, or
    // another mailed link): that verified account is the owner's, and joins as any other.
    const winner = await ctx.store.users.findByEmail(invitation.email);
    if (winner?.emailVerified) return joinExisting(ctx, hash, invitation, app, winner, client);
    throw linkError('unknown');
  }
  await ctx.events.emit({
    type: 'user.created',
    userId: user.id,
    client,
    data: { method: 'invitation', emailVerified: true },
  });
  // Spent only now, since it records who accepted it. Should it fail here (a concurrent accept
  // spent it first, or it expired a moment ago), the new account stays: its owner proved the
  // address, and it holds nothing the owner did not choose.
  await consume(ctx, hash, user, client);
  await joinApp(ctx, user, app, client, { role: invitation.role });
  const result = await startSession(ctx, user, credential?.id ?? null, client, {
    appId: app.id,
    amr: ['email'],
  });
  await accepted(ctx, invitation, user, true, client, result.session.id);
  return result;
}

/** The invitation behind `hash` while it is open; the `LINK_*` error otherwise. */
async function openInvitation(ctx: ServiceContext, hash: TokenHash, client: ClientInfo): Promise<Invitation> {
  const invitation = await ctx.store.invitations.findByToken(hash);
  const reason =
    invitation === null || invitation.revokedAt !== null
      ? 'unknown'
      : invitation.acceptedAt !== null
        ? 'used'
        : ctx.clock.now() >= invitation.expiresAt
          ? 'expired'
          : null;
  if (reason === null) return invitation!;
  throw await refused(ctx, reason, invitation, client);
}

/** Spends the invitation for `user`, exactly once. */
async function consume(ctx: ServiceContext, hash: TokenHash, user: User, client: ClientInfo): Promise<void> {
  const used = await ctx.store.invitations.consume(hash, user.id, ctx.clock.now());
  if (used.ok) return;
  const reason = used.reason === 'revoked' ? 'unknown' : used.reason;
  throw await refused(ctx, reason, await ctx.store.invitations.findByToken(hash), client);
}

async function refused(
  ctx: ServiceContext,
  reason: 'unknown' | 'used' | 'expired',
  invitation: Invitation | null,
  client: ClientInfo,
): Promise<GatehouseError> {
  await ctx.events.emit({
    type: 'invitation.accepted',
    outcome: 'failure',
    client,
    data: {
      reason: invitation?.revokedAt ? 'link_revoked' : `link_${reason}`,
      ...(invitation ? { appId: invitation.appId, invitationId: invitation.id } : {}),
    },
  });
  return linkError(reason);
}

async function accepted(
  ctx: ServiceContext,
  invitation: Invitation,
  user: User,
  newAccount: boolean,
  client: ClientInfo,
  sessionId?: AuthResult['session']['id'],
): Promise<void> {
  await ctx.events.emit({
    type: 'invitation.accepted',
    userId: user.id,
    sessionId: sessionId ?? null,
    client,
    data: { appId: invitation.appId, invitationId: invitation.id, role: invitation.role, newAccount },
  });
}

/** An absent or empty password is none; anything else must be a string. */
function readOptionalPassword(input: unknown): string | null {
  if (input === undefined || input === null || input === '') return null;
  if (typeof input !== 'string') throw new GatehouseError('VALIDATION_ERROR', 'password must be a string');
  return input;
}
