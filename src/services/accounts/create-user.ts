/**
 * Operators: creates an account without a password (an invitation, an import by hand, a
 * migration in steps). It can sign in once it has one: `addPasswordCredential`, or a reset link
 * (`requestPasswordReset`) with which the user sets the first password. No mail is sent and the
 * `beforeSignUp` hook does not run: this is not a sign-up. A display name, when given, follows
 * the profile's rules (as `updateUser`'s).
 */
import { newId } from '../../core/ids.js';
import type { ServiceContext } from '../context.js';
import { readProfilePatch } from '../profile/profile-patch.js';
import { type PublicUser, publicUser } from '../views.js';
import { readEmail, readName } from './read-email.js';

export interface NewUser {
  readonly email: string;
  readonly name?: string | null;
  /** Stored on the profile; absent or null leaves it empty. */
  readonly displayName?: string | null;
  /** Whether the address is known to belong to the user already. Default false. */
  readonly emailVerified?: boolean;
}

export async function createUser(ctx: ServiceContext, input: NewUser): Promise<PublicUser> {
  const email = readEmail(input?.email);
  const name = readName(input.name);
  const now = ctx.clock.now();
  const profile =
    input.displayName === undefined
      ? {}
      : readProfilePatch(
          { displayName: input.displayName },
          new Date(now).toISOString().slice(0, 10),
          ctx.settings.profileMetadataLimit,
        );
  const user = {
    id: newId('usr', now, ctx.random),
    email,
    username: null,
    emailVerified: input.emailVerified === true,
    name,
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.store.users.create(user, profile);
  await ctx.events.emit({ type: 'user.created', userId: user.id, data: { method: 'operator' } });
  return publicUser(user);
}
