/**
 * `GET /admin/audit/export` on SQLite and PostgreSQL, over a log of a few thousand records (more
 * than two of the export's 1,000-record pages) with hostile user agents: CSV with a header, RFC
 * 4180 quoting and spreadsheet formulas defused, or JSON lines; every record once, oldest first,
 * parsing back to what was stored; the same filters as the page query; audited as
 * `audit.exported`; bad requests refused before anything streams; the body streamed (no
 * Content-Length; its first chunk readable before the rest). The node:http path is in
 * audit-export-stream.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '../../src/core/events.js';
import { newId } from '../../src/core/ids.js';
import { systemRandom } from '../../src/core/random.js';
import type { AuditRecord } from '../../src/store/ports/audit-store.js';
import { ORIGIN, openGatehouse, type TestGatehouse } from '../support/gatehouse.js';
import { type SignedInOperator, signInOperator } from '../support/operators.js';
import { storeKinds } from '../support/stores.js';

const COLUMNS = [
  'id',
  'at',
  'type',
  'outcome',
  'actorId',
  'targetId',
  'userId',
  'sessionId',
  'ip',
  'userAgent',
  'data',
];
const RECORDS = 2_500;
const TYPES: EventType[] = ['user.signed_in', 'user.sign_in_failed', 'user.created', 'session.revoked'];
/** User agents a client chose: formulas, separators, quotes and line breaks. */
const HOSTILE_AGENTS = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+2',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  'Mozilla/5.0 (X11; Linux x86_64), "quoted", and\r\na second line',
  'plain',
];

/** RFC 4180: fields split by commas, records by CRLF; quoted fields may hold both, `""` is `"`. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

/** What a record should read as: the admin API's fields, times as ISO text. */
function view(r: AuditRecord) {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    type: r.type,
    outcome: r.outcome,
    actorId: r.actorId,
    targetId: r.targetId,
    userId: r.userId,
    sessionId: r.sessionId,
    ip: r.ip,
    userAgent: r.userAgent,
    data: r.data,
  };
}

/** The CSV cells of a record, as a spreadsheet user should see them. */
function cells(r: AuditRecord): string[] {
  const v = view(r);
  return COLUMNS.map((c) => {
    const value = c === 'data' ? JSON.stringify(v.data) : (v[c as keyof typeof v] as string | null);
    if (value === null) return '';
    return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  });
}

