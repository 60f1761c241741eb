/**
 * What the sign-in and sign-up pages offer: the ways in that the instance has switched on and
 * the default app (the one a page's requests belong to) allows. Offering only those keeps a
 * person from choosing a way that would only be refused; the operations still refuse anything
 * else on their own.
 */
import { DEFAULT_APP_ID } from '../../core/apps.js';
import { isGatehouseError } from '../../core/errors.js';
import { CONSOLE_APP_ID } from '../../core/operators.js';
import type { PageRead } from '../../http/route.js';
import { resolveProvider } from '../../services/oauth/presets.js';

export interface SocialProvider {
  readonly name: string;
  readonly displayName: string;
}

export interface SignInOffer {
  /** Accounts may sign in (and up) with a username. */
  readonly usernames: boolean;
  readonly passkeys: boolean;
  readonly magicLink: boolean;
  readonly emailCode: boolean;
  readonly providers: readonly SocialProvider[];
  /** New accounts may be made here. */
  readonly signUp: boolean;
}

/**
 * `consoleSignIn`: the offer of the console app instead (its ways in; no sign-up, since it is
 * invite-only; no providers, whose start links sign in at the default app; no mailed link,
 * which carries neither the app nor the way back, so it could not finish a second step at the
 * console — the mailed code, typed on this page, can).
 */
export async function signInOffer(view: PageRead, consoleSignIn = false): Promise<SignInOffer> {
  const { settings } = view;
  let methods: readonly string[] | null = null;
  let openApp = true;
  try {
    const app = await view.ops.getApp(consoleSignIn ? CONSOLE_APP_ID : DEFAULT_APP_ID);
    methods = app.signInMethods;
    openApp = app.signUp === 'open';
  } catch (error) {
    // The page still shows every way in; each operation refuses what the app does not allow.
    if (!isGatehouseError(error) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE') throw error;
  }
  const allows = (method: string) => methods === null || methods.includes(method);
  const passwordless = settings.passwordless.enabled;
  // A provider sign-in builds its redirect URI from `baseUrl`; without it no link could work.
  const providers =
    settings.baseUrl && !consoleSignIn
      ? Object.entries(settings.oauth.providers)
          .filter(([name]) => allows(`oauth:${name}`))
          .map(([name, p]) => ({ name, displayName: resolveProvider(name, p).displayName }))
      : [];
  return {
    usernames: allows('username'),
    passkeys: allows('passkey'),
    magicLink: passwordless && allows('magic_link') && !consoleSignIn,
    emailCode: passwordless && allows('email_code'),
    providers,
    signUp: settings.openSignUp && openApp && !consoleSignIn,
  };
}
