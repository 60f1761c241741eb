/**
 * Template overrides (`pages.templatesDir`): `layout.html` wraps every page without a file of its
 * own, `<page>.html` replaces that page's document; the placeholders are filled (text escaped,
 * Gatehouse's markup as is, unknown ones left alone), the CSP nonce reaches `{{{head}}}`, and
 * a template that cannot be read still leaves a page to show. No store is involved: SQLite only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/core/config.js';
import type { PageView } from '../../src/http/route.js';
import { html } from '../../src/ui/html.js';
import { de } from '../../src/ui/locales/de.js';
import { en } from '../../src/ui/locales/en.js';
import { page } from '../../src/ui/view.js';
import { openGatehouse, type Reply, type TestGatehouse } from '../support/gatehouse.js';
import { Browser } from './browser-jar.js';
import { heading } from './pages.js';

const LAYOUT = `<!doctype html>
<html lang="{{lang}}" data-template="layout">
<head>
{{{head}}}
</head>
<body>
<p id="brand">{{productName}}</p>
<p id="title">{{ title }}</p>
<p id="nonce">{{nonce}}</p>
{{{header}}}
{{{nav}}}
<main id="main">{{{content}}}</main>
<p id="unknown">{{unknown}} {{{alsoUnknown}}} {{ }}</p>
</body>
</html>
`;
const VERIFY = `<!doctype html>
<html lang="{{lang}}" data-template="verify-email">
<head>{{{head}}}</head>
<body><section class="custom">{{{content}}}</section></body>
</html>
`;

function nonceOf(reply: Reply): string {
  return /style-src 'nonce-([^']+)'/.exec(reply.headers.get('content-security-policy') ?? '')![1]!;
}

describe('pages.templatesDir', () => {
  let dir: string;
  let t: TestGatehouse;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-templates-'));
    writeFileSync(join(dir, 'layout.html'), LAYOUT);
    writeFileSync(join(dir, 'verify-email.html'), VERIFY);
    t = await openGatehouse('sqlite', { pages: { templatesDir: dir, productName: 'Acme & <Sons>' } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('layout.html wraps a page: placeholders filled, text escaped, unknown ones kept, the nonce in the head', async () => {
    const reply = await new Browser(t).get('/forgot-password');
    expect(reply.status).toBe(200);
    const body = String(reply.body);
    const nonce = nonceOf(reply);
    expect(body.startsWith('<!doctype html>\n<html lang="en" data-template="layout">')).toBe(true);
    expect(body).toContain('<p id="brand">Acme &amp; &lt;Sons&gt;</p>');
    expect(body).toContain(`<p id="title">${en.forgotPassword.title}</p>`);
    expect(body).toContain(`<p id="nonce">${nonce}</p>`);
    expect(body).toContain('<p id="unknown">{{unknown}} {{{alsoUnknown}}} {{ }}</p>');
    // {{{head}}}: the stylesheet and the script under this response's nonce, and the title.
    expect(body.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}">`]);
    expect(body.match(/<script\b[^>]*>/g)).toEqual([
      `<script type="module" src="/auth/assets/pages.js" nonce="${nonce}">`,
    ]);
    expect(body).toContain(`<title>${en.forgotPassword.title} – Acme &amp; &lt;Sons&gt;</title>`);
    // {{{header}}} and {{{content}}}: Gatehouse's own markup, the form with its CSRF token.
    expect(body).toContain('<a class="gh-skip" href="#main">');
    expect(body).toMatch(
      /<main id="main"><h1>[^<]+<\/h1>[\s\S]*<input type="hidden" name="csrf" value="[\w-]{43}">/,
    );
    for (const part of ['{{{head}}}', '{{{header}}}', '{{{nav}}}', '{{{content}}}'])
      expect(body).not.toContain(part);
  });

  it('the layout speaks the page’s language, and refusals use it too', async () => {
    const german = new Browser(t, 'de');
    const shown = await german.get('/forgot-password');
    expect(String(shown.body)).toContain('<html lang="de" data-template="layout">');
    expect(String(shown.body)).toContain(`<p id="title">${de.forgotPassword.title}</p>`);
    const refused = await german.post('/forgot-password', { email: 'x@example.com' });
    expect(refused.status).toBe(403);
    expect(String(refused.body)).toContain('data-template="layout"');
    expect(heading(refused)).toBe(de.errors.formExpired.title);
  });

  it('a page’s own file replaces its whole document; its form still works', async () => {
    const browser = new Browser(t);
    const reply = await browser.get('/verify-email?token=abc');
    const body = String(reply.body);
    expect(body).toContain('data-template="verify-email"');
    expect(body).not.toContain('data-template="layout"');
    expect(body).toContain(`<style nonce="${nonceOf(reply)}">`);
    expect(body).toContain('<section class="custom"><h1>');
    expect(body).toContain('<input type="hidden" name="token" value="abc">');
    const posted = await browser.post('/verify-email', { token: 'abc', csrf: browser.csrf! });
    expect(posted.status).toBe(400);
    expect(String(posted.body)).toContain('data-template="verify-email"');
  });

  it('{{title}} is escaped, and nothing a page shows is read as a placeholder', () => {
    const view: PageView = {
      settings: resolveSettings({ pages: { templatesDir: dir } }),
      query: new URLSearchParams(),
      nonce: 'n0nce',
      path: '/anything',
      name: 'anything',
      params: {},
      locale: 'en',
      csrf: 'token',
      signedIn: undefined,
    };
    const reply = page(view, 200, '<b>"Mine" & yours</b>', html`<p>${'{{nonce}} {{{head}}}'}</p>`);
    expect(reply.kind).toBe('page');
    const body = reply.kind === 'page' ? reply.html : '';
    expect(body).toContain('<p id="title">&lt;b&gt;&quot;Mine&quot; &amp; yours&lt;/b&gt;</p>');
    expect(body).toContain('<main id="main"><p>{{nonce}} {{{head}}}</p></main>');
    expect(body).toContain('<p id="nonce">n0nce</p>');
  });
});

describe('a template that cannot be read', () => {
  it('the page is a 500 in Gatehouse’s own document, not an answer in JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-templates-'));
    // A directory where the layout should be: reading it fails with EISDIR.
    mkdirSync(join(dir, 'layout.html'));
    const t = await openGatehouse('sqlite', { pages: { templatesDir: dir } });
    try {
      const reply = await new Browser(t).get('/forgot-password');
      expect(reply.status).toBe(500);
      expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(String(reply.body)).toContain('<a class="gh-skip" href="#main">');
      expect(heading(reply)).toBe(en.errors.internal('x').title);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a templatesDir that does not exist leaves every page as it is', async () => {
    const t = await openGatehouse('sqlite', {
      pages: { templatesDir: join(tmpdir(), 'no-such-dir-gatehouse') },
    });
    try {
      const reply = await new Browser(t).get('/forgot-password');
      expect(reply.status).toBe(200);
      expect(heading(reply)).toBe(en.forgotPassword.title);
    } finally {
      await t.close();
    }
  });
});
