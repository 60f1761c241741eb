/**
 * Gatehouse inside an Express app: the API under /auth, and one route of the app's own that
 * only a signed-in user may call. Run with `npx tsx examples/express/server.ts`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { createGatehouse, type Settings } from 'gatehouse-auth';
import { gatehouseRouter, requireUser, signedIn } from 'gatehouse-auth/express';

export async function start({
  port = Number(process.env.PORT ?? 3000),
  logLevel = 'info' as Settings['logLevel'],
} = {}) {
  const databaseUrl = process.env.GATEHOUSE_DATABASE_URL ?? 'sqlite::memory:';
  const gatehouse = createGatehouse({ databaseUrl, logLevel });
  await gatehouse.ready();

  const app = express();
  app.use(gatehouseRouter(gatehouse));
  app.get('/api/me', requireUser(gatehouse), (req, res) => {
    res.json({ hello: signedIn(req).user.email });
  });

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
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
