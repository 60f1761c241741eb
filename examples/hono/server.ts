/**
 * Gatehouse inside a Hono app on Node (@hono/node-server): the API under /auth, and one route
 * of the app's own that only a signed-in user may call. Run with `npx tsx examples/hono/server.ts`.
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { createGatehouse, type Settings } from 'gatehouse-auth';
import { type GatehouseEnv, gatehouseRoutes, requireUser } from 'gatehouse-auth/hono';
import { Hono } from 'hono';

export async function start({
  port = Number(process.env.PORT ?? 3000),
  logLevel = 'info' as Settings['logLevel'],
} = {}) {
  const databaseUrl = process.env.GATEHOUSE_DATABASE_URL ?? 'sqlite::memory:';
  const gatehouse = createGatehouse({ databaseUrl, logLevel });
  await gatehouse.ready();

  const app = new Hono<GatehouseEnv>();
  app.route('/', gatehouseRoutes(gatehouse));
  app.get('/api/me', requireUser(gatehouse), (c) => c.json({ hello: c.var.user.email }));

  const { server, address } = await new Promise<{ server: ServerType; address: AddressInfo }>((resolve) => {
    const listening = serve({ fetch: app.fetch, port }, (address) => resolve({ server: listening, address }));
  });
  const url = `http://localhost:${address.port}`;
  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await gatehouse.close();
  };
  return { server, url, close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await start();
  console.log(`Listening on ${url}: try POST ${url}/auth/sign-up/email, then GET ${url}/api/me`);
}
