/**
 * What creating a personal access token takes, checked the same way for HTTP and for code. The
 * schema strips fields it does not know: a `userId` in the input is dropped, never used — the
 * owner is always the caller (a peer's critical bug was a body that chose the owner).
 */
import { z } from 'zod';
import { SCOPE } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { validationIssues } from '../../core/validation-issues.js';

const DAY_MS = 86_400_000;
export const MAX_SCOPES = 32;

export const patInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .meta({ description: 'A label for the owner, e.g. "CI deploys"', example: 'CI deploys' }),
  scopes: z
    .array(
      z
        .string()
        .regex(SCOPE, 'letters, digits and _ . : * / - only, starting with a letter or digit (at most 64)'),
    )
    .min(1)
    .max(MAX_SCOPES)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope')
    .meta({ description: "What the token may do: the app's own scope strings", example: ['invoices:read'] }),
  expiresAt: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'When the token stops working, epoch milliseconds; in the future' }),
});

export interface PatInput {
  readonly name: string;
  readonly scopes: readonly string[];
  /** Epoch ms, or null for a token that lives until revoked. */
  readonly expiresAt: number | null;
}

/**
 * Validates a creation request at `now`. With a lifetime limit, the expiry may be at most that
 * far ahead, and a request without one gets the longest allowed.
 */
export function readPatInput(input: unknown, now: number, maxLifetimeDays: number | null): PatInput {
  const parsed = patInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new GatehouseError('VALIDATION_ERROR', 'The token request is not valid', {
      issues: validationIssues(parsed.error),
    });
  }
  const { name, scopes, expiresAt } = parsed.data;
  const latest = maxLifetimeDays === null ? null : now + maxLifetimeDays * DAY_MS;
  const problem =
    expiresAt === undefined
      ? null
      : expiresAt <= now
        ? 'must be in the future'
        : latest !== null && expiresAt > latest
          ? `must be at most ${maxLifetimeDays} days ahead`
          : null;
  if (problem !== null) {
    throw new GatehouseError('VALIDATION_ERROR', 'The token request is not valid', {
      issues: [{ path: 'expiresAt', message: problem }],
    });
  }
  return { name, scopes, expiresAt: expiresAt ?? latest };
}
