/** Loads the published Flametrench conformance fixtures from ../shared/conformance (see its SOURCE.md). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(
  new URL('../../../shared/conformance/flametrench/fixtures/', import.meta.url),
);

export interface Fixture<I, E> {
  readonly operation: string;
  readonly tests: ReadonlyArray<{ id: string; description: string; input: I; expected: E }>;
}

export function loadFixture<
  I = Record<string, unknown>,
  E = { result?: unknown; error?: string; error_matches?: string },
>(path: string): Fixture<I, E> {
  // The vectors live in the shared/ folder beside this repository (as in CI), not in it.
  if (!existsSync(FIXTURES))
    throw new Error(
      `Conformance fixtures not found at ${FIXTURES}: check out shared/ beside this repository`,
    );
  return JSON.parse(readFileSync(`${FIXTURES}${path}`, 'utf8')) as Fixture<I, E>;
}
