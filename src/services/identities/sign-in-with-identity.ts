/**
 * Sign-in with an identity a provider vouched for (OpenID Connect, OAuth, a third-party ID
 * token), after every check of the provider's answer passed. Identities are keyed by
 * (issuer, subject), never by email (SECURITY.md §1.7, IDT-02):
 *
 * - a linked identity signs its user in;
 * - a new identity whose address an account already has is linked to that account only when
 *   the provider says it verified the address, the account's address is verified too, and
 *   `identities.autoLink` is on; an account whose address was never verified is replaced
 *   instead (pre-hijacking, EML-03); otherwise `IDENTITY_NOT_LINKED` — the person signs in the
 *   usual way and links the provider from their account;
 * - a new identity with no such account makes a new account (when sign-up is open), holding
 *   the address only if the provider verified it.
 *
 * Then the account's usual gate and end: suspended and inactive accounts are refused, and a
 * second factor is still asked for when the account has one.
 */
import type { App } from '../../core/apps.js';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { refuseUnlessMaySignIn } from '../accounts/may-sign-in.js';
import { readEmail } from '../accounts/read-email.js';
import { releaseUnverifiedAddress } from '../accounts/release-unverified-address.js';
import { mayCreateAccounts } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { runBeforeSignUp } from '../events/hooks.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import { finishSignIn } from '../sessions/finish-sign-in.js';
import type { AuthResult } from '../views.js';
import type { ExternalIdentity } from './external-identity.js';
import { newIdentity } from './link-identity.js';

export interface IdentitySignInOptions {
  /** What `user.signed_in` records as `method`: `oauth` or `id_token`. */
  readonly method: 'oauth' | 'id_token';
  /** The app signed in to, checked (`appForSignIn`) before the provider's answer was. */
  readonly app: App;
}

export async function signInWithIdentity(
  ctx: ServiceContext,
  external: ExternalIdentity,
  client: ClientInfo,
  options: IdentitySignInOptions,
): Promise<AuthResult | MfaChallenge> {
  const failed = async (reason: string, error: GatehouseError, userId: User['id'] | null = null) => {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      userId,
      client,
      data: { method: options.method, provider: external.provider, reason },
    });
    return error;
  };
  const user = await accountFor(ctx, external, client, failed, options);
  await refuseUnlessMaySignIn(
    ctx,
    user,
    (reason, error) => failed(reason, error, user.id),
    () => new GatehouseError('INVALID_CREDENTIALS', 'This account cannot sign in'),
  );
  return finishSignIn(
    ctx,
    user,
    {
      app: options.app,
      credentialId: null,
      amr: ['fed'],
      method: options.method,
      data: { provider: external.provider },
    },
    client,
  );
}

type Failed = (reason: string, error: GatehouseError, userId?: User['id'] | null) => Promise<GatehouseError>;

/** The account the identity signs in to: linked, linked now, or new. Retries once after a lost race. */
async function accountFor(
  ctx: ServiceContext,
  external: ExternalIdentity,
  client: ClientInfo,
  failed: Failed,
  options: IdentitySignInOptions,
  retry = true,
): Promise<User> {
  const { method } = options;
  const mayCreate = mayCreateAccounts(ctx, options.app);
  const now = ctx.clock.now();
  const linked = await ctx.store.identities.findBySubject(external.issuer, external.subject);
  if (linked) {
    const user = await ctx.store.users.findById(linked.userId);
    if (user) {
      await ctx.store.identities.touch(linked.id, external.email, external.emailVerified, now);
      return user;
    }
  }

  const email = providerEmail(external.email);
  const holder = email === null ? null : await ctx.store.users.findByEmail(email);
  const proven = email !== null && external.emailVerified;
  if (holder) {
    if (proven && holder.emailVerified && ctx.settings.identities.autoLink) {
      const identity = newIdentity(ctx, holder.id, external, now);
      if (!(await ctx.store.identities.link(identity))) {
        if (retry) return accountFor(ctx, external, client, failed, options, false);
        throw await failed('race', notLinked(), holder.id);
      }
      await ctx.events.emit({
        type: 'identity.linked',
        userId: holder.id,
        client,
        data: { provider: external.provider, automatic: true },
      });
      return holder;
    }
    // Only when the fresh account may be made: removing it and then refusing sign-up would just
    // destroy the account (an operator's invitation, say) and let nobody in.
    if (!proven || !mayCreate) throw await failed('identity_not_linked', notLinked(), holder.id);
  }

  if (!mayCreate) {
    throw await failed('sign_up_closed', new GatehouseError('SIGN_UP_CLOSED', 'Sign-up is closed'));
  }
  // An account that could never sign in is not made: with `requireEmailVerified`, only a
  // provider that verified the address may create one.
  if (ctx.settings.requireEmailVerified && !proven) {
    throw await failed(
      'email_not_verified',
      new GatehouseError(
        'EMAIL_NOT_VERIFIED',
        'The provider has not verified an email address for this account',
      ),
    );
  }
  // Asked before anything is removed, so a refusal leaves everything as it was. An address the
  // provider did not verify is not the account's: it could be anyone's.
  const allowed = await runBeforeSignUp(ctx.hooks, {
    email: proven ? email : null,
    name: external.name?.trim().slice(0, 200) || null,
    method,
    provider: external.provider,
  });
  if (holder && !(await releaseUnverifiedAddress(ctx, holder, 'address_proven_by_provider'))) {
    throw await failed('identity_not_linked', notLinked(), holder.id);
  }
  const user: User = {
    id: newId('usr', now, ctx.random),
    email: allowed.email,
    username: null,
    emailVerified: proven,
    name: allowed.name,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  const created = await ctx.store.identities.createUser(user, newIdentity(ctx, user.id, external, now));
  if (created !== 'created') {
    if (retry) return accountFor(ctx, external, client, failed, options, false);
    throw await failed('race', notLinked());
  }
  await ctx.events.emit({
    type: 'user.created',
    userId: user.id,
    client,
    data: { method: 'identity', provider: external.provider },
  });
  await ctx.events.emit({
    type: 'identity.linked',
    userId: user.id,
    client,
    data: { provider: external.provider, automatic: false },
  });
  return user;
}

const notLinked = () =>
  new GatehouseError(
    'IDENTITY_NOT_LINKED',
    'An account already uses this email address; sign in to it and link this provider from there',
  );

/** The provider's address in canonical form, or null when it gave none or one we cannot use. */
function providerEmail(email: string | null): string | null {
  if (email === null) return null;
  try {
    return readEmail(email);
  } catch {
    return null;
  }
}
