/**
 * The cookie settings (`cookies.*`): names, a shared domain and SameSite are configurable, and the
 * prefix rules still hold — `__Host-` only for a host-only cookie, `__Secure-` with a Domain.
 * Both the API and the adapters' guards read the configured name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, authenticateOptional } from '../../src/adapters/authenticate.js';
import { SettingsError } from '../../src/core/config.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from '../support/gatehouse.js';

const BASE = 'https://auth.example.com';
const BROWSER = { 'gatehouse-transport': 'cookie', origin: BASE, 'sec-fetch-site': 'same-origin' };
const jarOf = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');

describe.each([
  [
    'a shared domain, custom names, SameSite=Strict',
    { accessName: 'app_at', refreshName: 'app_rt', domain: 'example.com', sameSite: 'strict' as const },
    {
      access: '__Secure-app_at',
      refresh: '__Secure-app_rt',
      attributes: '; Domain=example.com',
      access_ss: 'Strict',
      refresh_ss: 'Strict',
    },
  ],
  [
    'host-only cookies, SameSite=None',
    { accessName: 'sid', sameSite: 'none' as const },
    {
      access: '__Host-sid',
      refresh: '__Secure-gh_refresh',
      attributes: '',
      access_ss: 'None',
      refresh_ss: 'None',
    },
  ],
])('cookies with %s', (_name, cookies, expected) => {
  let t: TestGatehouse;
  beforeAll(async () => {
    t = await openGatehouse('sqlite', { baseUrl: BASE, cookies });
  });
  afterAll(() => t.close());

  it('sets the configured names and attributes; the API and the guards read them back', async () => {
    const email = uniqueEmail('cookies');
    const up = await t.request('POST', '/auth/sign-up/email', {
      body: { email, password: PASSWORD },
      headers: BROWSER,
    });
    expect(up.status).toBe(201);
    const set = up.headers.getSetCookie();
    const access = set.find((c) => c.startsWith(`${expected.access}=`));
    const refresh = set.find((c) => c.startsWith(`${expected.refresh}=`));
    expect(access).toMatch(
      new RegExp(
        `; Path=/${expected.attributes}; Max-Age=900; HttpOnly; SameSite=${expected.access_ss}; Secure$`,
      ),
    );
    expect(refresh).toMatch(
      new RegExp(
        `; Path=/auth/refresh${expected.attributes}; Max-Age=\\d+; HttpOnly; SameSite=${expected.refresh_ss}; Secure$`,
      ),
    );
    if (expected.access.startsWith('__Host-')) expect(access).not.toMatch(/Domain=/);

    const jar = jarOf(set);
    const session = await t.request('GET', '/auth/session', { headers: { cookie: jar } });
    expect(session.status).toBe(200);
    const refreshed = await t.request('POST', '/auth/refresh', { headers: { ...BROWSER, cookie: jar } });
    expect(refreshed.status).toBe(200);

    const header = (name: string) => (name === 'cookie' ? jar : undefined);
    expect(await authenticate(t.gatehouse, { method: 'GET', header })).toMatchObject({
      ok: true,
      user: { email },
    });
    // The default name is not ours here.
    const other = (name: string) =>
      name === 'cookie' ? jar.replaceAll(expected.access, '__Host-gh_access') : undefined;
    expect(await authenticateOptional(t.gatehouse, { method: 'GET', header: other })).toMatchObject({
      ok: true,
      user: null,
    });

    const out = await t.request('POST', '/auth/sign-out', { headers: { ...BROWSER, cookie: jar } });
    expect(out.status).toBe(200);
    const cleared = out.headers.getSetCookie();
    expect(cleared.map((c) => c.split('=')[0]).sort()).toEqual([expected.access, expected.refresh].sort());
    for (const c of cleared) expect(c).toMatch(/Max-Age=0/);
  });
});

describe('cookie settings that cannot work', () => {
  it('SameSite=None without an https baseUrl is refused at start-up, naming the setting', () => {
    expect(() => createGatehouse({ databaseUrl: 'sqlite::memory:', cookies: { sameSite: 'none' } })).toThrow(
      SettingsError,
    );
    expect(() =>
      createGatehouse({
        databaseUrl: 'sqlite::memory:',
        baseUrl: 'http://localhost:3000',
        cookies: { sameSite: 'none' },
      }),
    ).toThrow(/cookies\.sameSite/);
  });

  it('a name that is not a cookie token, or a domain that is not a domain, is refused', () => {
    expect(() =>
      createGatehouse({ databaseUrl: 'sqlite::memory:', cookies: { accessName: 'a=b; Path=/x' } }),
    ).toThrow(/cookies\.accessName/);
    expect(() =>
      createGatehouse({ databaseUrl: 'sqlite::memory:', cookies: { domain: 'evil.tld; Secure' } }),
    ).toThrow(/cookies\.domain/);
  });
});
