/**
 * The ID-token key sets (src/services/id-tokens/key-sets.ts): an injected fetch, caching and
 * refetching on the injected clock, and what happens when the provider's keys cannot be had.
 */
import { decodeProtectedHeader, type FlattenedJWSInput, type JWSHeaderParameters } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/logger.js';
import {
  createIdTokenKeySets,
  type JwksFetch,
  KeysUnavailable,
} from '../../src/services/id-tokens/key-sets.js';
import { openGatehouse } from '../support/gatehouse.js';
import { claimsFor, idTokenSettings, uniqueSubject } from '../support/id-token-providers.js';
import { type JwksServer, startJwksServer } from '../support/jwks-server.js';

describe('ID-token key sets', () => {
  let jwks: JwksServer;
  beforeAll(async () => {
    jwks = await startJwksServer();
  });
  afterAll(() => jwks?.stop());

  /** The key `token` names, as jwtVerify would ask for it. */
  const keyFor = (
    resolve: (h: JWSHeaderParameters, t: FlattenedJWSInput) => Promise<CryptoKey>,
    token: string,
  ) => resolve(decodeProtectedHeader(token) as JWSHeaderParameters, {} as FlattenedJWSInput);

  it('fetch through the injected function, cache for ten minutes of the injected clock, then refresh', async () => {
    const clock = new ManualClock(Date.now());
    const urls: string[] = [];
    let failing = false;
    const fetcher: JwksFetch = async (url, init) => {
      urls.push(url);
      if (failing) throw new TypeError('fetch failed');
      return fetch(url, init);
    };
    const sets = createIdTokenKeySets({ clock, logger: silentLogger, fetch: fetcher });
    const resolve = sets.resolver(jwks.url);
    const token = await jwks.sign({ now: clock.now(), claims: { sub: 'x' } });

    await expect(keyFor(resolve, token)).resolves.toBeDefined();
    await expect(keyFor(resolve, token)).resolves.toBeDefined();
    expect(urls).toEqual([jwks.url]);
    // The same URL is one cached set, whoever asks.
    expect(sets.resolver(jwks.url)).toBe(resolve);

    clock.advance(600_000);
    await keyFor(resolve, token);
    expect(urls).toHaveLength(2);

    // A refresh that fails keeps the keys held, and is not retried on every token.
    clock.advance(600_000);
    failing = true;
    await expect(keyFor(resolve, token)).resolves.toBeDefined();
    await expect(keyFor(resolve, token)).resolves.toBeDefined();
    expect(urls).toHaveLength(3);
    clock.advance(30_000);
    failing = false;
    await keyFor(resolve, token);
    expect(urls).toHaveLength(4);
  });

  it('with no keys held, a failed fetch is KeysUnavailable', async () => {
    const sets = createIdTokenKeySets({
      clock: new ManualClock(),
      logger: silentLogger,
      fetch: async () => new Response('not json', { status: 500 }),
    });
    const token = await jwks.sign({ now: Date.now(), claims: { sub: 'x' } });
    await expect(keyFor(sets.resolver(jwks.url), token)).rejects.toBeInstanceOf(KeysUnavailable);
  });

  it('over HTTP, keys that cannot be fetched are 503 UNAVAILABLE (the provider’s outage, not a bad token)', async () => {
    const down = await startJwksServer();
    const url = down.url;
    await down.stop();
    const t = await openGatehouse('sqlite', idTokenSettings({ ...jwks, url } as JwksServer));
    try {
      const now = t.clock.now();
      const idToken = await jwks.sign({ now, claims: claimsFor('custom', uniqueSubject(), now) });
      const reply = await t.request('POST', '/auth/sign-in/id-token', {
        body: { provider: 'custom', idToken },
      });
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('UNAVAILABLE');
      const { items } = await t.gatehouse.listAuditEvents({ type: 'user.sign_in_failed', limit: 1 });
      expect(items[0]?.data).toMatchObject({ reason: 'keys_unavailable' });
    } finally {
      await t.close();
    }
  });
});
