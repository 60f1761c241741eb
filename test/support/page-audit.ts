/**
 * What every page test in the browser shares: a real Gatehouse HTTP server at
 * `http://localhost:<port>` (its `baseUrl`, so mailed links, cookies and the same-origin rule
 * work as deployed) with mail over SMTP, and the checks each page must pass in Chromium — no
 * CSP violation, no serious or critical axe-core violation in the light or the dark theme, a
 * `lang`, no inline style or script without a nonce — plus screenshots at a phone and a desktop
 * width for a person to look at, and the order the Tab key visits things in. `openPagesBrowser`
 * is the setup each browser file repeats: the server, Chromium launched on first use, a new
 * watched context per person, a user or an operator signed in, and the cleanup.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { toNodeHandler } from '../../src/adapters/node.js';
import type { Settings } from '../../src/core/config.js';
import { CONSOLE_APP_ID } from '../../src/core/operators.js';
import { totpAt } from '../../src/crypto/totp.js';
import { smtpMailer } from '../../src/delivery/smtp-mailer.js';
import { launchChromium, serveSite } from './browser.js';
import { openGatehouse, PASSWORD, type TestGatehouse, uniqueEmail } from './gatehouse.js';
import { type SignedInOperator, signInOperator } from './operators.js';
import { type SmtpReceiver, startSmtpReceiver } from './smtp.js';
import type { StoreKind } from './stores.js';

/** Where `auditPage` saves its screenshots (the run's output, not committed). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

declare global {
  interface Window {
    __ghCspViolations?: string[];
    __ghCspReport?: (line: string) => void;
    axe?: { run(context: Document, options: object): Promise<AxeResults> };
  }
}

const watched = new WeakMap<BrowserContext, WeakMap<Page, string[]>>();
/** The response each watched page's document came from: the HTML as served. */
const documents = new WeakMap<Page, Response>();

function recordFor(page: Page): string[] | undefined {
  const pages = watched.get(page.context());
  if (!pages) return undefined;
  const lines = pages.get(page) ?? [];
  pages.set(page, lines);
  return lines;
}

/**
 * Records every CSP violation in `context`'s pages: the `securitypolicyviolation` events (kept in
 * `window.__ghCspViolations`, and reported out so they outlive a navigation) and the console's
 * lines about them ("Refused to …", in newer Chromium "… violates the following Content Security
 * Policy directive …"), which also come when JavaScript is off. Init scripts and bindings run
 * over CDP, outside the page's CSP, so watching adds no violation of its own. It also keeps each
 * page's document response, so `auditPage` checks the HTML as served.
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.set(context, new WeakMap());
  await context.exposeBinding('__ghCspReport', ({ page }, line: string) => {
    if (page) recordFor(page)?.push(line);
  });
  await context.addInitScript(() => {
    window.__ghCspViolations = [];
    window.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const line = `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}${e.sample ? ` sample ${JSON.stringify(e.sample)}` : ''}`;
        window.__ghCspViolations!.push(line);
        void window.__ghCspReport?.(line);
      },
      true,
    );
  });
  context.on('console', (message) => {
    const page = message.page();
    const text = message.text();
    if (page && /^Refused to |violates the following Content Security Policy/.test(text))
      recordFor(page)?.push(`console: ${text}`);
  });
  context.on('response', (response) => {
    if (!response.request().isNavigationRequest()) return;
    const frame = response.frame();
    // A redirect is not what the page shows: the response it leads to comes next.
    if (frame !== frame.page().mainFrame() || (response.status() >= 300 && response.status() < 400)) return;
    documents.set(frame.page(), response);
  });
}

/** Every CSP violation `page` has had since `watchCsp` (across navigations); `[]` is a pass. */
export async function cspViolations(page: Page): Promise<string[]> {
  const recorded = recordFor(page);
  if (!recorded) throw new Error('cspViolations: call watchCsp(context) before opening the page');
  // The binding's calls are asynchronous: the current document's own list has every one of its events.
  const current = await page.evaluate(() => window.__ghCspViolations ?? []).catch(() => [] as string[]);
  return [...new Set([...recorded, ...current])];
}

