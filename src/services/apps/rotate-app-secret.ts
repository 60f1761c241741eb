/**
 * Operators: gives an app a new secret, returned here once and stored only as its SHA-256; the
 * old one stops working at once. Emits `app.updated` with `fields: secret` (never the secret).
 */
import { hashToken, newOpaqueToken } from '../../crypto/opaque-token.js';
import type { ServiceContext } from '../context.js';
import { appView } from './app-view.js';
import type { CreatedApp } from './create-app.js';
import { findApp } from './get-app.js';
import { appNotFound } from './resolve-app.js';

export async function rotateAppSecret(ctx: ServiceContext, appId: string): Promise<CreatedApp> {
  const app = await findApp(ctx, appId);
  const secret = newOpaqueToken<string>(ctx.random);
  const updated = await ctx.store.apps.update(app.id, { secretHash: hashToken(secret) }, ctx.clock.now());
  ctx.apps.invalidate();
  if (!updated) throw appNotFound();
  await ctx.events.emit({ type: 'app.updated', targetId: app.id, data: { appId: app.id, fields: 'secret' } });
  return { app: appView(ctx, updated), secret };
}
