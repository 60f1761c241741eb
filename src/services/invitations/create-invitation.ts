/**
 * Operators: invites an address to an app with a role (the app's default role unless given;
 * it must exist). The invitation is a single-use link mailed to the address, valid for 7 days
 * unless `expiresIn` (seconds) says otherwise; its token is stored only as its SHA-256 and is
 * never returned — the mail is the only place it exists. The link opens `/accept-invitation`
 * under the base URL (never a request's Host). Inviting someone who is already a member is
 * allowed; accepting then keeps their membership as it is. Emits `invitation.created`.
 *
 * @example
 * await gatehouse.createInvitation({ appId, email: 'ada@example.com', role: 'billing' });
 */
import { z } from 'zod';
import type { Invitation } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { PhraseKey } from '../../delivery/locales/en.js';
import { readEmail } from '../accounts/read-email.js';
import { readInput, roleName } from '../apps/app-fields.js';
import { findApp } from '../apps/get-app.js';
import type { ServiceContext } from '../context.js';
import { addressLocale } from '../mail/recipient-locale.js';
import { linkBase } from '../verification/mail-link.js';
import { type InvitationView, invitationView } from './invitation-view.js';

/** The page an invitation's link opens, under the base URL. */
export const ACCEPT_INVITATION_PATH = '/accept-invitation';

const DAY = 86_400;

export const newInvitationSchema = z.strictObject({
  appId: z.string(),
  email: z.string(),
  role: roleName.optional(),
  expiresIn: z
    .number()
    .int()
    .min(300)
    .max(30 * DAY)
    .optional()
    .meta({ description: 'Seconds the link works; 7 days by default, at most 30' }),
});

export type NewInvitation = z.input<typeof newInvitationSchema>;

export async function createInvitation(ctx: ServiceContext, input: NewInvitation): Promise<InvitationView> {
  const fields = readInput(newInvitationSchema, input, 'invitation');
  const app = await findApp(ctx, fields.appId);
  if (app.status !== 'active') throw new GatehouseError('APP_INACTIVE', 'This app is disabled');
  const email = readEmail(fields.email);
  const role = fields.role ?? app.defaultRole;
  if (!(await ctx.store.roles.find(app.id, role))) {
    throw new GatehouseError('ROLE_NOT_FOUND', 'The app has no such role');
  }
  const ttl = fields.expiresIn ?? 7 * DAY;
  const now = ctx.clock.now();
  const invitation: Invitation = {
    id: newId('inv', now, ctx.random),
    appId: app.id,
    email,
    role,
    invitedBy: null,
    createdAt: now,
    expiresAt: now + ttl * 1000,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  const token = newOpaqueToken<string>(ctx.random);
  await ctx.store.invitations.create(invitation, hashToken(token));
  // In the language of the address's account, if it has one; else English.
  await ctx.mail.send(
    email,
    'invitation',
    {
      link: `${linkBase(ctx)}${ACCEPT_INVITATION_PATH}?token=${token}`,
      invitedApp: app.name,
      role,
      ...validFor(ttl),
    },
    await addressLocale(ctx, email),
  );
  await ctx.events.emit({
    type: 'invitation.created',
    targetId: invitation.id,
    data: { appId: app.id, invitationId: invitation.id, email, role, expiresAt: invitation.expiresAt },
  });
  return invitationView(invitation);
}

/** "7 days", "5 hours", "30 minutes": how long the link works, as the mail's phrase and count. */
function validFor(seconds: number): { validFor: PhraseKey<'validFor'>; validCount: string } {
  if (seconds >= 2 * DAY) return { validFor: 'days', validCount: String(Math.floor(seconds / DAY)) };
  if (seconds >= 7200) return { validFor: 'hours', validCount: String(Math.floor(seconds / 3600)) };
  return { validFor: 'minutes', validCount: String(Math.floor(seconds / 60)) };
}
