/**
 * Signs in with a magic link's token: used exactly once, even when it arrives many times at
 * once; an unknown, used, voided or expired link gets the same `LINK_*` answers as every other
 * mailed link. Only magic links are looked at — a reset, verification or address-change link, a
 * refresh token, an `mfaToken` or an OAuth `state` is an unknown link here (`LINK_INVALID`).
 */
import type { ClientInfo, ServiceContext } from '../context.js';
import type { MfaChallenge } from '../mfa/pending-sign-in.js';
import { linkError, readLinkToken } from '../verification/mail-link.js';
import type { AuthResult } from '../views.js';
import { refuseUnlessEnabled } from './request-by-mail.js';
import { signInByMail } from './sign-in-by-mail.js';

export async function signInWithMagicLink(
  ctx: ServiceContext,
  token: unknown,
  client: ClientInfo = {},
): Promise<AuthResult | MfaChallenge> {
  refuseUnlessEnabled(ctx);
  const hash = readLinkToken(token);
  const used = await ctx.store.emailSignIns.useLink(hash, ctx.clock.now());
  if (!used.ok) {
    await ctx.events.emit({
      type: 'user.sign_in_failed',
      outcome: 'failure',
      client,
      data: { method: 'magic_link', reason: `link_${used.reason}` },
    });
    throw linkError(used.reason);
  }
  return signInByMail(ctx, used.signIn, 'magic_link', client, () => linkError('unknown'));
}
