/**
 * A page's form through Express after `express.urlencoded()` has already read the body: the
 * adapter hands Gatehouse the fields as a form again (not as JSON), so the page still works —
 * its CSRF token included.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatehouseRouter } from '../../src/adapters/express.js';
import { createGatehouse } from '../../src/create-gatehouse.js';
import type { Gatehouse } from '../../src/gatehouse.js';
import { type Harness, overHttp } from '../adapters/cases.js';

describe.each([false, true])('express after express.urlencoded({ extended: %s })', (extended) => {
  let gatehouse: Gatehouse;
  let app: Harness;
  beforeAll(async () => {
    gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    app = await overHttp(express().use(express.urlencoded({ extended })).use(gatehouseRouter(gatehouse)));
  });
  afterAll(async () => {
    await app?.close();
    await gatehouse?.close();
  });

  it('the page reads the form the parser already read', async () => {
    const shown = await app.request('/forgot-password');
    const cookie = shown.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await shown.text())![1]!;
    const posted = await app.request('/forgot-password', {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie,
      },
      body: new URLSearchParams({ email: 'someone+tag@example.com', csrf }).toString(),
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('forgot-password?result=sent');
  });
});
