/**
 * Generators for the HTTP fuzz test (fuzz.test.ts): requests to every route and to unknown
 * paths, with odd methods, path tricks, hostile headers, tokens and bodies. Values that exist
 * only at run time (a live user's tokens) or are too long to print (a 64 KiB string) are
 * `Piece`s, resolved when the request is sent, so a counterexample prints short and the seed
 * replays it.
 */
import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { z } from 'zod';
import type { Route } from '../../src/http/route.js';

/** What only the running test knows: the live users (principals) and tokens forged at start. */
export interface Live {
  readonly password: string;
  access(principal: number): string;
  refresh(principal: number): string;
  sessionId(principal: number): string;
  email(principal: number): string;
  forged(index: number): string;
  /** A token from a mail the instance sent (0 = the newest), e.g. a reset or verification link. */
  mailToken(index: number): string;
}

export const PRINCIPALS = 2;
export const BODY_LIMIT = 64 * 1024;
/** Trusted by the fuzz instance (setting `trustedProxies`), so its `X-Forwarded-For` is read. */
export const TRUSTED_PROXY = '203.0.113.7';

/** What each forged token is; `forgeTokens` returns them in this order. */
const FORGED_KINDS = [
  'alg none, no signature',
  'alg none, real signature',
  'ES256 by a foreign key, real kid',
  'HS256 keyed with the public JWK (alg confusion)',
  'embedded jwk',
  'jku pointing elsewhere',
  'unknown kid',
  'crit header',
  'payload re-encoded with exp far away, real signature',
  'typ changed, real signature',
  'sub of the other principal, real signature',
  'four segments',
] as const;

export const FORGED_COUNT = FORGED_KINDS.length;

export abstract class Piece {
  abstract resolve(live: Live): string;
  abstract describe(): string;
  [fc.toStringMethod](): string {
    return this.describe();
  }
}

type LiveKind = 'access' | 'refresh' | 'sessionId' | 'email' | 'password' | 'mailToken';

/** A live user's current token, session id, address or password. */
export class LiveValue extends Piece {
  constructor(
    readonly kind: LiveKind,
    readonly principal = 0,
  ) {
    super();
  }
  resolve(live: Live): string {
    return this.kind === 'password' ? live.password : live[this.kind](this.principal);
  }
  describe(): string {
    if (this.kind === 'password') return '<password>';
    if (this.kind === 'mailToken') return `<mailed token ${this.principal}>`;
    return `<${this.kind} of principal ${this.principal}>`;
  }
}

const TAMPERS = [
  'flip',
  'truncate',
  'append',
  'case',
  'pad',
  'strip-signature',
  'other-signature',
  'edit-payload',
  'alg-none',
] as const;
type Tamper = (typeof TAMPERS)[number];
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A live token with one change: a character, its length, its signature, its claims. */
export class Tampered extends Piece {
  constructor(
    readonly kind: 'access' | 'refresh',
    readonly principal: number,
    readonly how: Tamper,
    readonly at: number,
  ) {
    super();
  }
  resolve(live: Live): string {
    const token = live[this.kind](this.principal);
    const i = Math.min(token.length - 1, Math.floor(this.at * token.length));
    const [h = '', p = '', s = ''] = token.split('.');
    switch (this.how) {
      case 'flip': {
        const c = token[i] ?? 'A';
        const next = B64URL[(B64URL.indexOf(c) + 1 + Math.floor(this.at * 62)) % B64URL.length]!;
        return token.slice(0, i) + (next === c ? 'A' : next) + token.slice(i + 1);
      }
      case 'truncate':
        return token.slice(0, i);
      case 'append':
        return `${token}${B64URL[Math.floor(this.at * B64URL.length)]}`;
      case 'case':
        return token.slice(0, i) + swapCase(token.slice(i, i + 4)) + token.slice(i + 4);
      case 'pad':
        return `${token}${'='.repeat(1 + Math.floor(this.at * 2))}`;
      case 'strip-signature':
        return `${h}.${p}.`;
      case 'other-signature': {
        const other = live[this.kind]((this.principal + 1) % PRINCIPALS).split('.');
        return `${h}.${p}.${other[2] ?? ''}`;
      }
      case 'edit-payload': {
        const claims = decodeJson(p);
        const edits = [{ exp: 1 }, { exp: 9_999_999_999 }, { sub: 'usr_00000000000000000000000000000000' }];
        const edited = { ...claims, ...edits[Math.floor(this.at * edits.length)] };
        return `${h}.${encodeJson(edited)}.${s}`;
      }
      case 'alg-none':
        return `${encodeJson({ ...decodeJson(h), alg: 'none' })}.${p}.`;
    }
  }
  describe(): string {
    return `<${this.kind} of principal ${this.principal}, ${this.how} at ${this.at.toFixed(3)}>`;
  }
}

/** One of the tokens `forgeTokens` made at start. */
export class Forged extends Piece {
  constructor(readonly index: number) {
    super();
  }
  resolve(live: Live): string {
    return live.forged(this.index);
  }
  describe(): string {
    return `<forged token ${this.index}>`;
  }
}

