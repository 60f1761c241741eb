/** Baseline: the smallest `node:http` JSON server, answering every request with `{"ok":true}`. */
import { createServer } from 'node:http';
import { listen } from './listen.js';

const body = Buffer.from(JSON.stringify({ ok: true }));

listen(
  createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength });
    res.end(body);
  }),
);
