/**
 * The input rules of the app model, shared by the operations on apps, roles, memberships and
 * invitations (and by issue 12's admin routes, which describe them in OpenAPI): one zod schema
 * per field, parsed from `unknown` so code and HTTP callers get the same `VALIDATION_ERROR`.
 */
import { z } from 'zod';
import { PERMISSION, PLAN_NAME, ROLE_NAME, type SignInMethod } from '../../core/apps.js';
import { GatehouseError } from '../../core/errors.js';
import { providerName } from '../../core/federation-settings.js';
import { validationIssues } from '../../core/validation-issues.js';

const NAMED_METHODS: readonly string[] = ['password', 'username', 'passkey', 'magic_link', 'email_code'];

/** Whether `value` names a sign-in method an app may allow (provider names as in the settings). */
export function isSignInMethod(value: string): value is SignInMethod {
  if (NAMED_METHODS.includes(value)) return true;
  const match = /^(?:oauth|id_token):(.*)$/.exec(value);
  return match !== null && providerName.safeParse(match[1]).success;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const distinct = (list: readonly string[]) => new Set(list).size === list.length;

const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

export const roleName = z
  .string()
  .regex(ROLE_NAME, 'must start with a-z, then a-z, 0-9, _ or -, at most 40 characters');

export const planName = z
  .string()
  .regex(PLAN_NAME, 'must start with a-z, then a-z, 0-9, _ or -, at most 40 characters');

export const permissionList = z
  .array(z.string().regex(PERMISSION, 'must be resource:action (the action may be *), or * alone'))
  .max(100)
  .refine(distinct, 'must not repeat a permission');

export const roleDescription = printable(200).nullable();

export const appFields = {
  name: printable(100),
  signInMethods: z
    .array(
      z
        .string()
        .refine(
          isSignInMethod,
          'must be password, username, passkey, magic_link, email_code, oauth:<provider> or id_token:<provider>',
        ),
    )
    .min(1)
    .max(64)
    .refine(distinct, 'must not repeat a method')
    .nullable()
    .meta({ description: 'null allows every method the instance has configured' }),
  redirectUrls: z
    .array(
      z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .refine((u) => !u.includes('#'), 'must not have a fragment'),
    )
    .max(50)
    .refine(distinct, 'must not repeat a URL'),
  corsOrigins: z
    .array(
      z
        .string()
        .max(2048)
        .refine(isOrigin, 'must be an origin (scheme, host, port), e.g. https://app.example'),
    )
    .max(50)
    .refine(distinct, 'must not repeat an origin'),
  audience: printable(512).refine((s) => !/\s/.test(s), 'must not contain spaces'),
  defaultRole: roleName,
  defaultPlan: planName,
  signUp: z.enum(['open', 'invite_only']),
  plans: z
    .array(z.strictObject({ name: planName, paid: z.boolean() }))
    .min(1)
    .max(20)
    .refine((plans) => distinct(plans.map((p) => p.name)), 'plan names must differ'),
};

/** `input` parsed with `schema`, or `VALIDATION_ERROR` naming each field at fault. */
export function readInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new GatehouseError('VALIDATION_ERROR', `The ${what} is not valid`, {
      issues: validationIssues(parsed.error),
    });
  }
  return parsed.data;
}

/** `VALIDATION_ERROR` for one field. */
export function invalidField(what: string, path: string, message: string): GatehouseError {
  return new GatehouseError('VALIDATION_ERROR', `The ${what} is not valid`, { issues: [{ path, message }] });
}
