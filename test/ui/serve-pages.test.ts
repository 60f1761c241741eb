/**
 * The pages end to end through a real `gatehouse serve` process with the console mail transport
 * (links printed to stdout): sign up, read the printed verification link, open it with fetch,
 * post the form as a browser would (its form cookie and CSRF token included), follow the 303;
 * then the same for forgot → reset. The
 * request log records each page by path only: no log line ever holds a mailed token.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer, tempDir } from '../support/cli.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase from the page';
const BASE_URL = 'https://auth.example.com';

describe('the pages under gatehouse serve', () => {
  let cwd: string;
  let server: RunningServer;
  beforeAll(async () => {
    cwd = tempDir('serve-pages');
    server = await startServer([], { cwd, env: { GATEHOUSE_BASE_URL: BASE_URL } });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  /** The `count`-th link to `path` printed in a mail to `email`, waiting until it is printed. */
  async function printedLink(email: string, path: string, count = 1): Promise<URL> {
    const link = new RegExp(`https://\\S+/${path}\\?token=[\\w-]+`);
    for (let waited = 0; waited < 10_000; waited += 25) {
      const found = server
        .output()
        .split('─── mail to ')
        .filter((mail) => mail.startsWith(`${email}:`))
        .map((mail) => link.exec(mail)?.[0])
        .filter((url) => url !== undefined);
      if (found.length >= count) return new URL(found[count - 1]!);
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no ${path} link printed for ${email}`);
  }

  /** The browser's form cookie and the CSRF token its pages showed (one browser, never signed in). */
  let formCookie = '';
  let csrf = '';
  /** Opens a printed link on the running server, as a browser following it would. */
  const follow = async (link: URL) => {
    const reply = await fetch(`${server.url}${link.pathname}${link.search}`, {
      headers: { 'sec-fetch-site': 'none', ...(formCookie ? { cookie: formCookie } : {}) },
    });
    formCookie ||= reply.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    return reply;
  };
  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie: formCookie,
      },
      body: new URLSearchParams({ ...fields, csrf }).toString(),
    });
  const json = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** The server's request log lines, parsed. */
  const requestLog = () =>
    server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => 'status' in l && 'method' in l);

  it('verify and reset through the printed links; the log never holds a token', async () => {
    const email = `pages-${Date.now()}@example.com`;
    const up = await json('/auth/sign-up/email', { email, password: PASSWORD });
    expect(up.status).toBe(201);
    const { accessToken } = (await up.json()) as { accessToken: string };

    const verifyLink = await printedLink(email, 'verify-email');
    expect(verifyLink.origin).toBe(BASE_URL);
    const verifyToken = verifyLink.searchParams.get('token')!;
    const page = await follow(verifyLink);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; script-src 'nonce-[^']+'; style-src 'nonce-/,
    );
    // https baseUrl: the form cookie is Secure and host-only.
    expect(formCookie).toMatch(/^__Host-gh_form=[\w-]{43}$/);
    const html = await page.text();
    csrf = /<input type="hidden" name="csrf" value="([^"]+)">/.exec(html)![1]!;
    expect(html).toContain(`<input type="hidden" name="token" value="${verifyToken}">`);
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
    const formUrl = new URL(action, `${server.url}${verifyLink.pathname}${verifyLink.search}`);
    expect(formUrl.search).toBe('');

    const posted = await post(formUrl.pathname, { token: verifyToken });
    expect(posted.status).toBe(303);
    const result = await fetch(new URL(posted.headers.get('location')!, formUrl));
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('<h1>Your email address is confirmed</h1>');
    const session = await fetch(`${server.url}/auth/session`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(((await session.json()) as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);

    expect((await post('/forgot-password', { email })).status).toBe(303);
    const resetLink = await printedLink(email, 'reset-password');
    const resetToken = resetLink.searchParams.get('token')!;
    expect((await follow(resetLink)).status).toBe(200);
    const reset = await post('/reset-password', { token: resetToken, password: NEW_PASSWORD });
    expect(reset.status).toBe(303);
    expect(reset.headers.get('location')).toBe('reset-password?result=done');
    expect((await json('/auth/sign-in/email', { email, password: NEW_PASSWORD })).status).toBe(200);
    expect((await json('/auth/sign-in/email', { email, password: PASSWORD })).status).toBe(401);

    const root = await fetch(`${server.url}/`);
    expect(await root.json()).toMatchObject({ api: '/auth', health: '/healthz' });

    // Every request above, pages included, logged once by path — and no token anywhere in the log.
    let lines = requestLog();
    for (
      let waited = 0;
      !lines.some((l) => l.path === '/' && l.status === 200) && waited < 5000;
      waited += 25
    ) {
      await new Promise((r) => setTimeout(r, 25));
      lines = requestLog();
    }
    const pageLines = lines.filter((l) => l.path === '/verify-email' || l.path === '/reset-password');
    expect(pageLines.map((l) => `${l.method} ${l.path} ${l.status}`)).toEqual([
      'GET /verify-email 200',
      'POST /verify-email 303',
      'GET /verify-email 200',
      'GET /reset-password 200',
      'POST /reset-password 303',
    ]);
    const everyLogLine = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .join('\n');
    for (const secret of [verifyToken, resetToken, PASSWORD, NEW_PASSWORD]) {
      expect(everyLogLine).not.toContain(secret);
    }
  });
});
