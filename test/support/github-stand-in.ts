/**
 * A local stand-in for GitHub's OAuth app endpoints and REST API, recording GitHub's documented
 * contract (docs.github.com: "Authorizing OAuth apps", REST "Users" and "Emails"), laid out as
 * GitHub Enterprise Server lays them out (`/login/oauth/*`, `/api/v3/*`) so Gatehouse's GitHub
 * preset can point at it with `issuer`:
 *
 * - `GET /login/oauth/authorize` — the signed-in user (the test picks it) approves at once: a
 *   302 to `redirect_uri` with `code` and `state`; an unknown `client_id` or a `redirect_uri`
 *   that is not registered gets `error=redirect_uri_mismatch`.
 * - `POST /login/oauth/access_token` — form body with `client_id`, `client_secret`, `code`,
 *   `redirect_uri` and, when a challenge was sent, `code_verifier`. With `Accept:
 *   application/json` the answer is JSON `{access_token, token_type: "bearer", scope}`, without it
 *   form-encoded. Failures are **HTTP 200** with `{error: "bad_verification_code" |
 *   "incorrect_client_credentials" | "redirect_uri_mismatch", error_description, error_uri}`.
 * - `GET /api/v3/user` — `Authorization: Bearer <token>` (or `token <token>`); 401
 *   `{"message": "Requires authentication" | "Bad credentials", documentation_url, status}`;
 *   403 without a User-Agent; else the user object (`login`, numeric `id`, `name`, public
 *   `email` or null, …).
 * - `GET /api/v3/user/emails` — needs the `user:email` (or `user`) scope, else 404 `Not Found`;
 *   else `[{email, primary, verified, visibility}]`.
 *
 * Every request is recorded (method, path, Accept, User-Agent, API version) for the test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubUser {
  readonly id: number;
  readonly login: string;
  readonly name: string | null;
  /** The public profile address (often null). */
  readonly email: string | null;
  readonly emails: ReadonlyArray<{ email: string; primary: boolean; verified: boolean }>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly accept: string | undefined;
  readonly userAgent: string | undefined;
  readonly apiVersion: string | undefined;
  readonly authorization: string | undefined;
}

export interface GithubStandIn {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: RecordedRequest[];
  /** Who is signed in at "GitHub" when the browser reaches the authorize endpoint. */
  signIn(user: GithubUser): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startGithubStandIn(options: {
  redirectUris: readonly string[];
}): Promise<GithubStandIn> {
  const clientId = 'Iv1.0123456789abcdef';
  const clientSecret = randomBytes(20).toString('hex');
  const requests: RecordedRequest[] = [];
  let current: GithubUser | undefined;
  const codes = new Map<
    string,
    { user: GithubUser; scope: string; challenge: string | null; redirectUri: string }
  >();
  const tokens = new Map<string, { user: GithubUser; scope: string }>();

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      accept: req.headers.accept,
      userAgent: req.headers['user-agent'],
      apiVersion: req.headers['x-github-api-version'] as string | undefined,
      authorization: req.headers.authorization,
    });

    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? options.redirectUris[0]!;
      const back = new URL(redirectUri);
      if (q.get('client_id') !== clientId || !options.redirectUris.includes(redirectUri)) {
        back.searchParams.set('error', 'redirect_uri_mismatch');
      } else if (!current) {
        back.searchParams.set('error', 'access_denied');
      } else {
        const code = randomBytes(10).toString('hex');
        codes.set(code, {
          user: current,
          scope: (q.get('scope') ?? '').split(/[ ,]+/).filter(Boolean).join(','),
          challenge: q.get('code_challenge_method') === 'S256' ? q.get('code_challenge') : null,
          redirectUri,
        });
        back.searchParams.set('code', code);
      }
      if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href }).end();
      return;
    }

    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const form = new URLSearchParams(await readBody(req));
      const asJson = (req.headers.accept ?? '').includes('application/json');
      const reply = (body: Record<string, string>): void => {
        if (asJson) {
          json(res, 200, body);
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' })
          .end(new URLSearchParams(body).toString());
      };
      const fail = (error: string, description: string) =>
        reply({
          error,
          error_description: description,
          error_uri: `https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#${error.replace(/_/g, '-')}`,
        });
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return fail(
          'incorrect_client_credentials',
          'The client_id and/or client_secret passed are incorrect.',
        );
      }
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant) return fail('bad_verification_code', 'The code passed is incorrect or expired.');
      if (form.get('redirect_uri') !== null && form.get('redirect_uri') !== grant.redirectUri) {
        return fail(
          'redirect_uri_mismatch',
          'The redirect_uri MUST match the registered callback URL for this application.',
        );
      }
      if (grant.challenge !== null) {
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
          return fail('bad_verification_code', 'The code passed is incorrect or expired.');
        }
      }
      const token = `gho_${randomBytes(18).toString('base64url')}`;
      tokens.set(token, { user: grant.user, scope: grant.scope });
      return reply({ access_token: token, token_type: 'bearer', scope: grant.scope });
    }

    if (req.method === 'GET' && (url.pathname === '/api/v3/user' || url.pathname === '/api/v3/user/emails')) {
      if (!req.headers['user-agent']) {
        return json(res, 403, {
          message:
            'Request forbidden by administrative rules. Please make sure your request has a User-Agent header',
          documentation_url: `${DOCS}/overview/resources-in-the-rest-api#user-agent-required`,
          status: '403',
        });
      }
      const presented = /^(?:Bearer|token) (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!presented) {
        return json(res, 401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' });
      }
      const grant = tokens.get(presented);
      if (!grant)
        return json(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      const { user, scope } = grant;
      if (url.pathname === '/api/v3/user') {
        return json(res, 200, {
          login: user.login,
          id: user.id,
          node_id: Buffer.from(`04:User${user.id}`).toString('base64'),
          avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
          url: `https://api.github.com/users/${user.login}`,
          html_url: `https://github.com/${user.login}`,
          type: 'User',
          site_admin: false,
          name: user.name,
          company: null,
          blog: '',
          location: null,
          email: user.email,
          hireable: null,
          bio: null,
          public_repos: 2,
          followers: 1,
          following: 0,
          created_at: '2011-01-25T18:44:36Z',
          updated_at: '2024-01-22T12:00:00Z',
        });
      }
      const scopes = scope.split(',');
      if (!scopes.includes('user:email') && !scopes.includes('user')) {
        return json(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      }
      return json(
        res,
        200,
        user.emails.map((e) => ({ ...e, visibility: e.primary ? 'private' : null })),
      );
    }
    json(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientId,
    clientSecret,
    requests,
    signIn: (user) => {
      current = user;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
