/**
 * What asking for a magic link and asking for an email code share: the answer comes before any
 * lookup, exactly like forgot-password. The address is validated and counted against its mail
 * limit — the same for every address, known or not — and the lookup and mail happen after the
 * answer, so neither the body nor the time says whether the address has an account.
 *
 * Who gets mail: an active account at the address whose address is verified; while sign-up is
 * open, also an unverified one and an address without an account (a new, verified account is
 * made when the link or code is used); nobody else — a suspended, revoked or deleted account
 * gets nothing.
 */

import type { App } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { AppId, UserId } from '../../core/ids.js';
import type { EmailSignInKind } from '../../store/ports/email-sign-in-store.js';
import { readEmail } from '../accounts/read-email.js';
import { appForSignIn } from '../apps/app-for-sign-in.js';
import { mayCreateAccounts } from '../apps/join-app.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { limitMailFor } from '../limits/limits.js';

/** Where a link or code goes: the canonical address and its account, or null for a new one. */
export interface MailRecipient {
  readonly email: string;
  readonly userId: UserId | null;
  /** The app the link or code signs in to. */
  readonly appId: AppId;
}

/** Passwordless sign-in switched off: the routes answer as if they were not there. */
export function refuseUnlessEnabled(ctx: ServiceContext): void {
  if (!ctx.settings.passwordless.enabled) {
    throw new GatehouseError('NOT_FOUND', 'Sign-in by email link or code is not enabled');
  }
}

/** Whole minutes of a lifetime in seconds, for the mail. */
export const minutes = (seconds: number) => String(Math.max(1, Math.floor(seconds / 60)));

/**
 * Validates `emailInput` and counts it against the address's mail limit now; then, after the
 * answer, looks the address up and calls `send` when it may get mail. `now` is the request's.
 */
export async function acceptMailRequest(
  ctx: ServiceContext,
  kind: EmailSignInKind,
  emailInput: unknown,
  client: ClientInfo,
  send: (to: MailRecipient, now: number) => Promise<void>,
): Promise<void> {
  refuseUnlessEnabled(ctx);
  // The app before anything else: a refusal sends nothing and says nothing about the address.
  const app = await appForSignIn(ctx, client, kind === 'link' ? 'magic_link' : 'email_code');
  const email = readEmail(emailInput);
  // One budget for links and codes together: asking for both must not double the mail.
  await limitMailFor(ctx, 'passwordless', email);
  const now = ctx.clock.now();
  ctx.background.run(`sign-in ${kind} by mail`, () =>
    mailIfAllowed(ctx, app, kind, email, client, now, send).catch((error: unknown) =>
      // Recorded without the address: the record must not become an oracle of who asked.
      ctx.events.emit({
        type: 'passwordless.requested',
        outcome: 'failure',
        client,
        data: { kind, error: String(error).slice(0, 200) },
      }),
    ),
  );
}

async function mailIfAllowed(
  ctx: ServiceContext,
  app: App,
  kind: EmailSignInKind,
  email: string,
  client: ClientInfo,
  now: number,
  send: (to: MailRecipient, now: number) => Promise<void>,
): Promise<void> {
  const user = await ctx.store.users.findByEmail(email);
  if (user && user.status !== 'active') return;
  // Without open sign-up only a verified account can use one (an unverified one would be replaced).
  if (!user?.emailVerified && !mayCreateAccounts(ctx, app)) return;
  // An invite-only app's link would only be refused: its non-members get none.
  if (app.signUp !== 'open' && !(user && (await ctx.store.memberships.find(app.id, user.id)))) return;
  await send({ email, userId: user?.id ?? null, appId: app.id }, now);
  // Only for an account: an address without one leaves no record of who asked about it.
  if (user) {
    await ctx.events.emit({ type: 'passwordless.requested', userId: user.id, client, data: { kind } });
  }
}