/** `unit` repeated `count` times, between `before` and `after`. */
export class Repeat extends Piece {
  constructor(
    readonly unit: string,
    readonly count: number,
    readonly before = '',
    readonly after = '',
  ) {
    super();
  }
  resolve(): string {
    return this.before + this.unit.repeat(this.count) + this.after;
  }
  describe(): string {
    return `${JSON.stringify(this.before)}+${JSON.stringify(this.unit)}×${this.count}+${JSON.stringify(this.after)}`;
  }
}

/** Text made of literal parts and pieces. */
export type Template = ReadonlyArray<string | Piece>;

export function render(template: Template, live: Live): string {
  return template.map((part) => (typeof part === 'string' ? part : part.resolve(live))).join('');
}

/**
 * Whether a request's credentials (Authorization, Cookie) could legitimately sign it in: a live
 * access token, or one tampered only in a way that may leave it equivalent (a case swap over
 * digits; a changed last character whose padding bits base64url decoding ignores).
 */
export function presentsLiveAccess(request: FuzzRequest): boolean {
  return request.headers
    .filter(([name]) => name === 'authorization' || name === 'cookie')
    .flatMap(([, value]) => value)
    .some(
      (p) =>
        (p instanceof LiveValue && p.kind === 'access') ||
        (p instanceof Tampered && p.kind === 'access' && (p.how === 'flip' || p.how === 'case')),
    );
}

/** A JSON value whose leaves may be pieces; own `__proto__` keys survive. */
export function resolveJson(value: unknown, live: Live): unknown {
  if (value instanceof Piece) return value.resolve(live);
  if (Array.isArray(value)) return value.map((v) => resolveJson(v, live));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveJson(v, live)]));
  }
  return value;
}

export type BodySpec =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: Template }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array };

export interface FuzzRequest {
  /** The route the request was generated for (its operationId), or `unknown`. */
  readonly label: string;
  /** `handler(Request)`, or `respond` with the raw, unnormalised target an adapter would pass. */
  readonly via: 'handler' | 'respond';
  /** The socket address an adapter reports, if any. */
  readonly ip: string | undefined;
  /** `scheme://host` of the request URL (decides the cookie names). */
  readonly origin: string;
  readonly method: string;
  /** Path and query, starting with `/`. */
  readonly target: Template;
  readonly headers: ReadonlyArray<readonly [string, Template]>;
  readonly body: BodySpec;
}

// ---- building blocks -------------------------------------------------------------------------

const sometimes = <T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: percent, arbitrary }, { weight: 100 - percent, arbitrary: fc.constant(undefined) });

const char = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCharCode(c));
const loneSurrogate = char(0xd800, 0xdfff);

/** Any text a JSON string can carry, biased to ASCII, with lone surrogates, NUL and look-alikes. */
const anyChar = fc.oneof(
  { weight: 6, arbitrary: char(0x20, 0x7e) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\u0000',
      '\u202e',
      '\ufeff',
      '\u0130',
      'ı',
      '＠',
      '\r',
      '\n',
      '\t',
      '"',
      '\\',
    ),
  },
);
const anyText = (maxLength = 40) => fc.string({ unit: anyChar, maxLength });

/** A character a header value may hold: Latin-1 without NUL, CR or LF. */
const headerChar = fc.oneof(
  { weight: 20, arbitrary: char(0x20, 0x7e) },
  { weight: 1, arbitrary: char(0x80, 0xff) },
  { weight: 1, arbitrary: fc.constantFrom('\t', '\u0001', '\u001f', '\u007f') },
);
const headerText = (maxLength = 60) => fc.string({ unit: headerChar, maxLength });
const b64url = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...B64URL), minLength, maxLength });

function swapCase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}
function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
function decodeJson(segment: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// ---- tokens ----------------------------------------------------------------------------------

const principal = fc.nat(PRINCIPALS - 1);

/** Random strings shaped like tokens: base64url of many lengths, `a.b.c`, boundaries. Header-safe. */
const literalToken: fc.Arbitrary<string> = fc.oneof(
  b64url(0, 64),
  b64url(40, 48),
  b64url(200, 700),
  fc.tuple(b64url(0, 40), b64url(0, 300), b64url(0, 90)).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }), b64url(0, 86))
    .map(([h, p, s]) => `${encodeJson(h)}.${encodeJson(p)}.${s}`),
  fc.constantFrom(
    '',
    '.',
    '..',
    'a.b.c.d',
    'null',
    'undefined',
    'eyJhbGciOiJub25lIn0.e30.',
    'eyJhbGciOiJFUzI1NiJ9.e30.AA',
    '%00',
    '\u00ff\u00fe',
    '=',
    'Bearer',
  ),
  headerText(80),
);

const tampered = fc
  .tuple(
    fc.constantFrom('access' as const, 'refresh' as const),
    principal,
    fc.constantFrom(...TAMPERS),
    fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  )
  .map(([kind, p, how, at]) => new Tampered(kind, p, how, at));

