/** Mail templates: the shipped English layout, and a host app's own templates by file name. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMail } from '../../src/delivery/render-mail.js';

const vars = {
  link: 'https://app.example/verify-email?token=abc&x=1',
  email: 'o"brien<b>@example.com',
  appName: 'Acme',
};

describe('renderMail', () => {
  const dirs: string[] = [];
  const templatesDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'gatehouse-templates-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the shipped template with text and HTML parts, escaping values in HTML', () => {
    const mail = renderMail('verify-email', vars);
    expect(mail.subject).toBe('Confirm your email address');
    expect(mail.text).toContain(vars.link);
    expect(mail.text).toContain(vars.email);
    expect(mail.html).toContain('href="https://app.example/verify-email?token=abc&amp;x=1"');
    expect(mail.html).toContain('o&quot;brien&lt;b&gt;@example.com');
    expect(mail.html).not.toContain('<b>@');
  });

  it('uses the host app’s templates when present, with placeholders filled (escaped in HTML only)', () => {
    const dir = templatesDir();
    writeFileSync(join(dir, 'verify-email.subject.txt'), 'Welcome to {{appName}}\r\nBcc: x@evil.example');
    writeFileSync(join(dir, 'verify-email.txt'), 'Hi {{email}}, click {{link}}');
    writeFileSync(join(dir, 'verify-email.html'), '<p>Hi {{email}}, <a href="{{link}}">click</a></p>');
    const mail = renderMail('verify-email', vars, dir);
    expect(mail.subject).toBe('Welcome to Acme Bcc: x@evil.example');
    expect(mail.text).toBe(`Hi ${vars.email}, click ${vars.link}`);
    expect(mail.html).toBe(
      '<p>Hi o&quot;brien&lt;b&gt;@example.com, <a href="https://app.example/verify-email?token=abc&amp;x=1">click</a></p>',
    );
  });

  it('falls back to the shipped parts a directory does not override', () => {
    const dir = templatesDir();
    writeFileSync(join(dir, 'verify-email.subject.txt'), 'Only the subject');
    const mail = renderMail('verify-email', vars, dir);
    expect(mail.subject).toBe('Only the subject');
    expect(mail.text).toContain('Confirm email address: https://app.example');
  });
});
