/**
 * The gate every sign-in and sign-up passes first, before any password is hashed or mail is
 * sent: the app the client names exists (404 `APP_NOT_FOUND`), is active (403 `APP_INACTIVE`)
 * and allows the method (403 `AUTH_METHOD_NOT_ALLOWED`). It looks at nothing about the account,
 * so its answers say nothing about which accounts exist.
 */
import type { App, SignInMethod } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import type { ClientInfo, ServiceContext } from '../context.js';
import { resolveApp } from './resolve-app.js';

export async function appForSignIn(
  ctx: ServiceContext,
  client: ClientInfo,
  method: SignInMethod,
): Promise<App> {
  const app = await resolveApp(ctx, client.app, { fresh: true });
  refuseUnlessAllowed(app, method);
  return app;
}

export function refuseUnlessAllowed(app: App, method: SignInMethod): void {
  if (app.signInMethods !== null && !app.signInMethods.includes(method)) {
    throw new GatehouseError('AUTH_METHOD_NOT_ALLOWED', 'This app does not allow signing in that way');
  }
}