/** A token: a live one, a tampered or forged one, or random. Header-safe. */
export const tokenArb: fc.Arbitrary<string | Piece> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('access' as const, 'refresh' as const), principal)
      .map(([k, p]) => new LiveValue(k, p)),
  },
  { weight: 2, arbitrary: tampered },
  { weight: 1, arbitrary: fc.nat(FORGED_COUNT - 1).map((i) => new Forged(i)) },
  { weight: 4, arbitrary: literalToken },
);

// ---- headers ---------------------------------------------------------------------------------

const authorizationArb: fc.Arbitrary<Template> = fc.oneof(
  { weight: 8, arbitrary: tokenArb.map((t): Template => ['Bearer ', t]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'bearer ',
          'BEARER ',
          'Bearer  ',
          'Bearer\t',
          'Bearer',
          'Basic ',
          'Token ',
          'Bearer a ',
          'DPoP ',
        ),
        tokenArb,
        fc.constantFrom('', ' ', ' x', ', Bearer x', '\t'),
      )
      .map(([a, t, b]): Template => [a, t, b]),
  },
  { weight: 1, arbitrary: headerText(40).map((v): Template => [v]) },
  { weight: 1, arbitrary: fc.constant<Template>(['Bearer ', new Repeat('a', 20_000)]) },
);

const cookieName = fc.oneof(
  fc.constantFrom(
    'gh_access',
    'gh_refresh',
    '__Host-gh_access',
    '__Secure-gh_refresh',
    'GH_ACCESS',
    ' gh_access',
    '',
  ),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
);
const cookieArb: fc.Arbitrary<Template> = fc
  .tuple(
    fc.array(fc.tuple(cookieName, fc.constantFrom('=', '=', '==', ' = ', ''), tokenArb), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.constantFrom('; ', ';', ';;', ', '),
  )
  .map(([pairs, separator]) =>
    pairs.flatMap(([name, eq, value], i): Array<string | Piece> => [i ? separator : '', name, eq, value]),
  );

const ORIGINS = [
  'http://localhost:3000',
  'https://auth.example',
  'http://127.0.0.1:8080',
  'http://[::1]',
  'https://xn--bcher-kva.example',
];

const originHeaderArb = fc.oneof(
  fc.constantFrom(
    ...ORIGINS,
    'null',
    'https://evil.example',
    'http://localhost:3000.evil.example',
    'http://localhost',
    '',
  ),
  headerText(30),
);

const contentTypeArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json ; x=1',
      'application/vnd.api+json',
      'application/merge-patch+json',
      'application/json, text/plain',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      ' application/json',
      'json',
      '*/*',
      '',
    ),
  },
  { weight: 1, arbitrary: headerText(30) },
);

/** Headers; a route that needs a session mostly gets a live access token, so requests reach its handler. */
const headersArb = (auth: boolean): fc.Arbitrary<FuzzRequest['headers']> =>
  fc
    .record({
      'content-type': sometimes(
        contentTypeArb.map((v): Template => [v]),
        90,
      ),
      authorization: sometimes(
        auth
          ? fc.oneof(
              {
                weight: 3,
                arbitrary: principal.map((p): Template => ['Bearer ', new LiveValue('access', p)]),
              },
              { weight: 2, arbitrary: authorizationArb },
            )
          : authorizationArb,
        auth ? 85 : 35,
      ),
      cookie: sometimes(cookieArb, 20),
      origin: sometimes(
        originHeaderArb.map((v): Template => [v]),
        20,
      ),
      'sec-fetch-site': sometimes(
        fc
          .constantFrom('same-origin', 'none', 'same-site', 'cross-site', 'SAME-ORIGIN', '')
          .map((v): Template => [v]),
        15,
      ),
      'gatehouse-transport': sometimes(
        fc.constantFrom('cookie', ' COOKIE ', 'bearer', 'cookies', '').map((v): Template => [v]),
        15,
      ),
      host: sometimes(
        fc.constantFrom('localhost:3000', 'evil.example', 'localhost', '').map((v): Template => [v]),
        5,
      ),
      'x-request-id': sometimes(
        fc.oneof(headerText(70), fc.stringMatching(/^[\w.-]{1,64}$/)).map((v): Template => [v]),
        10,
      ),
      'user-agent': sometimes(
        fc.oneof(
          headerText(80).map((v): Template => [v]),
          fc.constant<Template>(['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0']),
          fc.constant<Template>([new Repeat('Mozilla/5.0 ', 1000)]),
        ),
        30,
      ),
      'x-forwarded-for': sometimes(
        fc
          .tuple(
            fc.array(
              fc.oneof(
                fc.ipV4(),
                fc.ipV6(),
                fc.constantFrom(TRUSTED_PROXY, '::ffff:1.2.3.4', 'unknown', ''),
                headerText(20),
              ),
              { minLength: 1, maxLength: 4 },
            ),
            fc.constantFrom(', ', ','),
          )
          .map(([list, separator]): Template => [list.join(separator)]),
        15,
      ),
      'content-length': sometimes(
        fc
          .oneof(
            fc.nat(200_000).map(String),
            fc.constantFrom('0', '-1', '1e9', 'abc', '99999999999999999999'),
          )
          .map((v): Template => [v]),
        5,
      ),
      extra: fc.oneof(
        { weight: 5, arbitrary: fc.constant([] as Array<[string, string]>) },
        {
          weight: 1,
          arbitrary: fc.array(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), headerText(40)), {
            maxLength: 3,
          }),
        },
      ),
    })
    .map(({ extra, ...named }) => [
      ...Object.entries(named).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, value] as const],
      ),
      ...extra.map(([name, value]) => [name, [value]] as const),
    ]);

