/** `pats.maxPerUser` and `pats.maxLifetimeDays` from gatehouse.toml and from the environment. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { tempDir } from '../support/cli.js';

describe('pats settings', () => {
  it('default to 50 tokens per user and no lifetime limit', () => {
    expect(loadSettings({ cwd: tempDir(), env: {} }).settings.pats).toEqual({
      maxPerUser: 50,
      maxLifetimeDays: null,
    });
  });

  it('read a [pats] table, and the environment overrides it', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[pats]\nmax_per_user = 7\nmax_lifetime_days = 90\n');
    expect(loadSettings({ cwd, env: {} }).settings.pats).toEqual({ maxPerUser: 7, maxLifetimeDays: 90 });
    const env = { GATEHOUSE_PATS_MAX_PER_USER: '3', GATEHOUSE_PATS_MAX_LIFETIME_DAYS: '1' };
    expect(loadSettings({ cwd, env }).settings.pats).toEqual({ maxPerUser: 3, maxLifetimeDays: 1 });
  });

  it('name the source of a bad value', () => {
    expect(() => loadSettings({ cwd: tempDir(), env: { GATEHOUSE_PATS_MAX_PER_USER: '0' } })).toThrow(
      /GATEHOUSE_PATS_MAX_PER_USER/,
    );
    const cwd = tempDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[pats]\nmax_lifetime_days = 1.5\n');
    expect(() => loadSettings({ cwd, env: {} })).toThrow(/max_lifetime_days/);
  });
});
