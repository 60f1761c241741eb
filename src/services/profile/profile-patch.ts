/**
 * What `PATCH /auth/me` may change, and nothing else: an allow-list. Any other field — role,
 * status, email, emailVerified, id, `__proto__`… — is refused with `VALIDATION_ERROR` and the
 * profile is left as it was. A field set to `null` is cleared; an absent field is kept.
 */

import { z } from 'zod';
import type { ProfilePatch } from '../../core/entities.js';
import { GatehouseError } from '../../core/errors.js';
import { validationIssues } from '../../core/validation-issues.js';
import { MAX_NAME_LENGTH } from '../accounts/read-email.js';

const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim().normalize('NFC'))
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters')
    .transform((s) => (s === '' ? null : s));

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_METADATA_DEPTH = 8;

/** A plain JSON object whose keys can never touch an object's prototype. */
function safeJson(value: unknown, depth = 0): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return typeof value !== 'number' || Number.isFinite(value);
  }
  if (depth >= MAX_METADATA_DEPTH || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((v) => safeJson(v, depth + 1));
  return Object.keys(value).every(
    (k) => !FORBIDDEN_KEYS.has(k) && safeJson((value as Record<string, unknown>)[k], depth + 1),
  );
}

export const profilePatchSchema = z.strictObject({
  name: text(MAX_NAME_LENGTH).nullable().optional(),
  displayName: text(MAX_NAME_LENGTH).nullable().optional(),
  imageUrl: z
    .url({ protocol: /^https?$/, hostname: z.regexes.domain })
    .max(2048)
    // The URL parser drops control characters, but the string as given is what gets stored.
    .refine((u) => !/\p{Cc}/u.test(u), 'must not contain control characters')
    .nullable()
    .optional()
    .meta({ description: 'http(s) URL of a picture' }),
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, 'must be in E.164 form, e.g. +14155550123')
    .nullable()
    .optional(),
  dateOfBirth: z.iso
    .date()
    .refine((d) => d >= '1900-01-01', 'must be 1900-01-01 or later')
    .nullable()
    .optional()
    .meta({ description: 'YYYY-MM-DD, not in the future' }),
  address: z
    .strictObject({
      street: text(256).nullable().optional(),
      city: text(256).nullable().optional(),
      state: text(256).nullable().optional(),
      country: text(256).nullable().optional(),
      postalCode: text(32).nullable().optional(),
    })
    .nullable()
    .optional(),
  locale: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag, e.g. en-GB')
    .nullable()
    .optional(),
  metadata: z
    .record(z.string(), z.unknown())
    .refine(
      (m) => safeJson(m),
      'must be plain JSON, at most 8 levels deep, without __proto__, constructor or prototype keys',
    )
    .optional()
    .meta({ description: 'The app’s own JSON object; replaces the stored one; size-capped' }),
});

/**
 * Validates a patch from any caller (HTTP or code). `today` is `YYYY-MM-DD` from the instance's
 * clock; `metadataLimit` is the largest metadata JSON, in bytes.
 */
export function readProfilePatch(input: unknown, today: string, metadataLimit: number): ProfilePatch {
  const parsed = profilePatchSchema.safeParse(input);
  if (!parsed.success) {
    const issues = validationIssues(parsed.error);
    throw new GatehouseError('VALIDATION_ERROR', 'The profile change is not valid', { issues });
  }
  const patch = parsed.data;
  const problems: { path: string; message: string }[] = [];
  if (patch.dateOfBirth && patch.dateOfBirth > today) {
    problems.push({ path: 'dateOfBirth', message: 'must not be in the future' });
  }
  if (patch.metadata !== undefined && Buffer.byteLength(JSON.stringify(patch.metadata)) > metadataLimit) {
    problems.push({ path: 'metadata', message: `must be at most ${metadataLimit} bytes of JSON` });
  }
  if (problems.length > 0) {
    throw new GatehouseError('VALIDATION_ERROR', 'The profile change is not valid', { issues: problems });
  }
  const { address, ...rest } = patch;
  if (address === undefined || address === null) return { ...rest, ...(address === null ? { address } : {}) };
  return {
    ...rest,
    address: {
      street: address.street ?? null,
      city: address.city ?? null,
      state: address.state ?? null,
      country: address.country ?? null,
      postalCode: address.postalCode ?? null,
    },
  };
}
