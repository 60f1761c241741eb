/** The admin user search bench's cases and the shapes its child process and the report share. */
import { DEFAULT_APP_ID } from '../../src/core/apps.js';
import type { Figures } from './measure.js';
import { RARE_COUNT, RARE_SEARCH } from './user-search-seed.js';

export interface UserSearchJob {
  readonly databaseUrl: string;
  readonly tablePrefix?: string;
  readonly secret: string;
  /** How many users to seed. */
  readonly users: number;
  /** Concurrent callers. */
  readonly callers: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
}

export type UserSearchCase = 'firstPage' | 'fewMatches' | 'noMatch' | 'statusAndApp';

export interface UserSearchFigures {
  readonly users: number;
  readonly seedSeconds: number;
  /** Per case: the figures, and the users one call returned. */
  readonly cases: Record<UserSearchCase, Figures & { readonly rows: number }>;
}

/** What each case asks `listUsers` for. */
export const USER_SEARCH_CASES: Record<UserSearchCase, { label: string; query: Record<string, unknown> }> = {
  firstPage: { label: 'first page, no filter', query: {} },
  fewMatches: { label: `search matching ${RARE_COUNT} users`, query: { query: RARE_SEARCH } },
  noMatch: { label: 'search matching none', query: { query: 'no-such-person' } },
  statusAndApp: { label: 'status=suspended + app', query: { status: 'suspended', appId: DEFAULT_APP_ID } },
};
