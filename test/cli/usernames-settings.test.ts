/** `usernames.reserved` from gatehouse.toml (an array) and from the environment (comma-separated). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { tempDir } from '../support/cli.js';

describe('usernames.reserved', () => {
  it('is unset by default (the built-in list applies)', () => {
    expect(loadSettings({ cwd: tempDir(), env: {} }).settings.usernames.reserved).toBeUndefined();
  });

  it('reads a TOML array, and the environment replaces it with a comma-separated list', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[usernames]\nreserved = ["admin", "ceo"]\n');
    expect(loadSettings({ cwd, env: {} }).settings.usernames.reserved).toEqual(['admin', 'ceo']);
    const fromEnv = loadSettings({ cwd, env: { GATEHOUSE_USERNAMES_RESERVED: 'root, boss ,' } });
    expect(fromEnv.settings.usernames.reserved).toEqual(['root', 'boss']);
  });

  it('names the key of a bad value', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[usernames]\nreserved = ["admin", 7]\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/usernames/);
  });
});
