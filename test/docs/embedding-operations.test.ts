/**
 * docs/embedding.md lists every method of the instance, and nothing that is not one: the table
 * is compared with a live instance, so the docs cannot drift from the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createGatehouse } from '../../src/create-gatehouse.js';

const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');

/** Method names in the first column of the tables under "## Operations". */
function documentedMethods(): string[] {
  const section = doc.slice(
    doc.indexOf('## Operations'),
    doc.indexOf('\n## ', doc.indexOf('## Operations') + 1),
  );
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = /^\|([^|]+)\|/.exec(line)?.[1];
    for (const m of first?.matchAll(/`(\w+)\(/g) ?? []) names.add(m[1]!);
  }
  return [...names].sort();
}

describe('docs/embedding.md', () => {
  it('the Operations tables name exactly the instance’s methods', async () => {
    const gatehouse = createGatehouse({ databaseUrl: 'sqlite::memory:', logLevel: 'silent' });
    try {
      const methods = Object.entries(gatehouse)
        .filter(([, value]) => typeof value === 'function')
        .map(([name]) => name)
        .sort();
      expect(methods.length).toBeGreaterThan(30);
      expect(documentedMethods()).toEqual(methods);
    } finally {
      await gatehouse.close();
    }
  });
});