let axeSource: Promise<string> | undefined;

/**
 * Runs axe-core in `page` and returns its serious and critical violations, one readable line per
 * element: rule, impact, what it wants, where, the markup and how to fix it. Injected with
 * `evaluate`, which the page's CSP does not govern (an inline script tag would be refused).
 */
export async function runAxe(page: Page): Promise<string[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source);
  const results = await page.evaluate(() => window.axe!.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}): ${v.help} — at ${n.target.join(' ')}: ${n.html}` +
          (n.failureSummary ? ` — ${n.failureSummary.replace(/\s*\n\s*/g, ' ')}` : ''),
      ),
    );
}

/** What is wrong in a page's markup: no `lang`, an inline `style=`, an event handler attribute, a script without a nonce. */
function markupProblems(markup: string): string[] {
  const problems: string[] = [];
  if (!/<html\b[^>]*\slang="[^"]+"/i.test(markup)) problems.push('the <html> element has no lang');
  for (const [tag] of markup.matchAll(/<[a-z][^>]*>/gi)) {
    if (/\sstyle\s*=/i.test(tag)) problems.push(`inline style attribute: ${tag}`);
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`inline event handler: ${tag}`);
    // Chromium hides a nonce's value from the DOM once CSP is applied, so only its presence shows.
    if (/^<script\b/i.test(tag) && !/\snonce\b/i.test(tag)) problems.push(`script without a nonce: ${tag}`);
  }
  return problems;
}

export const WIDTHS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export const SCHEMES = ['light', 'dark'] as const;

export interface AuditOptions {
  /** Skip the screenshots (when the same page state was already photographed). */
  readonly screenshots?: boolean;
}

/**
 * Audits the page `page` shows now, as `name` (for the screenshot files): its markup, then for
 * each colour scheme axe-core's serious and critical violations and, at each width, a full-page
 * screenshot (`test-results/screenshots/<name>.<phone|desktop>.<light|dark>.png`), and — when
 * `watchCsp` watches its context — every CSP violation so far. Returns every problem found, each
 * saying what to fix; a page passes with `[]`. The viewport is restored afterwards.
 *
 * @example
 * await page.goto(`${server.url}/forgot-password`);
 * expect(await auditPage(page, 'forgot-password.form')).toEqual([]);
 */
export async function auditPage(page: Page, name: string, options: AuditOptions = {}): Promise<string[]> {
  // The HTML as served when `watchCsp` saw it arrive: a script may later set styles through the
  // CSSOM, which the CSP allows and the DOM would show as a style attribute.
  const withoutHash = (url: string) => url.replace(/#.*$/, '');
  const arrived = documents.get(page);
  const served =
    arrived && withoutHash(arrived.url()) === withoutHash(page.url())
      ? await arrived.text().catch(() => undefined)
      : undefined;
  const problems = markupProblems(served ?? (await page.content()));
  const viewport = page.viewportSize();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  try {
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [width, size] of Object.entries(WIDTHS)) {
        await page.setViewportSize(size);
        // Once per scheme is enough for axe (colours do not change with the width): at the
        // phone width, where crowding and small targets would show.
        if (width === 'phone') problems.push(...(await runAxe(page)).map((p) => `[${scheme}] ${p}`));
        if (options.screenshots !== false) {
          await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.${width}.${scheme}.png`, fullPage: true });
        }
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: null });
    if (viewport) await page.setViewportSize(viewport);
  }
  if (watched.has(page.context())) problems.push(...(await cspViolations(page)).map((v) => `CSP: ${v}`));
  return problems;
}

