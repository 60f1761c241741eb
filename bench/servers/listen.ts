/** Shared by the baseline servers: listen on a free loopback port, announce it, stop on SIGTERM. */
import type { Server } from 'node:http';

export function listen(server: Server): void {
  // The same keep-alive window as `gatehouse serve`.
  server.keepAliveTimeout = 5_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
  });
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
