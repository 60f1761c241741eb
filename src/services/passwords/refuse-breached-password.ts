/**
 * The breached-password rule for new passwords (ASVS 6.2.12), when `breachedPasswords.enabled`.
 * Call it after `checkNewPassword`, so a password the local rules refuse never costs a request.
 * Nothing is cached: new passwords are rare, and a range answer is only good for one password.
 */
import { GatehouseError } from '../../core/errors.js';
import type { PlainPassword } from '../../core/secrets.js';
import { checkBreachedPassword } from '../../crypto/breached-passwords.js';
import type { ServiceContext } from '../context.js';

/**
 * Throws `WEAK_PASSWORD` when the password is listed as breached. When the API cannot answer
 * (timeout, network error, a status other than 200, a body that is not a range listing),
 * `onError: 'open'` accepts the password and `'closed'` throws `UNAVAILABLE`.
 *
 * @example
 * checkNewPassword(input.password, { minLength: ctx.settings.passwordMinLength });
 * await refuseBreachedPassword(ctx, input.password);
 */
export async function refuseBreachedPassword(ctx: ServiceContext, password: PlainPassword): Promise<void> {
  const { enabled, url, timeoutMs, onError } = ctx.settings.breachedPasswords;
  if (!enabled) return;
  const result = await checkBreachedPassword(password, { url, timeoutMs });
  if (result.ok && result.breached) {
    throw new GatehouseError('WEAK_PASSWORD', 'This password has appeared in a data breach; choose another');
  }
  if (!result.ok && onError === 'closed') {
    throw new GatehouseError('UNAVAILABLE', 'Could not check the password; try again');
  }
  if (!result.ok) {
    ctx.logger.warn(
      { reason: result.reason },
      'breached-password check failed; password accepted (onError: open)',
    );
  }
}