/** How a focused element reads to a keyboard user: its tag (and input type) and accessible name. */
function describeFocus(): string | null {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body || el === document.documentElement) return null;
  const tag = el.tagName.toLowerCase();
  const kind = el instanceof HTMLInputElement ? `${tag}[${el.type}]` : tag;
  const labelledBy = el
    .getAttribute('aria-labelledby')
    ?.split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
  const labels = (el as HTMLInputElement).labels;
  const name =
    el.getAttribute('aria-label') ||
    labelledBy ||
    (labels && labels.length > 0 ? [...labels].map((l) => l.textContent).join(' ') : '') ||
    (el instanceof HTMLInputElement ? el.value : el.textContent) ||
    el.getAttribute('title') ||
    '';
  return `${kind} "${name.replace(/\s+/g, ' ').trim()}"`;
}

/**
 * Presses Tab up to `max` times from where focus is (the document's start on a freshly loaded
 * page) and returns what each press focused, as `button "Send link"` or `input[email] "Email
 * address"`; stops when focus leaves the page, or once it reaches an element matching `until`
 * (which then keeps focus, for the test to press Enter on).
 *
 * @example
 * expect(await tabOrder(page, 10)).toContain('button "Confirm"');
 */
export async function tabOrder(page: Page, max: number, until?: RegExp): Promise<string[]> {
  const order: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(describeFocus);
    if (focused === null) break;
    order.push(focused);
    if (until?.test(focused)) break;
  }
  return order;
}

/**
 * Tabs until an element matching `target` has focus, failing with the order seen if none does
 * within `max` presses; returns that order.
 *
 * @example
 * await tabTo(page, /^button "Send the link"$/);
 */
export async function tabTo(page: Page, target: RegExp, max = 12): Promise<string[]> {
  const order = await tabOrder(page, max, target);
  expect(order.at(-1) ?? '(nothing focused)', `Tab order: ${order.join(' → ')}`).toMatch(target);
  return order;
}

