/** Types for scripts/provision.mjs, which stays plain JavaScript so it runs before `npm ci`. */

/** The machine as the script sees it; tests pass a fake one. */
export interface ProvisionSystem {
  /** Filesystem root for the file checks (`/`, or a fake root in tests). */
  root: string;
  /** PATH-style list of directories where commands are looked up. */
  path: string;
  uid: number;
  env: Record<string, string | undefined>;
}

/** One program the tests (or the build) need, and how to get it. */
export interface Need {
  name: string;
  found(system: ProvisionSystem): boolean;
  /** The Debian package that provides it. */
  apt: string;
  /** What to do on other systems. */
  elsewhere: string;
  why: string;
  /** The command to run again once it is installed (default `npm test`). */
  rerun?: string;
}

export const TEST_NEEDS: readonly Need[];
export const BUILD_TOOLS: readonly Need[];

export function plan(
  system: ProvisionSystem,
  options?: { buildTools?: boolean },
): { install: Need[]; missing: Need[] };

export function missingLine(need: Need): string;

/**
 * Where Chromium is: `CHROMIUM_PATH` when set, else `<root>/usr/bin/chromium`, else `chromium` on
 * PATH; null when none is an executable.
 */
export function findChromium(system: Pick<ProvisionSystem, 'root' | 'path' | 'env'>): string | null;