/** What a well-behaved client sends: JSON, a live token where one is needed, browser headers at times. */
const tameHeadersArb = (auth: boolean): fc.Arbitrary<FuzzRequest['headers']> =>
  fc
    .record({
      'content-type': fc.constantFrom<Template>(['application/json'], ['application/json; charset=utf-8']),
      authorization: auth
        ? fc.oneof(
            { weight: 9, arbitrary: principal.map((p): Template => ['Bearer ', new LiveValue('access', p)]) },
            { weight: 1, arbitrary: fc.constant(undefined) },
          )
        : fc.constant(undefined),
      'gatehouse-transport': sometimes(fc.constant<Template>(['cookie']), 10),
      origin: sometimes(fc.constantFrom<Template>([ORIGINS[0]!], ['https://evil.example']), 15),
      'user-agent': sometimes(
        headerText(80).map((v): Template => [v]),
        30,
      ),
    })
    .map((named) =>
      Object.entries(named).flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as const])),
    );

// ---- paths -----------------------------------------------------------------------------------

const MUTATIONS = [
  'trailing-slash',
  'double-slash',
  'upper',
  'mixed-case',
  'dot',
  'dot-dot',
  'encoded-dot-dot',
  'encoded-slash',
  'backslash',
  'semicolon',
  'percent-encoded',
  'null-byte',
  'long',
  'unicode',
  'fragment',
] as const;
type Mutation = 'none' | (typeof MUTATIONS)[number];

type Segments = ReadonlyArray<string | Piece>;

function joinPath(segments: Segments): Array<string | Piece> {
  return segments.flatMap((s) => ['/', s]);
}

function mutatePath(given: Segments, mutation: Mutation, n: number): Array<string | Piece> {
  // The root path is one empty segment, so every target starts with `/`.
  const segments = given.length === 0 ? [''] : given;
  const at = segments.length === 0 ? 0 : n % segments.length;
  const mapAt = (f: (s: string) => string) =>
    segments.map((s, i) => (i === at && typeof s === 'string' ? f(s) : s));
  switch (mutation) {
    case 'none':
      return joinPath(segments);
    case 'trailing-slash':
      return [...joinPath(segments), '/'];
    case 'double-slash':
      return ['/', ...joinPath(segments)];
    case 'upper':
      return joinPath(segments.map((s) => (typeof s === 'string' ? s.toUpperCase() : s)));
    case 'mixed-case':
      return joinPath(mapAt((s) => [...s].map((c, i) => ((i + n) % 2 ? c.toUpperCase() : c)).join('')));
    case 'dot':
      return joinPath([...segments.slice(0, at), '.', ...segments.slice(at)]);
    case 'dot-dot':
      return joinPath([...segments.slice(0, at), 'x', '..', ...segments.slice(at)]);
    case 'encoded-dot-dot':
      return joinPath([
        ...segments.slice(0, at),
        'x',
        ['%2e%2e', '%2E%2E', '.%2e', '%2e.'][n % 4]!,
        ...segments.slice(at),
      ]);
    case 'encoded-slash': {
      const joined = joinPath(segments);
      const slash = 2 * Math.max(1, at);
      return slash < joined.length
        ? [...joined.slice(0, slash), n % 2 ? '%2F' : '%2f', ...joined.slice(slash + 1)]
        : joined;
    }
    case 'backslash':
      return joinPath(segments).map((p, i) => (i === 2 * at && p === '/' ? '\\' : p));
    case 'semicolon':
      return [...joinPath(segments), ';jsessionid=x'];
    case 'percent-encoded':
      return joinPath(
        mapAt((s) => [...s].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')),
      );
    case 'null-byte':
      return joinPath(mapAt((s) => `${s}%00`));
    case 'long':
      return [...joinPath(segments), '/', n % 2 ? new Repeat('a', 70_000) : new Repeat('seg/', 5_000)];
    case 'unicode':
      return [...joinPath(segments), '/', ['é', '\u{1F600}', '\u0130', '％2e', '\uFF0F'][n % 5]!];
    case 'fragment':
      return [...joinPath(segments), '#frag'];
  }
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 7, arbitrary: fc.constant('none' as const) },
  { weight: 2, arbitrary: fc.constantFrom(...MUTATIONS) },
);

