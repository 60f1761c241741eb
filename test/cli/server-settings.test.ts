/**
 * The standalone server's own settings (`[server]` in gatehouse.toml, `GATEHOUSE_*` env):
 * `headersTimeout` and `requestTimeout` in seconds and `maxConnections`, with their defaults,
 * layered like `server.port`, and refused by name when they make no sense.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/cli/settings-sources.js';
import { tempDir } from '../support/cli.js';

const dirs: string[] = [];
const newDir = () => {
  const dir = tempDir('server-settings');
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('server settings', () => {
  it('defaults: 10 s for headers, 30 s for the whole request, 1024 connections', () => {
    const { server } = loadSettings({ cwd: newDir(), env: {} });
    expect(server).toEqual({
      port: 3000,
      host: 'localhost',
      headersTimeout: 10,
      requestTimeout: 30,
      maxConnections: 1024,
    });
  });

  it('reads [server] in gatehouse.toml, and the environment wins over it', () => {
    const cwd = newDir();
    writeFileSync(
      join(cwd, 'gatehouse.toml'),
      '[server]\nheaders_timeout = 5\nrequest_timeout = 20\nmax_connections = 100\n',
    );
    expect(loadSettings({ cwd, env: {} }).server).toMatchObject({
      headersTimeout: 5,
      requestTimeout: 20,
      maxConnections: 100,
    });
    const { server } = loadSettings({
      cwd,
      env: {
        GATEHOUSE_HEADERS_TIMEOUT: '3',
        GATEHOUSE_REQUEST_TIMEOUT: '6',
        GATEHOUSE_MAX_CONNECTIONS: '50',
      },
    });
    expect(server).toMatchObject({ headersTimeout: 3, requestTimeout: 6, maxConnections: 50 });
  });

  it('refuses nonsense, naming the setting as it was written', () => {
    const cwd = newDir();
    const refused = (env: Record<string, string>) => () => loadSettings({ cwd, env });
    expect(refused({ GATEHOUSE_HEADERS_TIMEOUT: 'soon' })).toThrow(
      /GATEHOUSE_HEADERS_TIMEOUT: expected a number/,
    );
    expect(refused({ GATEHOUSE_HEADERS_TIMEOUT: '0' })).toThrow(
      /GATEHOUSE_HEADERS_TIMEOUT: must be a whole number of seconds, at least 1/,
    );
    expect(refused({ GATEHOUSE_REQUEST_TIMEOUT: '1.5' })).toThrow(
      /GATEHOUSE_REQUEST_TIMEOUT: must be a whole number of seconds, at least 1/,
    );
    expect(refused({ GATEHOUSE_MAX_CONNECTIONS: '-1' })).toThrow(
      /GATEHOUSE_MAX_CONNECTIONS: must be a whole number, at least 1/,
    );
    // Node refuses a headers timeout longer than the request's; say so in our words.
    expect(refused({ GATEHOUSE_HEADERS_TIMEOUT: '40' })).toThrow(
      /GATEHOUSE_HEADERS_TIMEOUT: must not be longer than the request timeout \(30 s\)/,
    );
  });

  it('a request timeout under the default headers timeout lowers the latter to match', () => {
    const cwd = newDir();
    writeFileSync(join(cwd, 'gatehouse.toml'), '[server]\nrequest_timeout = 2\n');
    expect(loadSettings({ cwd, env: {} }).server).toMatchObject({ headersTimeout: 2, requestTimeout: 2 });
  });
});
