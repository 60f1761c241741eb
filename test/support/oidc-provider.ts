/**
 * A real OpenID provider for the social-login tests: `oidc-provider` on 127.0.0.1 with a random
 * port, one confidential client for Gatehouse, accounts whose address and `email_verified` the
 * test chooses, and its own tiny sign-in page instead of the development interactions: the
 * interaction page is a form naming an account, and posting it finishes login and consent at
 * once (a grant for the requested scopes). Several can run side by side (a second one plays the
 * attacker's or just another provider).
 *
 * `TestBrowser` is what a browser does with cookies and redirects, over HTTP: a cookie jar per
 * origin, requests to Gatehouse through `gatehouse.handler`, to the provider through `fetch`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface IdpAccount {
  readonly id: string;
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly name?: string;
}

export interface TestIdp {
  /** `http://127.0.0.1:<port>`, also the issuer. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly provider: Provider;
  addAccount(account: IdpAccount): void;
  close(): Promise<void>;
}

export interface TestIdpOptions {
  /** Callback URLs registered for the Gatehouse client. */
  readonly redirectUris: readonly string[];
  readonly clientId?: string;
  readonly clientSecret?: string;
  /**
   * `true` (oidc-provider's default): address claims only from UserInfo, not in the ID token.
   * Default here: `false`, as most providers put them in the ID token.
   */
  readonly conformIdTokenClaims?: boolean;
}

const LOGIN_PAGE = (uid: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test provider</title></head>
<body><h1>Sign in at the test provider</h1>
<form method="post" action="/interaction/${uid}/login">
<label>Account <input name="account" id="account"></label>
<button type="submit" id="sign-in">Sign in</button>
</form></body></html>`;

type Stored = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

/**
 * oidc-provider's storage, one per provider and in memory (its built-in one is shared by every
 * provider in the process, bounded, and warns): what it saves, by model and id.
 */
function memoryAdapter() {
  const rows = new Map<string, Stored>();
  return class {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${this.model}:${id}`;
    }
    async upsert(id: string, payload: Stored) {
      rows.set(this.key(id), payload);
    }
    async find(id: string) {
      return rows.get(this.key(id));
    }
    async findByUid(uid: string) {
      return [...rows.entries()].find(([k, v]) => k.startsWith(`${this.model}:`) && v.uid === uid)?.[1];
    }
    async findByUserCode(userCode: string) {
      return [...rows.entries()].find(
        ([k, v]) => k.startsWith(`${this.model}:`) && v.userCode === userCode,
      )?.[1];
    }
    async consume(id: string) {
      const row = rows.get(this.key(id));
      if (row) row.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      rows.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [key, row] of rows) if (row.grantId === grantId) rows.delete(key);
    }
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestIdp(options: TestIdpOptions): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  const clientId = options.clientId ?? 'gatehouse';
  const clientSecret = options.clientSecret ?? 'gatehouse-client-secret-0123456789';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };

  let server: Server | undefined;
  // The port is known only once listening; the provider is made then, with its issuer.
  let provider: Provider | undefined;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!provider) return res.writeHead(503).end();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (!interaction) return provider.callback()(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (!interaction[2]) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LOGIN_PAGE(details.uid));
        return;
      }
      const accountId = (await readForm(req)).get('account') ?? '';
      if (!accounts.has(accountId)) return res.writeHead(400).end('unknown account');
      const grant = new provider.Grant({ accountId, clientId });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  };
  server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [...options.redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [signingKey] },
    adapter: memoryAdapter(),
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    cookies: { keys: ['test-idp-cookie-key-0123456789abcdef'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: options.conformIdTokenClaims ?? false,
    pkce: { required: () => true },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(account.email === undefined ? {} : { email: account.email }),
            ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
            ...(account.name === undefined ? {} : { name: account.name }),
          };
        },
      };
    },
    async renderError(ctx: { type: string; body: string }, out: Record<string, unknown>) {
      ctx.type = 'text/plain';
      ctx.body = JSON.stringify(out);
    },
  });

  return {
    issuer,
    clientId,
    clientSecret,
    provider,
    addAccount: (account) => void accounts.set(account.id, account),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server?.close((error) => (error ? reject(error) : resolve()));
        server?.closeAllConnections();
      }),
  };
}

/** One response, as the browser saw it. */
export interface BrowserReply {
  readonly status: number;
  readonly url: string;
  readonly location: string | null;
  readonly headers: Headers;
  readonly setCookies: readonly string[];
  readonly text: string;
}

type Handler = (request: Request) => Promise<Response>;

/**
 * Cookies per origin (paths ignored: every cookie of an origin goes with each request to it) and
 * manual redirects, like a browser. Requests to `appOrigin` go to `app` (Gatehouse's handler).
 */
export class TestBrowser {
  readonly jar = new Map<string, Map<string, string>>();