const queryArb: fc.Arbitrary<Template> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Template>([]) },
  {
    weight: 4,
    arbitrary: fc.oneof(
      fc.constantFrom<Template>(['?'], ['?a=1&a=2'], ['?%zz'], ['?email=a%40b.co'], ['?token=%00']),
      fc.webQueryParameters().map((q): Template => [`?${q}`]),
      tokenArb.map((t): Template => ['?token=', t]),
      fc.constant<Template>(['?', new Repeat('a=1&', 5_000)]),
    ),
  },
);

const idSegment: fc.Arbitrary<string | Piece> = fc.oneof(
  { weight: 4, arbitrary: principal.map((p) => new LiveValue('sessionId', p)) },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9a-f]{32}$/).map((h) => `ses_${h}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      '..',
      '%2e%2e',
      '%00',
      '%E0%A4%A',
      '%C0%AF',
      'ses_',
      'usr_0190f2a81b3c7abc8123456789abcdef',
      'SES_0190F2A81B3C7ABC8123456789ABCDEF',
      "ses_' OR '1'='1",
      '%F0%9F%98%80',
    ),
  },
  { weight: 2, arbitrary: fc.webSegment() },
  { weight: 1, arbitrary: fc.constant(new Repeat('a', 10_000)) },
);

function routeSegments(route: Route, basePath: string): fc.Arbitrary<Segments> {
  const path = route.absolute ? route.path : `${basePath}${route.path}`;
  const parts = path.split('/').slice(1);
  return fc.tuple(
    ...parts.map((p) => (p.startsWith(':') ? idSegment : fc.constant(p))),
  ) as fc.Arbitrary<Segments>;
}

function unknownSegments(basePath: string): fc.Arbitrary<Segments> {
  return fc.oneof(
    fc.webPath().map((p) => p.split('/').slice(1)),
    fc
      .constantFrom(
        '/',
        `${basePath}`,
        `${basePath}/`,
        `${basePath}/sign-up`,
        `${basePath}/sign-in/email/extra`,
        `${basePath}/openapi.json`,
        '/.well-known/openid-configuration',
        `${basePath}/me/export/x`,
        '/favicon.ico',
        `${basePath}/%2e%2e/%2e%2e/etc/passwd`,
        `/auth${basePath}/session`,
      )
      .map((p) => p.split('/').slice(1)),
    fc.array(fc.oneof(fc.webSegment(), anyText(12)), { minLength: 1, maxLength: 4 }),
  );
}

function targetArb(segments: fc.Arbitrary<Segments>): fc.Arbitrary<Template> {
  return fc
    .tuple(segments, mutationArb, fc.nat(1000), queryArb)
    .map(([segs, mutation, n, query]) => [...mutatePath(segs, mutation, n), ...query]);
}

// ---- methods ---------------------------------------------------------------------------------

const STANDARD_METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'];
// The WHATWG Request refuses these outright.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function methodArb(own: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 24, arbitrary: fc.constant(own) },
    { weight: 4, arbitrary: fc.constantFrom(...STANDARD_METHODS) },
    { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom(own, ...STANDARD_METHODS)) },
    {
      weight: 1,
      arbitrary: fc
        .stringMatching(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,15}$/)
        .filter((m) => !FORBIDDEN_METHODS.has(m.toUpperCase())),
    },
  );
}

// ---- bodies ----------------------------------------------------------------------------------

/** A value of the wrong type, or the right type at a boundary. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    1e308,
    -1e308,
    5e-324,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udc00x\ud800',
    '__proto__',
  ),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
  anyText(60),
  fc.array(anyText(10), { maxLength: 3 }),
  fc.nat(60).map((depth) => nest(depth, 'x')),
);

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const emailArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: principal.map((p) => new LiveValue('email', p)) },
  { weight: 2, arbitrary: fc.nat(30).map((n) => `fuzz-${n}@example.com`) },
  { weight: 1, arbitrary: fc.nat(1_000_000_000).map((n) => `fuzz-${n}@example.com`) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 4, arbitrary: anyText(40) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a@x.com,b@y.com',
      'a@x.com\r\nBcc: b@y.com',
      'victim＠x.com',
      ' FUZZ-1@EXAMPLE.COM ',
      'a@x.com\u0000',
      '<a@x.com>',
      '"a b"@x.com',
      'a@[127.0.0.1]',
      'ı@x.com',
      'a@xn--80ak6aa92e.com',
      `a@${'x'.repeat(250)}.com`,
      '\ud800@x.com',
      'a@x.com\ud800',
      '@',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.nat(80_000).map((n) => new Repeat('a', n, '', '@x.com')) },
);

const passwordArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(new LiveValue('password')) },
  { weight: 4, arbitrary: anyText(12) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'password',
      'Password1',
      '12345678',
      'p'.repeat(256),
      'p'.repeat(257),
      '\u{1F600}'.repeat(8),
      '\u0000'.repeat(8),
      ' '.repeat(8),
      '\ud800'.repeat(8),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: anyChar, minLength: 8, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.nat(80_000).map((n) => new Repeat('p', n)) },
);

const tokenValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: tokenArb },
  { weight: 1, arbitrary: anyText(60) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(new Repeat('a', 1024), new Repeat('a', 1025), new Repeat('é', 1024)),
  },
);

const textArb: fc.Arbitrary<unknown> = fc.oneof(
  anyText(40),
  fc.constantFrom(
    'a'.repeat(200),
    'a'.repeat(201),
    ' trimmed ',
    '\u0007bell',
    'e\u0301',
    '\u{1F600}'.repeat(200),
  ),
  fc.constant(null),
);

const metadataArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 }),
  fc.nat(12).map((depth) => ({ deep: nest(depth, 1) })),
  fc.constantFrom(
    Object.fromEntries([['__proto__', { admin: true }]]),
    { constructor: { prototype: { admin: true } } },
    { a: { prototype: 1 } },
    { s: '\u0000' },
    { s: '\ud800' },
    { '\u0000': 1 },
    { n: 1e308 },
    [],
  ),
  fc.nat(9000).map((n) => ({ big: new Repeat('m', n) })),
  oddValue,
);

/** A value for a named field: usually plausible for that name, sometimes any odd value. */
function fieldValue(key: string, oddWeight: number): fc.Arbitrary<unknown> {
  const plausible = ((): fc.Arbitrary<unknown> => {
    switch (key) {
      case 'email':
      case 'newEmail':
        return emailArb;
      case 'password':
      case 'currentPassword':
      case 'newPassword':
        return passwordArb;
      case 'token':
        return fc.oneof(
          { weight: 3, arbitrary: fc.nat(3).map((n) => new LiveValue('mailToken', n)) },
          { weight: 4, arbitrary: tokenValueArb },
        );
      case 'refreshToken':
        return fc.oneof(
          { weight: 2, arbitrary: principal.map((p) => new LiveValue('refresh', p)) },
          { weight: 4, arbitrary: tokenValueArb },
        );
      case 'imageUrl':
        return fc.oneof(
          fc.webUrl(),
          fc.constantFrom(
            'javascript:alert(1)',
            'http://localhost/x.png',
            'https://a',
            'data:image/png;base64,AA',
          ),
          fc.constant(new Repeat('a', 3000, 'https://x.example/')),
          // A URL parser tolerates (and re-encodes) what a database column may not.
          fc.tuple(fc.webUrl(), anyText(6)).map(([url, tail]) => `${url}${tail}`),
          fc
            .tuple(CONTROL, fc.constantFrom('/a', '/a.png?q=', '/#'))
            .map(([c, p]) => `https://x.example${p}${c}`),
        );
      case 'phone':
        return fc.oneof(
          fc.constantFrom('+14155550123', '+0123', '+1 415'),
          fc.stringMatching(/^\+?\d{0,20}$/),
        );
      case 'dateOfBirth':
        return fc.oneof(
          fc.constantFrom(
            '1915-12-10',
            '1899-12-31',
            '2999-01-01',
            '2023-02-29',
            '2024-02-29',
            '1915-12-10T00:00:00Z',
            '',
          ),
          fc
            .date({ min: new Date('1850-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10)),
        );
      case 'locale':
        return fc.oneof(
          fc.constantFrom('en-GB', 'x'.repeat(36), 'en_GB', '\u0130'),
          fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/),
        );
      case 'address':
        return fc.oneof(
          fc.record(
            {
              street: textArb,
              city: textArb,
              state: textArb,
              country: textArb,
              postalCode: textArb,
              extra: textArb,
            },
            { requiredKeys: [] },
          ),
          fc.constant(null),
        );
      case 'metadata':
        return metadataArb;
      default:
        return textArb;
    }
  })();
  return fc.oneof(
    { weight: 24, arbitrary: plausible },
    { weight: 6, arbitrary: withControl(plausible) },
    { weight: oddWeight, arbitrary: oddValue },
  );
}