/** Replaces the focused field's text with `text`, typed key by key. */
export async function replaceText(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * Presses Enter on what has focus (a field: implicit submission; a button: activation) and
 * waits for the page the form leads to, after any redirect; returns its status.
 */
export async function pressEnter(page: Page): Promise<number | undefined> {
  const navigation = page.waitForNavigation();
  await page.keyboard.press('Enter');
  return (await navigation)?.status();
}

export interface RunningPageServer {
  /** `http://localhost:<port>`, also the instance's `baseUrl`. */
  readonly url: string;
  readonly gatehouse: TestGatehouse;
  /** The SMTP receiver the instance mails to. */
  readonly mails: SmtpReceiver;
  close(): Promise<void>;
}

/**
 * A Gatehouse instance (pages on, rate limits off as in `openGatehouse`) served over real HTTP
 * through the node adapter at `http://localhost:<port>` — a secure context, so WebAuthn works
 * with RP ID `localhost` — with that URL as `baseUrl`, and its mail delivered over SMTP to
 * `mails`.
 *
 * @example
 * const server = await startPageServer('sqlite', { pages: { productName: 'Acme' } });
 * await page.goto(`${server.url}/forgot-password`);
 */
export async function startPageServer(
  kind: StoreKind = 'sqlite',
  settings: Settings = {},
): Promise<RunningPageServer> {
  const mails = await startSmtpReceiver();
  // The site listens first, so its port can be the baseUrl; nothing asks it anything until then.
  let handler: ReturnType<typeof toNodeHandler> | undefined;
  const site = await serveSite({ fallback: (req, res) => void handler?.(req, res) });
  let gatehouse: TestGatehouse;
  try {
    gatehouse = await openGatehouse(
      kind,
      { baseUrl: site.origin, ...settings },
      { mailer: smtpMailer(mails.url, 'Gatehouse <no-reply@localhost>') },
    );
  } catch (error) {
    await site.close();
    await mails.stop();
    throw error;
  }
  handler = toNodeHandler(gatehouse.gatehouse);
  return {
    url: site.origin,
    gatehouse,
    mails,
    async close() {
      await site.close();
      await gatehouse.close();
      await mails.stop();
    },
  };
}

export interface PagesBrowserOptions {
  /** The store the instance runs on; SQLite unless said. */
  readonly kind?: StoreKind;
  /** Settings beside the page server's own `baseUrl` (which is its URL). */
  readonly settings?: Settings;
}

export interface NewPageOptions {
  /** JavaScript in the page; on unless `false`. */
  readonly javaScript?: boolean;
  /** The browser's language (`Accept-Language` and `navigator.language`), e.g. `de-DE`. */
  readonly locale?: string;
}

/** A page in a browser that is signed in, and who as. */
export interface SignedInPage {
  readonly email: string;
  readonly page: Page;
}

export interface OperatorPage {
  readonly operator: SignedInOperator;
  readonly page: Page;
}

/**
 * A page server and the Chromium that visits it, for one `describe`: every page it opens comes in
 * a new browser context (its own cookies, so one browser per person) with `watchCsp` on.
 */
export interface PagesBrowser {
  readonly server: RunningPageServer;
  /** `server.url`. */
  readonly url: string;
  /** `server.gatehouse`. */
  readonly gatehouse: TestGatehouse;
  /** A new browser context with CSP watched, and a page in it. */
  newPage(options?: NewPageOptions): Promise<Page>;
  /** A new user (`PASSWORD`, email from `tag`), signed in in a new browser through the JSON API. */
  signedInPage(tag: string, options?: NewPageOptions): Promise<SignedInPage>;
  /** A new operator with `role` (admin unless said) and a second factor, signed in at the console in a new browser. */
  operatorPage(options?: NewPageOptions & { readonly role?: string }): Promise<OperatorPage>;
  /** A new browser holding `accessToken` alone, as the access cookie the API sets. */
  pageWithToken(accessToken: string, options?: NewPageOptions): Promise<Page>;
  /** Opens `target` (a path on the server, or a whole URL such as a mailed link); the status it answered. */
  visit(page: Page, target: string | URL): Promise<number | undefined>;
  /** Closes every context, the browser, then the server. */
  close(): Promise<void>;
}

/**
 * Starts a page server (`startPageServer`) and readies Chromium for it. The browser is launched
 * by the first `newPage`, not here: called from `beforeAll`, a missing Chromium then fails the
 * tests (saying how to get it) rather than a hook that reports them as skipped.
 *
 * @example
 * let pages: PagesBrowser;
 * beforeAll(async () => { pages = await openPagesBrowser(); });
 * afterAll(() => pages?.close());
 * it('…', async () => {
 *   const { page } = await pages.signedInPage('profile');
 *   expect(await pages.visit(page, '/account')).toBe(200);
 * });
 */
export async function openPagesBrowser(options: PagesBrowserOptions = {}): Promise<PagesBrowser> {
  const server = await startPageServer(options.kind ?? 'sqlite', options.settings ?? {});
  let launched: Promise<Browser> | undefined;
  const contexts: BrowserContext[] = [];

  async function newPage(options: NewPageOptions = {}): Promise<Page> {
    launched ??= launchChromium();
    const context = await (await launched).newContext({
      javaScriptEnabled: options.javaScript !== false,
      ...(options.locale ? { locale: options.locale } : {}),
    });
    contexts.push(context);
    await watchCsp(context);
    return context.newPage();
  }

  async function pageWithToken(accessToken: string, options: NewPageOptions = {}): Promise<Page> {
    const page = await newPage(options);
    await page.context().addCookies([{ name: 'gh_access', value: accessToken, url: server.url }]);
    return page;
  }

  return {
    server,
    url: server.url,
    gatehouse: server.gatehouse,
    newPage,
    pageWithToken,
    async signedInPage(tag, options = {}) {
      const email = uniqueEmail(tag);
      await server.gatehouse.signUp(email);
      const page = await newPage(options);
      await signInWithCookies(page, server.url, email);
      return { email, page };
    },
    async operatorPage(options = {}) {
      const t = server.gatehouse;
      const operator = await signInOperator(t, { role: options.role ?? 'admin' });
      const page = await newPage(options);
      const mfa = await signInWithCookies(page, server.url, operator.email, PASSWORD, CONSOLE_APP_ID);
      t.clock.advance(30_000);
      const code = totpAt(operator.totpSecret, Math.floor(t.clock.now() / 1000));
      const done = await page.context().request.post(`${server.url}/auth/mfa/verify`, {
        headers: cookieHeaders(server.url, CONSOLE_APP_ID),
        data: { mfaToken: (mfa as { mfaToken: string }).mfaToken, method: 'totp', code },
      });
      expect(done.status(), 'the operator’s second factor').toBe(200);
      return { operator, page };
    },
    async visit(page, target) {
      return (await page.goto(typeof target === 'string' ? `${server.url}${target}` : target.href))?.status();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await (await launched?.catch(() => undefined))?.close();
      await server.close();
    },
  };
}

/** What a browser's own script sends to the JSON API: cookies for tokens, and its origin. */
function cookieHeaders(origin: string, app?: string): Record<string, string> {
  return { 'gatehouse-transport': 'cookie', origin, ...(app ? { 'gatehouse-app': app } : {}) };
}

/**
 * Signs `page`'s browser in as `email` through the JSON API with cookie transport (at `app` when
 * given) and returns the reply's body: the signed-in result, or a second-factor challenge.
 *
 * @example
 * await signInWithCookies(page, server.url, email);
 */
export async function signInWithCookies(
  page: Page,
  origin: string,
  email: string,
  password = PASSWORD,
  app?: string,
): Promise<unknown> {
  const reply = await page.context().request.post(`${origin}/auth/sign-in/email`, {
    headers: cookieHeaders(origin, app),
    data: { email, password },
  });
  expect(reply.status(), `sign-in as ${email}`).toBe(200);
  return reply.json();
}

/** The page's `<h1>`, trimmed. */
export async function heading(page: Page): Promise<string | undefined> {
  return (await page.locator('h1').textContent())?.trim();
}

/**
 * Does `act` (a click, a key) and returns the status of the page it leads to, after redirects.
 * When `act` throws, the pending wait is dropped with it.
 */
export async function navigates(page: Page, act: () => Promise<unknown>): Promise<number | undefined> {
  const navigation = page.waitForNavigation();
  try {
    await act();
  } catch (error) {
    navigation.catch(() => {});
    throw error;
  }
  return (await navigation)?.status();
}

/**
 * Clicks the first button named `name` (a table has one per row) and returns the status of the
 * page its form leads to.
 *
 * @example
 * expect(await press(page, 'Save')).toBe(200);
 */
export function press(page: Page, name: string | RegExp, options: { exact?: boolean } = {}) {
  return navigates(page, () =>
    page
      .getByRole('button', { name, ...options })
      .first()
      .click(),
  );
}

/** Follows the first link named `name`; the status of the page it leads to. */
export function follow(page: Page, name: string | RegExp, options: { exact?: boolean } = {}) {
  return navigates(page, () =>
    page
      .getByRole('link', { name, ...options })
      .first()
      .click(),
  );
}

/**
 * The page answered `status` (200 unless said) and shows `title`; and, unless `audit` is `false`
 * (axe runs as script, so pass `false` for a page with JavaScript off), it passes `auditPage` as
 * `name`.
 *
 * @example
 * await expectPage(page, 'account.profile', await pages.visit(page, '/account'), a.profile.title);
 */
export async function expectPage(
  page: Page,
  name: string,
  got: number | undefined,
  title: string,
  status = 200,
  options: AuditOptions & { readonly audit?: boolean } = {},
): Promise<void> {
  expect(got, name).toBe(status);
  expect(await heading(page), name).toBe(title);
  if (options.audit !== false) expect(await auditPage(page, name, options)).toEqual([]);
}
