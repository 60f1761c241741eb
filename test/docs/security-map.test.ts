/**
 * docs/security.md maps every checklist id to its tests. This compares the map with the test
 * titles in test/security/ (a title — of an `it` or a `describe` — that starts with one or more
 * ids, e.g. `RT-01 / RT-02: …`), so a test cannot be added, renamed or dropped without the map
 * following.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const TITLE = /\(\s*(['"`])((?:[A-Z]+-\d+)(?:\s*\/\s*[A-Z]+-\d+)*:(?:(?!\1)[^\\]|\\.)*)\1/gs;

/** id → the `file › title` entries the tests declare. */
function fromTests(): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  const dir = new URL('test/security/', root);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const match of source.matchAll(TITLE)) {
      const title = match[2]!.replaceAll("\\'", "'");
      const ids = /^((?:[A-Z]+-\d+)(?:\s*\/\s*[A-Z]+-\d+)*)/.exec(title)![1]!.match(/[A-Z]+-\d+/g)!;
      for (const id of ids) {
        const entries = byId.get(id) ?? [];
        const entry = `\`${file}\` › ${title}`;
        if (!entries.includes(entry)) entries.push(entry);
        byId.set(id, entries);
      }
    }
  }
  return byId;
}

/** id → the `file › title` entries of the map in docs/security.md. */
function fromDoc(): Map<string, string[]> {
  const doc = readFileSync(new URL('docs/security.md', root), 'utf8');
  const map = doc.slice(doc.indexOf('## Checklist map'));
  const byId = new Map<string, string[]>();
  for (const row of map.matchAll(/^\| ([A-Z]+-\d+) \| [^|]* \| (.*) \| [^|]* \|$/gm)) {
    const cell = row[2]!;
    byId.set(row[1]!, cell === '—' ? [] : cell.split('<br>'));
  }
  return byId;
}

describe('docs/security.md checklist map', () => {
  it('lists, for each id, exactly the tests whose titles name it', () => {
    const tests = fromTests();
    const doc = fromDoc();
    expect(doc.size).toBeGreaterThan(60);
    for (const id of tests.keys()) expect(doc.has(id), `${id} is tested but not in the map`).toBe(true);
    for (const [id, entries] of doc) {
      expect([...entries].sort(), id).toEqual([...(tests.get(id) ?? [])].sort());
    }
  });
});
