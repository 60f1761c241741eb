/**
 * Membership at sign-in: a member signs in as they are; a first sign-in (or sign-up) to an open
 * app makes the person a member with the app's default role and plan; an invite-only app refuses
 * non-members with 403 `NOT_A_MEMBER` — only after their first factor passed, so the answer
 * tells nothing to someone who does not hold the account.
 */
import type { App, Membership } from '../../core/apps.js';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';

export async function joinApp(
  ctx: ServiceContext,
  user: User,
  app: App,
  client: ClientInfo = {},
  invited?: { readonly role: string },
  { announce = true }: { readonly announce?: boolean } = {},
): Promise<Membership> {
  const existing = await ctx.store.memberships.find(app.id, user.id);
  if (existing) return existing;
  if (app.signUp !== 'open' && !invited) {
    throw new GatehouseError('NOT_A_MEMBER', 'This app is by invitation only');
  }
  const now = ctx.clock.now();
  const { membership, created } = await ctx.store.memberships.ensure({
    appId: app.id,
    userId: user.id,
    roles: [invited?.role ?? app.defaultRole],
    plan: app.defaultPlan,
    permissions: [],
    createdAt: now,
    updatedAt: now,
  });
  if (created && announce) await announceMembership(ctx, membership, client);
  return membership;
}

/**
 * `membership.created`. A new account's first membership is announced after `user.created`
 * (`announce: false` above, then this), so a listener meets the user before the membership.
 */
export async function announceMembership(
  ctx: ServiceContext,
  membership: Membership,
  client: ClientInfo = {},
): Promise<void> {
  await ctx.events.emit({
    type: 'membership.created',
    userId: membership.userId,
    client,
    data: { appId: membership.appId, roles: membership.roles.join(','), plan: membership.plan },
  });
}

/**
 * Whether a sign-in that finds no account (a provider's identity, a mailed link) may make one:
 * sign-up open on the instance (`openSignUp`) and at the app.
 */
export function mayCreateAccounts(ctx: ServiceContext, app: App): boolean {
  return ctx.settings.openSignUp && app.signUp === 'open';
}

/** For sign-up paths, before an account is made: an invite-only app takes no new accounts. */
export function refuseSignUpUnlessOpen(app: App): void {
  if (app.signUp !== 'open') {
    throw new GatehouseError('SIGN_UP_CLOSED', 'This app is by invitation only');
  }
}
