/**
 * Links a provider's identity to a user who is signed in and asked for it (the OAuth flow
 * started with the link intent, or an ID token presented with a session). The provider's email
 * plays no part: the user proved both sides. An identity linked to someone else is refused
 * (`IDENTITY_IN_USE`); linking one already theirs only records its use.
 */
import { GatehouseError } from '../../core/errors.js';
import { type IdentityId, newId, type SessionId, type UserId } from '../../core/ids.js';
import type { Identity } from '../../store/ports/identity-store.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import type { ExternalIdentity } from './external-identity.js';

export async function linkIdentity(
  ctx: ServiceContext,
  userId: UserId,
  sessionId: SessionId | null,
  external: ExternalIdentity,
  client: ClientInfo = {},
): Promise<Identity> {
  const now = ctx.clock.now();
  const inUse = () =>
    new GatehouseError('IDENTITY_IN_USE', 'That account at the provider is linked to another user');
  const existing = await ctx.store.identities.findBySubject(external.issuer, external.subject);
  if (existing) {
    if (existing.userId !== userId) throw inUse();
    await ctx.store.identities.touch(existing.id, external.email, external.emailVerified, now);
    return existing;
  }
  const identity = newIdentity(ctx, userId, external, now);
  // Lost a race with another link or sign-in of the same identity: whoever stored it first has it.
  if (!(await ctx.store.identities.link(identity))) throw inUse();
  await ctx.events.emit({
    type: 'identity.linked',
    userId,
    sessionId,
    client,
    data: { provider: external.provider, automatic: false },
  });
  return identity;
}

export function newIdentity(
  ctx: ServiceContext,
  userId: UserId,
  external: ExternalIdentity,
  now: number,
): Identity {
  return {
    id: newId('idn', now, ctx.random) as IdentityId,
    userId,
    provider: external.provider,
    issuer: external.issuer,
    subject: external.subject,
    email: external.email,
    emailVerified: external.emailVerified,
    createdAt: now,
    lastUsedAt: now,
  };
}