// NUL is the character a PostgreSQL text column refuses; the rest are the usual suspects.
const CONTROL = fc.oneof(
  { weight: 3, arbitrary: fc.constant('\u0000') },
  { weight: 1, arbitrary: fc.constantFrom('\u0001', '\u001f', '\u007f', '\u0085', '\u2028', '\ufffe') },
  { weight: 1, arbitrary: loneSurrogate },
);

/** A plausible string with one control character (or lone surrogate) slipped in, often at the end. */
function withControl(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(plausible, CONTROL, fc.nat()).map(([value, c, at]) => {
    if (typeof value !== 'string') return value;
    const i = at % 2 ? value.length : at % (value.length + 1);
    return value.slice(0, i) + c + value.slice(i);
  });
}

/** The fields of an object schema (a route's body), or none. */
export function schemaKeys(schema: z.ZodType | undefined): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Mostly the route's own fields, sometimes some missing, sometimes with extra or dangerous keys. */
function schemaShaped(keys: readonly string[], oddWeight = 10): fc.Arbitrary<BodySpec> {
  const all = fc.constant([...keys]);
  const some = fc.subarray([...keys], { minLength: Math.min(1, keys.length) });
  // A long allow-list (the profile) is mostly sent in part, often one field, as clients do.
  const chosen =
    keys.length > 3
      ? fc.oneof(
          all,
          some,
          fc.constantFrom(...keys).map((k) => [k]),
        )
      : fc.oneof({ weight: 3, arbitrary: all }, { weight: 1, arbitrary: some });
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as string[]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'role', 'emailVerified', 'id', 'status'),
          fc.string({ maxLength: 8 }),
        ),
        { minLength: 1, maxLength: 2 },
      ),
    },
  );
  return fc.tuple(chosen, extras).chain(([ks, extra]) =>
    fc.tuple(...ks.map((k) => fieldValue(k, oddWeight)), ...extra.map(() => oddValue)).map((values) => ({
      kind: 'json' as const,
      value: Object.fromEntries([...ks, ...extra].map((k, i) => [k, values[i]])),
    })),
  );
}

