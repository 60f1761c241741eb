/**
 * Operators: creates an account ready to use — with an address, a username or both, a name and
 * display name, the verified flag, memberships of apps, and either a password or a link to set
 * one. A password meets sign-up's rules (policy and breached check, 422 `WEAK_PASSWORD`) and is
 * hashed like one. Without a password the address is mailed a single-use, expiring link (the
 * password-reset machinery: hashed at rest, the newest one only) with which the user sets their
 * first password. Everything is checked before anything is stored; a taken address is 409
 * `USER_EXISTS` and a taken username 409 `USERNAME_TAKEN` — of concurrent creates with one
 * address exactly one succeeds. Unlike sign-up, `openSignUp`, the apps' sign-up mode and the
 * `beforeSignUp` hook do not apply: an operator is not signing up.
 *
 * Memberships of the console app are refused here: making an operator is `addMember` at the
 * console (`members:write`), never a side effect of creating a user.
 */
import { z } from 'zod';
import type { User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import { checkNewPassword } from '../../crypto/password-policy.js';
import { newPasswordCredential } from '../accounts/new-password-credential.js';
import { readEmail, readName } from '../accounts/read-email.js';
import { planName, readInput, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { addMember } from '../memberships/add-member.js';
import type { MembershipView } from '../memberships/membership-view.js';
import { planOf, refuseUnlessMayPay } from '../memberships/set-plan.js';
import { refuseBreachedPassword } from '../passwords/refuse-breached-password.js';
import { meOf } from '../profile/get-me.js';
import { readProfilePatch } from '../profile/profile-patch.js';
import { readUsername } from '../usernames/canonical-username.js';
import { isReservedUsername } from '../usernames/reserved-usernames.js';
import { mailLink } from '../verification/mail-link.js';
import type { Me } from '../views.js';

/** How long the link to choose a first password works: three days. */
const SET_PASSWORD_TTL_SECONDS = 3 * 24 * 3600;

export const provisionUserSchema = z
  .strictObject({
    email: z.string().max(320).optional(),
    username: z.string().max(256).optional().meta({ description: 'Canonicalised as at username sign-up' }),
    name: z.string().max(1000).nullable().optional(),
    displayName: z.string().max(1000).nullable().optional(),
    emailVerified: z.boolean().optional().meta({ description: 'Default false' }),
    password: z.string().max(1024).optional().meta({
      description: 'Sign-up’s password rules apply. Without one, the address gets a link to set it',
    }),
    memberships: z
      .array(z.strictObject({ appId: z.string(), role: roleName.optional(), plan: planName.optional() }))
      .max(50)
      .refine((list) => new Set(list.map((m) => m.appId)).size === list.length, 'must not repeat an app')
      .optional()
      .meta({ description: 'Apps to join, each with a role and plan (the app’s defaults when absent)' }),
  })
  .refine((input) => input.email !== undefined || input.username !== undefined, {
    message: 'give an email, a username or both',
    path: ['email'],
  })
  .refine((input) => input.email !== undefined || input.password !== undefined, {
    message: 'an account without an address needs a password: nothing could deliver a link',
    path: ['password'],
  });

export type ProvisionUserInput = z.input<typeof provisionUserSchema>;

export interface ProvisionedUser {
  readonly user: Me;
  readonly memberships: readonly MembershipView[];
  /** True when the address was mailed a link to set the first password. */
  readonly setPasswordLinkSent: boolean;
}

/**
 * @example
 * await gatehouse.provisionUser({ email: 'ada@example.com', memberships: [{ appId, role: 'editor' }] });
 */
export async function provisionUser(ctx: ServiceContext, input: unknown): Promise<ProvisionedUser> {
  const fields = readInput(provisionUserSchema, input, 'new user');
  const email = fields.email === undefined ? null : readEmail(fields.email);
  const username = fields.username === undefined ? null : readUsername(fields.username);
  if (username !== null && isReservedUsername(ctx.settings, username)) {
    throw new GatehouseError('USERNAME_TAKEN', 'This username is taken');
  }
  const now = ctx.clock.now();
  const profile =
    fields.displayName === undefined
      ? {}
      : readProfilePatch(
          { displayName: fields.displayName },
          new Date(now).toISOString().slice(0, 10),
          ctx.settings.profileMetadataLimit,
        );
  const user: User = {
    id: newId('usr', now, ctx.random),
    email,
    username,
    emailVerified: email !== null && fields.emailVerified === true,
    name: readName(fields.name),
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await checkMemberships(ctx, user, fields.memberships ?? []);
  const hash = fields.password === undefined ? null : await hashNewPassword(ctx, fields.password);

  await ctx.store.users.create(user, profile);
  if (hash !== null) {
    await ctx.store.credentials.addPassword(newPasswordCredential(ctx, user.id, hash, null, now));
  }
  await ctx.events.emit({
    type: 'user.created',
    userId: user.id,
    data: { method: 'operator', password: hash !== null },
  });
  const memberships: MembershipView[] = [];
  for (const m of fields.memberships ?? []) {
    const { role, plan } = m;
    memberships.push((await addMember(ctx, user.id, m.appId, { role, plan })).membership);
  }
  if (hash === null) {
    await mailLink(ctx, user, {
      purpose: 'reset_password',
      // Longer than a reset link: the person may not be expecting it, and it is the only way in.
      ttlSeconds: SET_PASSWORD_TTL_SECONDS,
      path: '/reset-password',
      template: 'set-password',
    });
  }
  return { user: await meOf(ctx, user), memberships, setPasswordLinkSent: hash === null };
}

/** The apps, roles and plans exist and may be had, before anything is stored. */
async function checkMemberships(
  ctx: ServiceContext,
  user: User,
  list: ReadonlyArray<{ appId: string; role?: string | undefined; plan?: string | undefined }>,
): Promise<void> {
  for (const [index, m] of list.entries()) {
    if (m.appId === CONSOLE_APP_ID) {
      throw new GatehouseError('VALIDATION_ERROR', 'The new user is not valid', {
        issues: [
          {
            path: `memberships.${index}.appId`,
            message: 'the console app’s members are operators: add them with addMember',
          },
        ],
      });
    }
    const app = await findApp(ctx, m.appId);
    if (!(await ctx.store.roles.find(app.id, m.role ?? app.defaultRole))) {
      throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
    }
    if (planOf(app, m.plan ?? app.defaultPlan).paid) refuseUnlessMayPay(user);
  }
}

async function hashNewPassword(ctx: ServiceContext, password: string) {
  checkNewPassword(password, { minLength: ctx.settings.passwordMinLength });
  await refuseBreachedPassword(ctx, password);
  return ctx.hasher.hash(password);
}