  constructor(
    private readonly app: Handler,
    private readonly appOrigin: string,
    readonly userAgent = 'TestBrowser/1.0',
  ) {}

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.jar.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jar.set(origin, jar);
  }

  /** One request, no redirect followed; the reply's cookies go into the jar. */
  async send(
    url: string,
    init: { method?: string; body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<BrowserReply> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    headers.set('user-agent', this.userAgent);
    const cookies = [...(this.jar.get(target.origin) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    if (cookies) headers.set('cookie', cookies);
    if (init.contentType) headers.set('content-type', init.contentType);
    const request = new Request(target, {
      method: init.method ?? 'GET',
      headers,
      body: init.body ?? null,
      redirect: 'manual',
    });
    const response =
      target.origin === this.appOrigin
        ? await this.app(request)
        : await fetch(request, { redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.jar.get(target.origin)?.delete(name);
      else this.setCookie(target.origin, name, value);
    }
    const location = response.headers.get('location');
    return {
      status: response.status,
      url: target.href,
      location: location === null ? null : new URL(location, target).href,
      headers: response.headers,
      setCookies,
      text: await response.text(),
    };
  }

  /** Follows redirects from `url` until one leads to where `stop` says (returned, not visited). */
  async followUntil(url: string, stop: (next: URL) => boolean): Promise<string> {
    let next = url;
    for (let hops = 0; hops < 20; hops++) {
      if (stop(new URL(next))) return next;
      const reply = await this.send(next);
      if (reply.location === null) {
        throw new Error(
          `expected a redirect from ${reply.url}, got ${reply.status}: ${reply.text.slice(0, 300)}`,
        );
      }
      next = reply.location;
    }
    throw new Error('too many redirects');
  }
}

export interface ProviderSignIn {
  /** The provider's authorization URL our start redirected to (as sent, before any tampering). */
  readonly authorizeUrl: URL;
  /** Where the provider sent the browser back: our callback with `code`, `state`, `iss`. */
  readonly callbackUrl: URL;
  /** response_mode=form_post: the fields the provider's page posts to `callbackUrl`. */
  readonly form?: URLSearchParams;
}

/** The self-submitting form of a form_post answer: where it posts, and its fields. */
function formPostOf(html: string): { action: string; fields: URLSearchParams } | null {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) return null;
  const unescapeHtml = (v: string) =>
    v
      .replace(/&#x2F;|&#47;/g, '/')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) {
    fields.append(m[1]!, unescapeHtml(m[2]!));
  }
  return { action: unescapeHtml(action), fields };
}

/**
 * Starts at `startUrl` (a Gatehouse start or link URL), signs in at `idp` as `accountId` through
 * its sign-in page, and stops at the way back to Gatehouse — a redirect, or a form_post page —
 * which the test then sends (or tampers with first). `tamper` may change the authorization
 * request on its way to the provider.
 */
export async function signInAtProvider(
  browser: TestBrowser,
  startUrl: string,
  idp: { issuer: string },
  accountId: string,
  options: { tamper?: (authorize: URL) => void; startHeaders?: Record<string, string> } = {},
): Promise<ProviderSignIn> {
  const start = await browser.send(startUrl, { headers: options.startHeaders ?? {} });
  if (start.status !== 302 || start.location === null) {
    throw new Error(`start answered ${start.status}: ${start.text.slice(0, 300)}`);
  }
  const authorizeUrl = new URL(start.location);
  const sent = new URL(authorizeUrl);
  options.tamper?.(sent);
  const idpOrigin = new URL(idp.issuer).origin;
  // To the provider's sign-in page.
  const page = await browser.followUntil(sent.href, (u) => u.pathname.startsWith('/interaction/'));
  const login = await browser.send(`${page}/login`, {
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ account: accountId }).toString(),
  });
  let next = login.location;
  for (let hops = 0; next !== null && hops < 20; hops++) {
    if (new URL(next).origin !== idpOrigin) return { authorizeUrl, callbackUrl: new URL(next) };
    const reply = await browser.send(next);
    if (reply.location === null) {
      const form = formPostOf(reply.text);
      if (form) return { authorizeUrl, callbackUrl: new URL(form.action), form: form.fields };
      throw new Error(`the provider answered ${reply.status}: ${reply.text.slice(0, 300)}`);
    }
    next = reply.location;
  }
  throw new Error(`login answered ${login.status}: ${login.text.slice(0, 300)}`);
}

/** Our callback URL for provider `name` on `origin` (what the provider's client must allow). */
export const callbackFor = (origin: string, name: string) => `${origin}/auth/oauth/${name}/callback`;

/** Gatehouse's `oauth.providers` entry for a test provider. */
export function providerSettings(idp: TestIdp, extra: Record<string, unknown> = {}) {
  return {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    allowInsecureIssuer: true,
    ...extra,
  };
}

/** The value of cookie `name` among a reply's Set-Cookie lines, or undefined. */
export function setCookieValue(setCookies: readonly string[], name: string): string | undefined {
  const line = setCookies.find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0]?.slice(name.length + 1);
}