/** JSON text at the edges of what JSON.parse and the schemas accept. */
function boundaryText(keys: readonly string[]): fc.Arbitrary<BodySpec> {
  const literal = fc.constantFrom(
    '1e999',
    '-1e999',
    '-0',
    '1e-400',
    '123456789012345678901234567890',
    '0x10',
    'NaN',
    'Infinity',
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"\\u0000"',
    '"a\\u0000b@x.com"',
    '"\\"',
    'true',
    '[]',
    '{}',
    '{"__proto__":{"admin":true}}',
    '"\u2028\u2029"',
  );
  const key =
    keys.length > 0
      ? fc.constantFrom(...keys, '__proto__', 'constructor')
      : fc.constantFrom('a', '__proto__', 'constructor');
  return fc.oneof(
    fc.tuple(key, literal).map(([k, v]): BodySpec => ({ kind: 'text', text: [`{"${k}":${v}}`] })),
    fc
      .tuple(key, literal)
      .map(([k, v]): BodySpec => ({ kind: 'text', text: [`{"${k}":${v},"${k}":"dup"}`] })),
    literal.map((v): BodySpec => ({ kind: 'text', text: [v] })),
  );
}

/** A string field sized around the body limit, in 1-, 2- and 6-byte (escaped) characters. */
function bigBody(keys: readonly string[]): fc.Arbitrary<BodySpec> {
  return fc
    .tuple(
      fc.constantFrom(...(keys.length > 0 ? keys : ['a'])),
      fc.constantFrom('a', 'é', '\\u0000'),
      fc.constantFrom(-64, -14, -13, -12, 0, 1, 3 * BODY_LIMIT),
    )
    .map(([k, unit, delta]): BodySpec => {
      const bytes = unit === 'é' ? 2 : unit.length;
      const count = Math.max(0, Math.floor((BODY_LIMIT - k.length - 6 + delta) / bytes));
      return { kind: 'text', text: [new Repeat(unit, count, `{"${k}":"`, '"}')] };
    });
}

const deepText: fc.Arbitrary<BodySpec> = fc
  .tuple(fc.constantFrom('[', '{"a":'), fc.constantFrom(100, 5_000, 20_000, 40_000))
  .map(([open, depth]): BodySpec => {
    const close = open === '[' ? ']' : '}';
    return { kind: 'text', text: [new Repeat(open, depth), '1', new Repeat(close, depth)] };
  });

const invalidUtf8: fc.Arbitrary<BodySpec> = fc
  .tuple(
    fc.json({ maxDepth: 2 }),
    fc.nat(),
    fc.oneof(
      fc.uint8Array({ min: 0x80, max: 0xff, minLength: 1, maxLength: 4 }),
      fc.constantFrom(
        new Uint8Array([0xc0, 0xaf]),
        new Uint8Array([0xed, 0xa0, 0x80]),
        new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
        new Uint8Array([0xef, 0xbb, 0xbf]),
        new Uint8Array([0x00]),
      ),
    ),
  )
  .map(([json, at, bad]): BodySpec => {
    const text = Buffer.from(json);
    const i = at % (text.length + 1);
    return { kind: 'bytes', bytes: Buffer.concat([text.subarray(0, i), bad, text.subarray(i)]) };
  });

const notJson: fc.Arbitrary<BodySpec> = fc.oneof(
  anyText(80).map((t): BodySpec => ({ kind: 'text', text: [t] })),
  fc.constantFrom<BodySpec>(
    { kind: 'text', text: ['email=a%40b.co&password=x'] },
    { kind: 'text', text: ['<?xml version="1.0"?><a/>'] },
    { kind: 'text', text: ['{"email":'] },
    { kind: 'text', text: ['{"a":1,}'] },
    { kind: 'text', text: ["{'a':1}"] },
    { kind: 'text', text: ['   \n\t '] },
    { kind: 'text', text: ['\ufeff{}'] },
    { kind: 'text', text: ['{}garbage'] },
  ),
);

