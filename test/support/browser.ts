/**
 * The real browser for the browser tests: Debian's Chromium driven by playwright-core (`npm test`
 * provisions it), a CDP virtual authenticator on a page, and a small site on
 * `http://localhost:<port>` — a secure context, so WebAuthn runs there with RP ID `localhost` —
 * serving pages, scripts and JSON endpoints, and handing anything else to a fallback (such as
 * `toNodeHandler(gatehouse)`).
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/provision.mjs';

/**
 * The Chromium binary, found as provisioning finds it: `CHROMIUM_PATH`, else `/usr/bin/chromium`,
 * else `chromium` on PATH. Throws, saying how to get one, when there is none: a browser test
 * fails rather than skips.
 */
export function chromiumExecutable(): string {
  const found = findChromium({ root: '/', path: process.env.PATH ?? '', env: process.env });
  if (found) return found;
  const override = process.env.CHROMIUM_PATH;
  throw new Error(
    (override
      ? `CHROMIUM_PATH is ${override}, which is not an executable.`
      : 'Chromium was not found (CHROMIUM_PATH, /usr/bin/chromium, chromium on PATH).') +
      ' `node scripts/provision.mjs` (run by npm test) installs it on Debian as root ' +
      '(apt-get install chromium), or says how to install it elsewhere.',
  );
}

/** Headless Chromium, quiet: no sandbox (tests may run as root), GPU, updates or first-run UI. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A credential a virtual authenticator holds, ids in base64url like the WebAuthn JSON forms. */
export interface HeldCredential {
  readonly id: string;
  readonly rpId: string | undefined;
  readonly userHandle: string | undefined;
  readonly resident: boolean;
  readonly signCount: number;
}

export interface VirtualAuthenticator {
  readonly id: string;
  readonly session: CDPSession;
  /** What the authenticator holds now. */
  credentials(): Promise<HeldCredential[]>;
  /** Takes it away from the page (and ends the CDP session). */
  remove(): Promise<void>;
}

const toBase64url = (base64: string | undefined) =>
  base64 === undefined ? undefined : Buffer.from(base64, 'base64').toString('base64url');

/**
 * Adds a platform passkey authenticator to `page`'s browser context over CDP: CTAP2, internal
 * transport, resident keys, user verification that succeeds, presence confirmed at once. Options
 * override those defaults (e.g. `{ isUserVerified: false }`).
 *
 * @example
 * const authenticator = await addVirtualAuthenticator(page);
 * expect(await authenticator.credentials()).toHaveLength(1);
 */
export async function addVirtualAuthenticator(
  page: Page,
  options: {
    isUserVerified?: boolean;
    defaultBackupEligibility?: boolean;
    defaultBackupState?: boolean;
  } = {},
): Promise<VirtualAuthenticator> {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      ...options,
    },
  });
  return {
    id: authenticatorId,
    session,
    async credentials() {
      const { credentials } = await session.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials.map((c) => ({
        id: toBase64url(c.credentialId)!,
        rpId: c.rpId,
        userHandle: toBase64url(c.userHandle),
        resident: c.isResidentCredential,
        signCount: c.signCount,
      }));
    },
    async remove() {
      await session.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await session.detach();
    },
  };
}

/**
 * A browser module for pages under test, served at a path of the test's choice: `createPasskey`
 * and `getPasskey` take the JSON options our server makes and resolve to the JSON the server
 * verifies, with the browser's own JSON conversions (`parse…OptionsFromJSON`, `toJSON`).
 */
export const PASSKEY_CLIENT_JS = `
if (typeof PublicKeyCredential?.parseCreationOptionsFromJSON !== 'function')
  throw new Error('this browser lacks PublicKeyCredential.parseCreationOptionsFromJSON');
export async function createPasskey(options) {
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
  return (await navigator.credentials.create({ publicKey })).toJSON();
}
export async function getPasskey(options) {
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options);
  return (await navigator.credentials.get({ publicKey })).toJSON();
}
`;

export type JsonHandler = (body: unknown) => unknown;

export interface SiteRoutes {
  /** GET path → body; `.js` paths are served as JavaScript, everything else as HTML. */
  readonly files?: Readonly<Record<string, string>>;
  /** POST path → handler of the parsed JSON body; what it returns (or resolves to) is sent as JSON. */
  readonly json?: Readonly<Record<string, JsonHandler>>;
  /** Everything else; 404 when absent. */
  readonly fallback?: RequestListener;
}

export interface TestSite {
  /** `http://localhost:<port>`. */
  readonly origin: string;
  url(path?: string): string;
  /** Errors thrown by JSON handlers (each also answered 500), for the test to assert there were none. */
  readonly errors: Error[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/**
 * Serves `routes` on 127.0.0.1 with an ephemeral port, addressed as `localhost` (the RP ID the
 * browser tests use).
 *
 * @example
 * const site = await serveSite({ files: { '/': html, '/passkeys.js': PASSKEY_CLIENT_JS }, json: { '/verify': verify } });
 * await page.goto(site.url('/'));
 */
export async function serveSite(routes: SiteRoutes): Promise<TestSite> {
  const errors: Error[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = req.method === 'GET' ? routes.files?.[path] : undefined;
    const handler = req.method === 'POST' ? routes.json?.[path] : undefined;
    if (file !== undefined) {
      const type = path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8';
      return send(res, 200, type, file);
    }
    if (handler) {
      try {
        return send(
          res,
          200,
          'application/json',
          JSON.stringify((await handler(await readJson(req))) ?? null),
        );
      } catch (error) {
        errors.push(error as Error);
        return send(res, 500, 'application/json', JSON.stringify({ error: String(error) }));
      }
    }
    if (routes.fallback) return routes.fallback(req, res);
    send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path = '/') => new URL(path, origin).href,
    errors,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The browser may still hold keep-alive connections; close would wait for them.
        server.closeAllConnections();
      }),
  };
}
