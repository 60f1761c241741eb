/**
 * The examples, run as a user would run them: each starts on a free port with the built package
 * (`npm run build` first), and a client signs up and calls the protected route over real HTTP.
 */
import { describe, expect, it } from 'vitest';
import { start as startExpress } from '../../examples/express/server.js';
import { start as startHono } from '../../examples/hono/server.js';

const PASSWORD = 'correct horse battery staple 42';

describe.each([
  ['express', startExpress],
  ['hono', startHono],
])('examples/%s', (name, start) => {
  it('signs a user up and serves the protected route only to them', async () => {
    const { url, close } = await start({ port: 0, logLevel: 'silent' });
    try {
      const email = `${name}@example.com`;
      const signUp = await fetch(`${url}/auth/sign-up/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(signUp.status).toBe(201);
      const { accessToken } = await signUp.json();

      const anonymous = await fetch(`${url}/api/me`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'INVALID_TOKEN' } });

      const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ hello: email });
    } finally {
      await close();
    }
  });
});