function bodyArb(keys: readonly string[], hasSchema: boolean): fc.Arbitrary<BodySpec> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'text', text: [''] }) },
    { weight: hasSchema ? 10 : 1, arbitrary: schemaShaped(keys) },
    { weight: 2, arbitrary: fc.json().map((t): BodySpec => ({ kind: 'text', text: [t] })) },
    { weight: 1, arbitrary: fc.jsonValue().map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: boundaryText(keys) },
    { weight: 1, arbitrary: bigBody(keys) },
    { weight: 1, arbitrary: deepText },
    { weight: 1, arbitrary: invalidUtf8 },
    { weight: 1, arbitrary: notJson },
  );
}

// ---- requests --------------------------------------------------------------------------------

const ipArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant<string | undefined>(TRUSTED_PROXY) },
  { weight: 1, arbitrary: fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('::ffff:203.0.113.8', '::1')) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
const viaArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('handler' as const) },
  { weight: 1, arbitrary: fc.constant('respond' as const) },
);
const originArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(ORIGINS[0]!) },
  { weight: 2, arbitrary: fc.constantFrom(...ORIGINS.slice(1)) },
);

/**
 * Requests spread over every route (one arm each) and unknown paths. `wellFormed` weighs the
 * well-formed arm of each route against its wild arm (2): raise it to spend more requests deep in
 * the handlers and the store.
 */
export function fuzzRequestArb(
  routes: readonly Route[],
  basePath: string,
  wellFormed = 1,
): fc.Arbitrary<FuzzRequest> {
  const known = routes.map((route) =>
    fc.record({
      label: fc.constant(route.operationId),
      via: viaArb,
      ip: ipArb,
      origin: originArb,
      method: methodArb(route.method),
      target: targetArb(routeSegments(route, basePath)),
      headers: headersArb(route.auth === true),
      body: bodyArb(schemaKeys(route.body), route.body !== undefined),
    }),
  );
  // Well-formed requests with at most a field or two gone wrong: these reach the handlers.
  // Weighed by input surface: a route with more body fields gets more well-formed requests.
  const tame = routes.map((route) => ({
    weight: wellFormed * (1 + schemaKeys(route.body).length),
    arbitrary: fc.record({
      label: fc.constant(route.operationId),
      via: viaArb,
      ip: ipArb,
      origin: fc.constant(ORIGINS[0]!),
      method: fc.constant(route.method),
      target: routeSegments(route, basePath).map(joinPath),
      headers: tameHeadersArb(route.auth === true),
      body: route.body
        ? fc.oneof(
            { weight: 9, arbitrary: schemaShaped(schemaKeys(route.body), 1) },
            { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
          )
        : fc.constant<BodySpec>({ kind: 'none' }),
    }),
  }));
  const unknown = fc.record({
    label: fc.constant('unknown'),
    via: viaArb,
    ip: ipArb,
    origin: originArb,
    method: methodArb('GET'),
    target: targetArb(unknownSegments(basePath)),
    headers: headersArb(false),
    body: bodyArb([], false),
  });
  return fc.oneof(...known.map((arbitrary) => ({ weight: 2, arbitrary })), ...tame, {
    weight: 4,
    arbitrary: unknown,
  });
}

// ---- forged tokens ---------------------------------------------------------------------------

/**
 * Access tokens an attacker could make from real ones: other algorithms, foreign keys, injected
 * key headers, claims edited under the real signature, in `FORGED_KINDS` order.
 */
export function forgeTokens(
  access: string,
  otherAccess: string,
  publicJwk: Record<string, unknown>,
): string[] {
  const [h = '', p = '', s = ''] = access.split('.');
  const header = decodeJson(h);
  const claims = decodeJson(p);
  const other = decodeJson(otherAccess.split('.')[1] ?? '');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const es256 = (hd: Record<string, unknown>, pl: Record<string, unknown>) => {
    const input = `${encodeJson(hd)}.${encodeJson(pl)}`;
    return `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
  };
  const hs256Input = `${encodeJson({ ...header, alg: 'HS256' })}.${p}`;
  const tokens = [
    `${encodeJson({ ...header, alg: 'none' })}.${p}.`,
    `${encodeJson({ ...header, alg: 'none' })}.${p}.${s}`,
    es256(header, claims),
    `${hs256Input}.${createHmac('sha256', JSON.stringify(publicJwk)).update(hs256Input).digest('base64url')}`,
    es256({ ...header, jwk: publicKey.export({ format: 'jwk' }) }, claims),
    es256({ ...header, jku: 'https://evil.example/jwks.json' }, claims),
    es256({ ...header, kid: 'nope' }, claims),
    es256({ ...header, crit: ['exp'] }, claims),
    `${h}.${encodeJson({ ...claims, exp: 9_999_999_999 })}.${s}`,
    `${encodeJson({ ...header, typ: 'JWT' })}.${p}.${s}`,
    `${h}.${encodeJson({ ...claims, sub: other.sub, sid: other.sid })}.${s}`,
    `${access}.${s}`,
  ];
  if (tokens.length !== FORGED_COUNT) throw new Error('forgeTokens and FORGED_KINDS disagree');
  return tokens;
}
