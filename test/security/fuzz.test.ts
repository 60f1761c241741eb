/**
 * Property-based fuzzing of every endpoint, on SQLite and PostgreSQL: generated requests (odd
 * methods, path tricks, hostile headers, live, tampered and forged tokens, boundary bodies) never
 * get a 5xx, every error is `{ error: { code } }`, and nothing reaches the log as a bug.
 *
 * One seed per run, printed; replay a failure with `FUZZ_SEED=<seed> npx vitest run
 * test/security/fuzz.test.ts`. The server's state builds up over the run, so replay the whole
 * run rather than the counterexample alone. `FUZZ_SCALE=10` runs ten times as many requests;
 * `FUZZ_VERBOSE=1` prints the statuses per route.
 */
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWebRequest } from '../../src/http/exchange.js';
import { ROUTES } from '../../src/http/routes/index.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';
import { type StoreKind, storeKinds } from '../support/stores.js';
import {
  BODY_LIMIT,
  FORGED_COUNT,
  type FuzzRequest,
  forgeTokens,
  fuzzRequestArb,
  type Live,
  PRINCIPALS,
  presentsLiveAccess,
  render,
  resolveJson,
  TRUSTED_PROXY,
} from './fuzz-arbitraries.js';

const BASE_PATH = '/auth';
// FUZZ_SCALE=10 runs ten times as many, for a longer local soak.
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);
const RUNS: Record<StoreKind, number> = {
  sqlite: 10_000 * SCALE,
  postgres: 2_000 * SCALE,
  mysql: 2_000 * SCALE,
};
// The server databases' runs are shorter and are there for what the store refuses: spend them deeper.
const WELL_FORMED: Record<StoreKind, number> = { sqlite: 1, postgres: 4, mysql: 4 };
const AUTH_ROUTES = new Map(ROUTES.filter((r) => r.auth).map((r) => [r.operationId, r.method]));

function readSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given === undefined || given === '') return Math.floor(Math.random() * 0x7fffffff);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${given}`);
  return seed;
}

const seed = readSeed();
console.log(`fuzz seed: ${seed} — replay with FUZZ_SEED=${seed}`);

interface Principal {
  email: string;
  access: string;
  refresh: string;
  sessionId: string;
}

interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Array<[string, string]>;
  readonly body: string | Uint8Array | undefined;
}

interface Answer {
  readonly status: number;
  readonly header: (name: string) => string | null | undefined;
  readonly cookies: string[];
  readonly text: string;
}

describe.each(storeKinds.map((kind) => [kind, RUNS[kind]] as const))(
  'fuzzing every endpoint (%s)',
  (kind, runs) => {
    let t: TestGatehouse;
    const logs: Array<{ level: number; msg?: string; err?: unknown }> = [];
    const logger = pino(
      { level: 'warn', base: null },
      { write: (line: string) => logs.push(JSON.parse(line)) },
    );
    const principals: Principal[] = [];
    let forged: string[] = [];
    // Principals whose session a request may have ended or rotated: checked before the next one.
    const dirty = new Set<number>();
    let renewals = 0;

    // The newest tokens the instance mailed (verification, reset, email change), newest last.
    const mailed: string[] = [];
    const mailer = {
      send: async (mail: { text: string }) => {
        for (const m of mail.text.matchAll(/[?&]token=([\w-]+)/g)) mailed.push(m[1]!);
        mailed.splice(0, Math.max(0, mailed.length - 16));
      },
    };

    const live: Live & { used: Set<number>; mailUsed: boolean } = {
      used: new Set(),
      mailUsed: false,
      password: PASSWORD,
      access(i) {
        this.used.add(i);
        return principals[i]!.access;
      },
      refresh(i) {
        this.used.add(i);
        return principals[i]!.refresh;
      },
      sessionId(i) {
        this.used.add(i);
        return principals[i]!.sessionId;
      },
      email(i) {
        this.used.add(i);
        return principals[i]!.email;
      },
      forged: (i) => forged[i]!,
      mailToken(i) {
        this.mailUsed = true;
        return mailed[mailed.length - 1 - i] ?? 'no-mail-yet';
      },
    };

    async function signIn(email: string): Promise<Principal | undefined> {
      const reply = await t.request('POST', `${BASE_PATH}/sign-in/email`, {
        body: { email, password: PASSWORD },
      });
      if (reply.status !== 200) return undefined;
      return {
        email,
        access: reply.body.accessToken,
        refresh: reply.body.refreshToken,
        sessionId: reply.body.session.id,
      };
    }

    async function freshPrincipal(): Promise<Principal> {
      const email = uniqueEmail('fuzz-principal');
      const body = await t.signUp(email, PASSWORD);
      return { email, access: body.accessToken, refresh: body.refreshToken, sessionId: body.session.id };
    }

    /** Keeps each principal signed in: a request may have signed it out, deleted it, changed its password. */
    async function renew(i: number): Promise<void> {
      const current = principals[i]!;
      const check = await t.request('GET', `${BASE_PATH}/session`, { token: current.access });
      if (check.status === 200) return;
      renewals++;
      principals[i] = (await signIn(current.email)) ?? (await freshPrincipal());
    }

    /** Takes new tokens a successful request handed back (in the body, or as cookies). */
    function adoptTokens(i: number, answer: Answer): void {
      let body: { accessToken?: unknown; refreshToken?: unknown; session?: { id?: unknown } } = {};
      try {
        body = JSON.parse(answer.text);
      } catch {}
      const cookie = (name: string) =>
        answer.cookies
          .map((c) => new RegExp(`^(?:__Host-|__Secure-)?${name}=([^;]+)`).exec(c)?.[1])
          .find(Boolean);
      const access = typeof body.accessToken === 'string' ? body.accessToken : cookie('gh_access');
      const refresh = typeof body.refreshToken === 'string' ? body.refreshToken : cookie('gh_refresh');
      if (access && refresh) {
        principals[i] = {
          ...principals[i]!,
          access,
          refresh,
          sessionId: typeof body.session?.id === 'string' ? body.session.id : principals[i]!.sessionId,
        };
      }
    }

    function build(spec: FuzzRequest): { request: Request; sent: Sent; rawTarget: string } {
      const rawTarget = render(spec.target, live);
      const headers: Array<[string, string]> = spec.headers.map(([name, value]) => [
        name,
        render(value, live),
      ]);
      let body: string | Uint8Array | undefined;
      // A GET or HEAD Request cannot carry a body.
      if (!['GET', 'HEAD'].includes(spec.method.toUpperCase())) {
        if (spec.body.kind === 'json') body = JSON.stringify(resolveJson(spec.body.value, live));
        else if (spec.body.kind === 'text') body = render(spec.body.text, live);
        else if (spec.body.kind === 'bytes') body = spec.body.bytes;
      }
      const url = `${spec.origin}${rawTarget}`;
      const sent: Sent = { method: spec.method, url, headers, body };
      try {
        return {
          request: new Request(url, { method: spec.method, headers, body: body as BodyInit | undefined }),
          sent,
          rawTarget,
        };
      } catch (error) {
        throw new Error(`the generator made an unsendable request: ${describeSent(sent)}`, { cause: error });
      }
    }

    async function send(spec: FuzzRequest): Promise<{ answer: Answer; sent: Sent }> {
      const { request, sent, rawTarget } = build(spec);
      const context = spec.ip === undefined ? {} : { ip: spec.ip };
      if (spec.via === 'respond') {
        // What an adapter passes: the target exactly as received, not normalised by a URL parser.
        const reply = await t.gatehouse.respond({ ...fromWebRequest(request), target: rawTarget }, context);
        return {
          sent,
          answer: {
            status: reply.status,
            header: (name) => reply.headers.get(name),
            cookies: reply.headers.cookies,
            text: reply.body as string,
          },
        };
      }
      const response = await t.gatehouse.handler(request, context);
      return {
        sent,
        answer: {
          status: response.status,
          header: (name) => response.headers.get(name),
          cookies: response.headers.getSetCookie(),
          text: await response.text(),
        },
      };
    }

    beforeAll(async () => {
      t = await openGatehouse(
        kind,
        {
          rateLimits: 'off',
          basePath: BASE_PATH,
          bodyLimit: BODY_LIMIT,
          trustedProxies: [`${TRUSTED_PROXY}/32`, '::1'],
          corsOrigins: ['http://localhost:3000', 'https://app.example'],
        },
        { logger, mailer },
      );
      for (let i = 0; i < PRINCIPALS; i++) principals.push(await freshPrincipal());
      const jwks = await t.request('GET', '/.well-known/jwks.json');
      forged = forgeTokens(principals[0]!.access, principals[1]!.access, jwks.body.keys[0]);
      expect(forged).toHaveLength(FORGED_COUNT);
    });
    afterAll(() => t?.close());

    it(
      `answers ${runs} generated requests without a 5xx`,
      async () => {
        console.log(`fuzz seed: ${seed} (${kind}, ${runs} requests) — replay with FUZZ_SEED=${seed}`);
        const statuses = new Map<number, number>();
        const byLabel = new Map<string, Map<number, number>>();
        let sent = 0;
        const started = performance.now();

        const report = () => {
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          const seen = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
          const logged = new Map<string, number>();
          for (const { level, msg } of logs)
            logged.set(`${level} ${msg}`, (logged.get(`${level} ${msg}`) ?? 0) + 1);
          console.log(
            `fuzz (${kind}): ${sent} requests in ${seconds}s, ${renewals} principal renewals; statuses ${seen.join(' ')}; ` +
              `logged ${logs.length} warn+ lines ${JSON.stringify(Object.fromEntries(logged))}`,
          );
          if (process.env.FUZZ_VERBOSE) {
            for (const [label, m] of byLabel) console.log(label, JSON.stringify(Object.fromEntries(m)));
          }
        };
        const lastBug = () => {
          const line = logs.filter((l) => l.msg === 'unhandled error').at(-1);
          return line ? `\n  logged: ${JSON.stringify(line.err).slice(0, 300)}` : '';
        };

        try {
          await fc.assert(
            fc.asyncProperty(fuzzRequestArb(ROUTES, BASE_PATH, WELL_FORMED[kind]), async (spec) => {
              for (const i of dirty) await renew(i);
              dirty.clear();
              live.used.clear();
              live.mailUsed = false;

              const { answer, sent: request } = await send(spec);
              sent++;
              statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
              const mine = byLabel.get(spec.label) ?? new Map<number, number>();
              mine.set(answer.status, (mine.get(answer.status) ?? 0) + 1);
              byLabel.set(spec.label, mine);
              const used = [...live.used];
              // Tokens handed back belong to a principal only when the request used that one alone.
              if (answer.status < 300 && used.length === 1) adoptTokens(used[0]!, answer);
              if (spec.method.toUpperCase() !== 'GET') {
                // A mailed link (a reset, an email change) may end any principal's sessions.
                for (let i = 0; i < PRINCIPALS; i++) if (used.includes(i) || live.mailUsed) dirty.add(i);
              }

              const where = () =>
                `\n  seed ${seed}, request #${sent}: ${describeSent(request)}\n  → ${answer.status} ${answer.text.slice(0, 500)}`;
              if (answer.status >= 500) throw new Error(`a ${answer.status}${where()}${lastBug()}`);
              if (
                AUTH_ROUTES.get(spec.label) === spec.method &&
                answer.status < 300 &&
                answer.status !== 204 &&
                !presentsLiveAccess(spec)
              ) {
                throw new Error(`signed in without a live access token${where()}`);
              }
              if (!answer.header('x-request-id')) throw new Error(`no x-request-id${where()}`);
              if (answer.status === 405 && !answer.header('allow'))
                throw new Error(`405 without Allow${where()}`);
              if (answer.status >= 400 && spec.method.toUpperCase() !== 'HEAD' && answer.status !== 204) {
                let code: unknown;
                try {
                  code = JSON.parse(answer.text).error.code;
                } catch {}
                if (typeof code !== 'string' || code === '')
                  throw new Error(`an error without error.code${where()}`);
              }
            }),
            { seed, numRuns: runs, endOnFailure: true },
          );
          // Background work (reset lookups, the outbox) may still log: let it finish first.
          await t.gatehouse.settled();
        } finally {
          report();
        }
        expect(sent).toBe(runs);
        if (kind === 'sqlite') expect(sent).toBeGreaterThanOrEqual(10_000);
        expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
        expect(logs.filter((l) => l.msg === 'unhandled error')).toEqual([]);
      },
      180_000 * SCALE,
    );
  },
);

function describeSent(sent: Sent): string {
  const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s);
  const body =
    sent.body === undefined
      ? 'no body'
      : typeof sent.body === 'string'
        ? `body ${JSON.stringify(clip(sent.body))}`
        : `body bytes ${Buffer.from(sent.body).toString('hex').slice(0, 600)}`;
  return `${JSON.stringify(sent.method)} ${clip(sent.url)} headers ${JSON.stringify(sent.headers.map(([n, v]) => [n, clip(v)]))} ${body}`;
}
