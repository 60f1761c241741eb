/**
 * The public base URL: set, and https wherever it is not a local development host — the same
 * line the cookies draw (`secureOrigin`): off localhost they are Secure, which browsers drop
 * over plain http.
 */
import type { ResolvedSettings } from '../../core/config.js';
import { secureOrigin } from '../../http/cookies.js';
import { type CheckResult, fail, pass, warn } from './check.js';

export function checkBaseUrl(settings: ResolvedSettings): CheckResult {
  if (settings.baseUrl === undefined) {
    return warn(
      'base-url',
      'not set: mailed links point at http://localhost:3000 and tokens are issued by "gatehouse"',
      'Set base_url (GATEHOUSE_BASE_URL) to the public URL, e.g. https://auth.example.com',
    );
  }
  const url = new URL(settings.baseUrl);
  if (url.protocol === 'https:') return pass('base-url', `${settings.baseUrl} (https)`);
  if (!secureOrigin(url))
    return pass('base-url', `${settings.baseUrl} (plain http on a local host: development)`);
  return fail(
    'base-url',
    `${settings.baseUrl} is plain http on a host that is not local: passwords and tokens cross the network unencrypted, and browsers drop the Secure cookies it sets`,
    'Serve Gatehouse over https (e.g. TLS at a reverse proxy) and set base_url to the https:// URL',
  );
}
