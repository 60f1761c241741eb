/**
 * What follows every change to a user's second factors, whichever kind: the audit event, the
 * notice mail (a change the owner did not make must not go unnoticed), recovery codes when the
 * first factor arrives and their removal when the last one goes, and — after an add — the
 * caller's session raised to aal2 (the user just proved the new factor).
 */
import type { AuthMethodRef, Session, User } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import type { PhraseKey } from '../../delivery/locales/en.js';
import { accessGrant } from '../apps/access-grant.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { recipientLocale } from '../mail/recipient-locale.js';
import { mailTime, resetLink } from '../notices/notices.js';
import { issueRecoveryCodes } from '../recovery-codes/issue-recovery-codes.js';
import { newJti } from '../sessions/start-session.js';
import { type PublicSession, publicSession } from '../views.js';
import { enabledMethods } from './methods.js';
import type { MfaMethod } from './second-factor.js';

/** The caller's session after a step up, with an access token that states it. */
export interface SteppedUp {
  readonly session: PublicSession;
  readonly accessToken: string;
  readonly expiresIn: number;
}

export interface FactorAdded extends SteppedUp {
  /** Shown once, only when the user had no unused recovery codes. */
  readonly recoveryCodes?: string[];
}

export async function factorAdded(
  ctx: ServiceContext,
  user: User,
  session: Session,
  method: MfaMethod,
  amr: AuthMethodRef,
  client: ClientInfo,
): Promise<FactorAdded> {
  await ctx.events.emit({
    type: 'mfa.factor_added',
    userId: user.id,
    sessionId: session.id,
    client,
    data: { method },
  });
  await notify(ctx, user, 'mfa-factor-added', method);
  const recoveryCodes =
    (await ctx.store.recoveryCodes.countUnused(user.id)) === 0
      ? await issueRecoveryCodes(ctx, user, client)
      : undefined;
  const stepped = await stepUp(ctx, session, amr);
  return recoveryCodes ? { ...stepped, recoveryCodes } : stepped;
}

export async function factorRemoved(
  ctx: ServiceContext,
  user: User,
  method: MfaMethod,
  client: ClientInfo,
): Promise<void> {
  // Recovery codes stand in for a factor; with none left they would be a lone second "factor".
  if ((await enabledMethods(ctx, user.id)).length === 0) await ctx.store.recoveryCodes.removeAll(user.id);
  await ctx.events.emit({ type: 'mfa.factor_removed', userId: user.id, client, data: { method } });
  await notify(ctx, user, 'mfa-factor-removed', method);
}

/**
 * Records a fresh proof in the caller's session — `amr` gains the method, `aal` becomes 2 for a
 * second factor — and issues an access token that says so.
 */
export async function stepUp(
  ctx: ServiceContext,
  session: Session,
  amr: AuthMethodRef,
  aal: 1 | 2 = 2,
): Promise<SteppedUp> {
  const methods = session.amr.includes(amr) ? session.amr : [...session.amr, amr];
  const updated = await ctx.store.sessions.reauthenticate(
    session.id,
    ctx.clock.now(),
    methods,
    Math.max(session.aal, aal) as 1 | 2,
  );
  if (!updated) throw new GatehouseError('SESSION_NOT_FOUND', 'The session has ended');
  const current = updated;
  const access = await ctx.accessTokens.issue(
    current.userId,
    current.id,
    newJti(ctx),
    current,
    await accessGrant(ctx, current),
  );
  return { session: publicSession(current), accessToken: access.token, expiresIn: access.expiresIn };
}

export async function notify(
  ctx: ServiceContext,
  user: User,
  template: 'mfa-factor-added' | 'mfa-factor-removed',
  method: MfaMethod,
): Promise<void> {
  // The method is the phrase key: the locale names the factor ("An authenticator app").
  const factor: PhraseKey<'factor'> = method;
  const time = mailTime(ctx.clock.now());
  await ctx.mail.send(
    user.email,
    template,
    { factor, time, link: resetLink(ctx) },
    await recipientLocale(ctx, user.id),
  );
}