describe.each(storeKinds)('GET /admin/audit/export (%s)', (kind) => {
  let t: TestGatehouse;
  let operator: SignedInOperator;
  let seeded: AuditRecord[];

  const exportAudit = (query: string) =>
    t.request('GET', `/auth/admin/audit/export${query}`, { token: operator.accessToken });
  /** Everything in the log now, oldest first. */
  const stored = async () => await t.store.audit.list({ order: 'oldest', limit: 1000_000 });
  const exportedEvents = async () => await t.store.audit.list({ type: 'audit.exported', limit: 100 });

  beforeAll(async () => {
    t = await openGatehouse(kind, { accessTokenTtl: 24 * 3600 });
    operator = await signInOperator(t);
    const start = t.clock.now() + 1;
    const users = Array.from({ length: 5 }, () => newId('usr', start, systemRandom));
    seeded = Array.from({ length: RECORDS }, (_, i): AuditRecord => {
      const at = start + i * 7;
      const type = TYPES[i % TYPES.length]!;
      return {
        id: newId('evt', at, systemRandom),
        type,
        at,
        outcome: type === 'user.sign_in_failed' ? 'failure' : 'success',
        userId: users[i % users.length]!,
        sessionId: i % 3 === 0 ? newId('ses', at, systemRandom) : null,
        actorId: i % 10 === 0 ? 'cli' : null,
        targetId: users[i % users.length]!,
        ip: i % 5 === 0 ? null : `203.0.113.${i % 250}`,
        userAgent: HOSTILE_AGENTS[i % HOSTILE_AGENTS.length]!,
        data: {
          method: 'password',
          note: i % 4 === 0 ? 'a "note", with\nlines' : null,
          n: i,
          ok: i % 2 === 0,
        },
      };
    });
    for (let i = 0; i < seeded.length; i += 100) {
      await Promise.all(seeded.slice(i, i + 100).map((r) => t.store.audit.append(r)));
    }
    // Everything seeded is in the past from now on, as the log always is.
    t.clock.advance(RECORDS * 7 + 1000);
  });
  afterAll(() => t.close());

  it('CSV: a header, then every record once, oldest first, CRLF-ended, quoted and defused, parsing back to the log', async () => {
    const expected = await stored();
    expect(expected.length).toBeGreaterThan(RECORDS);
    const reply = await exportAudit('?format=csv');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="gatehouse-audit.csv"');
    const text = reply.body as string;
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(COLUMNS);
    expect(rows.slice(1).map((row) => row[0])).toEqual(expected.map((r) => r.id));
    expect(rows.slice(1)).toEqual(expected.map(cells));
    // A formula a spreadsheet would run starts with a quote; separators stay inside one quoted cell.
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect(text).toContain(",'+1+2,");
    expect(text).toContain(",'@SUM(A1:A9),");
    expect(text).toContain(',"Mozilla/5.0 (X11; Linux x86_64), ""quoted"", and\r\na second line",');
    const tricky = rows.find((row) => row[9]?.startsWith('Mozilla/5.0'))!;
    expect(tricky[9]).toBe(HOSTILE_AGENTS[5]);
    expect(JSON.parse(rows.find((row) => row[10]?.includes('with\\nlines'))![10]!)).toMatchObject({
      note: 'a "note", with\nlines',
    });
  });

  it('JSON lines: one object per line with the admin API’s fields, every record once, oldest first', async () => {
    const expected = await stored();
    const reply = await exportAudit('?format=jsonl');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const text = reply.body as string;
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(expected.map(view));
    // The same objects the page query answers with (newest first there).
    const page = await t.request('GET', '/auth/admin/audit?limit=500&type=user.signed_in', {
      token: operator.accessToken,
    });
    expect(page.body.events).toEqual(
      lines
        .filter((e) => e.type === 'user.signed_in')
        .reverse()
        .slice(0, 500),
    );
  });

  it('takes the page query’s filters and selects exactly what it selects', async () => {
    const query = `type=user.created,session.revoked&outcome=success&actor=cli&from=${new Date(seeded[400]!.at).toISOString()}&to=${new Date(seeded[2200]!.at).toISOString()}`;
    const reply = await exportAudit(`?format=jsonl&${query}`);
    const exported = (reply.body as string)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const listed = await t.request('GET', `/auth/admin/audit?limit=500&${query}`, {
      token: operator.accessToken,
    });
    expect(listed.body.nextCursor).toBeNull();
    expect(exported.length).toBeGreaterThan(10);
    expect(exported).toEqual([...listed.body.events].reverse());
    // Seeded CLI records are every tenth, so of these two types only sign-ups.
    expect(exported.every((e) => e.type === 'user.created' && e.actorId === 'cli')).toBe(true);
    // A selection with nothing in it is a header alone.
    const none = await exportAudit('?format=csv&type=role.deleted');
    expect(none.body).toBe(`${COLUMNS.join(',')}\r\n`);
  });

  it('is audited as audit.exported: the operator, the format and the filter — and is not in its own export', async () => {
    const reply = await exportAudit('?format=csv&type=user.created&outcome=success&from=2020-01-01');
    expect(reply.status).toBe(200);
    const [event] = await exportedEvents();
    expect(event).toMatchObject({
      type: 'audit.exported',
      outcome: 'success',
      actorId: operator.userId,
      userId: null,
      targetId: null,
      data: {
        format: 'csv',
        types: 'user.created',
        outcome: 'success',
        from: '2020-01-01T00:00:00.000Z',
        to: null,
        actor: null,
        target: null,
        user: null,
        via: 'admin_api',
      },
    });
    const all = parseCsv((await exportAudit('?format=csv')).body as string).slice(1);
    const [latest] = await exportedEvents();
    expect(all.some((row) => row[0] === event!.id)).toBe(true);
    expect(all.some((row) => row[0] === latest!.id)).toBe(false);
  });

  it.each([
    ['no format', ''],
    ['an unknown format', '?format=xml'],
    ['a bad time', '?format=csv&from=last-week'],
    ['an unknown event type', '?format=jsonl&type=user.exploded'],
    ['an unknown parameter', '?format=csv&fields=all'],
  ])(
    'refuses %s with 400 VALIDATION_ERROR as JSON, before streaming or auditing anything',
    async (_, query) => {
      const before = (await exportedEvents()).length;
      const reply = await exportAudit(query);
      expect([reply.status, reply.body.error?.code]).toEqual([400, 'VALIDATION_ERROR']);
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await exportedEvents()).length).toBe(before);
    },
  );

  it('streams: no Content-Length, and the first chunk (the header) is there before the rest is read', async () => {
    const response = await t.gatehouse.handler(
      new Request(`${ORIGIN}/auth/admin/audit/export?format=csv`, {
        headers: { authorization: `Bearer ${operator.accessToken}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe(`${COLUMNS.join(',')}\r\n`);
    let rest = '';
    let chunks = 1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      rest += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBeGreaterThan(RECORDS);
    expect(parseCsv(rest).length).toBe((await stored()).length - 1);
  });

  it('embedded: exportAudit(filter, format) is an async iterable of lines, audited with the actor it runs as', async () => {
    const lines: string[] = [];
    const iterable = await t.gatehouse.asActor({ id: 'cli', via: 'cli' }, () =>
      t.gatehouse.exportAudit({ type: ['user.created'], actorId: 'cli' }, 'jsonl'),
    );
    for await (const line of iterable) lines.push(line);
    const expected = seeded.filter((r) => r.type === 'user.created' && r.actorId === 'cli');
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(lines.map((line) => JSON.parse(line))).toEqual(expected.map(view));
    const [event] = await exportedEvents();
    expect([event!.actorId, event!.data.via, event!.data.format, event!.data.actor]).toEqual([
      'cli',
      'cli',
      'jsonl',
      'cli',
    ]);
    await expect(t.gatehouse.exportAudit({}, 'xml' as 'csv')).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
    await expect(t.gatehouse.exportAudit({}, 'csv', { after: 'evt_nope' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
    });
  });

  it('embedded: an interrupted export resumes after the last id written, with no header and nothing twice', async () => {
    // Every seeded type (so more than two pages), and not the exports' own events.
    const filter = { type: TYPES };
    const whole: string[] = [];
    for await (const line of await t.gatehouse.exportAudit(filter, 'csv')) whole.push(line);
    // Interrupted after 1,234 records (crossing into the export's second page).
    const written = whole.slice(0, 1 + 1234);
    const lastId = written[written.length - 1]!.split(',')[0]!;
    for await (const line of await t.gatehouse.exportAudit(filter, 'csv', { after: lastId }))
      written.push(line);
    expect(written).toEqual(whole);
    expect(whole.length).toBe(1 + (await t.store.audit.list({ type: TYPES, limit: 1000_000 })).length);
    expect(whole.length).toBeGreaterThan(1 + RECORDS);
    const [event] = await exportedEvents();
    expect(event!.data).toMatchObject({ format: 'csv', types: TYPES.join(','), after: lastId });
  });
});
