/**
 * Baseline: `{"ok":true}` through Gatehouse's own Node stack — `toNodeHandler` from the built
 * `dist/adapters/node.js` — around a handler that does nothing else, so the adapter's own cost
 * shows apart from routing, auth and the database.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen } from './listen.js';

interface Adapter {
  // `never`: the stub below is not a whole Gatehouse, only what the adapter calls.
  toNodeHandler(gatehouse: never): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

// Loaded from dist, as `gatehouse serve` runs it.
const adapter = new URL('../../dist/adapters/node.js', import.meta.url).href;
const { toNodeHandler } = (await import(adapter)) as Adapter;

const body = JSON.stringify({ ok: true });
let announced = false;
/** Says once, in the server log, which entry point the adapter used. */
function announce(entry: string): void {
  if (announced) return;
  announced = true;
  process.stdout.write(`hello-stack: toNodeHandler called gatehouse.${entry}()\n`);
}

// Both entry points an adapter has had: `handler` (Web `Request` → `Response`) and `respond`
// (Gatehouse's own request/reply shape, without Web objects). The built adapter picks one.
const hello = {
  handler: async (_request: Request) => {
    announce('handler');
    return Response.json({ ok: true });
  },
  respond: async () => {
    announce('respond');
    return { status: 200, headers: { values: { 'content-type': 'application/json' }, cookies: [] }, body };
  },
};
const handle = toNodeHandler(hello as never);

listen(
  createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  }),
);
