/**
 * A real local HTTP server publishing a JSON Web Key Set, for ID-token tests: RSA keys made with
 * jose, each with a `kid`; it can rotate them, counts how often the set is fetched, and signs
 * tokens for any issuer, audience, claims and header — including the broken ones (`alg: none`,
 * HS256 keyed with the public key, a `kid` it never published).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { base64url, exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly jwk: JWK;
}

export interface TokenOptions {
  /** Claims; `iat` and `exp` default to `now` and an hour later, the rest to nothing. */
  readonly claims?: JWTPayload & Record<string, unknown>;
  /** The time the token is made at (ms); the test clock's now. */
  readonly now: number;
  /** Extra or replaced header fields (`kid`, `jku`…). */
  readonly header?: Record<string, unknown>;
  /** Sign with this key instead of the current one (e.g. one made but never published). */
  readonly key?: SigningKey;
}

export interface JwksServer {
  /** Where the key set is served. */
  readonly url: string;
  /** How many times the key set was fetched. */
  readonly fetches: number;
  /** The key new tokens are signed with. */
  readonly currentKid: string;
  /** A new key signs from now on; with `keepOld`, the old one stays published. */
  rotate(options?: { keepOld?: boolean }): Promise<void>;
  /** A key that is never published. */
  unpublishedKey(): Promise<SigningKey>;
  sign(options: TokenOptions): Promise<string>;
  /** `alg: none`, no signature. */
  unsigned(options: TokenOptions): string;
  /** HS256 keyed with the current public key's PEM text (the key-confusion attack). */
  signWithPublicKeyAsHmac(options: TokenOptions): Promise<string>;
  stop(): Promise<void>;
}

let keyCounter = 0;

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-key-${++keyCounter}-${Date.now().toString(36)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

function claimsAt({ claims = {}, now }: TokenOptions): JWTPayload {
  const seconds = Math.floor(now / 1000);
  return { iat: seconds, exp: seconds + 3600, ...claims };
}

export async function startJwksServer(): Promise<JwksServer> {
  let published: SigningKey[] = [await newKey()];
  let current = published[0] as SigningKey;
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/jwks') {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sign = (options: TokenOptions) => {
    const key = options.key ?? current;
    return new SignJWT(claimsAt(options))
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...options.header })
      .sign(key.privateKey);
  };

  return {
    url: `http://127.0.0.1:${port}/jwks`,
    get fetches() {
      return fetches;
    },
    get currentKid() {
      return current.kid;
    },
    async rotate({ keepOld = false } = {}) {
      current = await newKey();
      published = keepOld ? [...published, current] : [current];
    },
    unpublishedKey: newKey,
    sign,
    unsigned(options) {
      const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
      const header = { alg: 'none', typ: 'JWT', kid: current.kid, ...options.header };
      return `${encode(header)}.${encode(claimsAt(options))}.`;
    },
    async signWithPublicKeyAsHmac(options) {
      const pem = await exportSPKI(current.publicKey);
      return new SignJWT(claimsAt(options))
        .setProtectedHeader({ alg: 'HS256', kid: current.kid, typ: 'JWT', ...options.header })
        .sign(new TextEncoder().encode(pem));
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
