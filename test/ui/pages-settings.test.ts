/**
 * The `pages.*` settings from gatehouse.toml and the environment (`gatehouse serve`): logo,
 * theme stylesheet, brand colours, template directory and the console switch; a bad colour is
 * refused, named as the operator wrote it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { tempDir } from '../support/cli.js';

describe('pages settings', () => {
  it('default to no logo, theme or templates, the built-in colours and the console on', () => {
    const { pages } = loadSettings({ cwd: tempDir(), env: {} }).settings;
    expect(pages).toEqual({ enabled: true, productName: 'Gatehouse', colors: {}, console: true });
  });

  it('read a [pages] table with [pages.colors], and the environment overrides it', () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      [
        '[pages]',
        'logo_url = "/brand/logo.svg"',
        'theme_css_url = "https://cdn.example/theme.css"',
        'templates_dir = "./templates"',
        'console = false',
        '[pages.colors]',
        'accent = "#0f766e"',
        'on_accent = "#ffffff"',
        'accent_dark = "#5eead4"',
        'on_accent_dark = "#042f2e"',
        '',
      ].join('\n'),
    );
    expect(loadSettings({ cwd, env: {} }).settings.pages).toEqual({
      enabled: true,
      productName: 'Gatehouse',
      logoUrl: '/brand/logo.svg',
      themeCssUrl: 'https://cdn.example/theme.css',
      templatesDir: './templates',
      console: false,
      colors: { accent: '#0f766e', onAccent: '#ffffff', accentDark: '#5eead4', onAccentDark: '#042f2e' },
    });
    const env = {
      GATEHOUSE_PAGES_COLORS_ACCENT: '#123',
      GATEHOUSE_PAGES_THEME_CSS_URL: '/theme.css',
      GATEHOUSE_PAGES_CONSOLE: 'true',
    };
    expect(loadSettings({ cwd, env }).settings.pages).toMatchObject({
      themeCssUrl: '/theme.css',
      console: true,
      colors: { accent: '#123', onAccent: '#ffffff' },
    });
  });

  it('name the source of a colour or URL that is refused', () => {
    expect(() =>
      loadSettings({ cwd: tempDir(), env: { GATEHOUSE_PAGES_COLORS_ACCENT: 'red;}body{display:none' } }),
    ).toThrow(/GATEHOUSE_PAGES_COLORS_ACCENT/);
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[pages]\nlogo_url = "javascript:alert(1)"\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/logo_url/);
  });
});
