/**
 * Starts adding an authenticator app (recent sign-in required): a new 160-bit secret, sealed at
 * rest, shown this once as text, as an `otpauth://` URI and as a QR code. It does nothing until
 * a first code activates it (`activate-totp.ts`); enrolling again replaces a pending secret.
 */
import { GatehouseError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { base32Encode } from '../../crypto/base32.js';
import { newTotpSecret, otpauthUri } from '../../crypto/totp.js';
import type { ServiceContext } from '../context.js';
import { recentSession } from '../mfa/recent-auth.js';
import { qrSvg } from './qr-code.js';

export interface TotpEnrolment {
  /** Base32, for typing into an app by hand. */
  readonly secret: string;
  readonly otpauthUri: string;
  /** The URI as a QR code, an SVG document. */
  readonly qrCodeSvg: string;
}

export async function enrollTotp(ctx: ServiceContext, accessToken: string): Promise<TotpEnrolment> {
  const { user } = await recentSession(ctx, accessToken);
  const now = ctx.clock.now();
  const bytes = newTotpSecret(ctx.random);
  const secret = base32Encode(bytes);
  const stored = await ctx.store.totp.putPending({
    id: newId('mfa', now, ctx.random),
    userId: user.id,
    sealedSecret: ctx.factorSeal.seal(secret),
    status: 'pending',
    lastStep: null,
    createdAt: now,
    activatedAt: null,
  });
  if (!stored) {
    throw new GatehouseError('FACTOR_EXISTS', 'An authenticator app is already set up; remove it first');
  }
  // Apps split the label at the first colon: keep it out of both parts.
  const issuer = (ctx.settings.mfa.totpIssuer ?? ctx.settings.pages.productName).replaceAll(':', ' ');
  const uri = otpauthUri({
    secret: bytes,
    issuer,
    account: (user.email ?? user.username ?? user.id).replaceAll(':', ' '),
  });
  return { secret, otpauthUri: uri, qrCodeSvg: await qrSvg(uri) };
}
