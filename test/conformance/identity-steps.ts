/**
 * Runs the steps of a Flametrench identity fixture case (`{op, input, captures, expected}`)
 * through a Gatehouse instance's operations: the fixture's operations mapped to Gatehouse's, its
 * error classes to Gatehouse's codes, its `{name}` placeholders filled from earlier captures.
 * An operation or expectation it does not know fails the case, so a new fixture step cannot pass
 * unnoticed.
 */
import { expect } from 'vitest';
import type { GatehouseError } from '../../src/core/errors.js';
import type { TestGatehouse } from '../support/gatehouse.js';
import { loadFixture } from './fixtures.js';

export interface Step {
  readonly op: string;
  readonly input?: Record<string, unknown>;
  readonly captures?: Record<string, string>;
  readonly expected?: Record<string, unknown>;
}

export interface StepCase {
  readonly id: string;
  readonly description: string;
  readonly users: readonly unknown[];
  readonly steps: readonly Step[];
}

export interface StepFixture {
  readonly operation: string;
  readonly tests: readonly StepCase[];
}

/** A fixture whose cases are steps (the identity operations'), from ../shared/conformance. */
export function loadStepFixture(path: string): StepFixture {
  return loadFixture(path) as unknown as StepFixture;
}

/** Flametrench's error classes, as the Gatehouse codes the same refusals carry. */
const ERROR_CODES: Record<string, GatehouseError['code']> = {
  AlreadyTerminalError: 'USER_REVOKED',
  NotFoundError: 'NOT_FOUND',
};

type Values = Map<string, unknown>;

/** `"{name}"` becomes the captured value; other strings, and other values, stay as they are. */
function fill(value: unknown, values: Values): unknown {
  if (typeof value === 'string') {
    const name = /^\{(\w+)\}$/.exec(value)?.[1];
    if (name === undefined) return value;
    if (!values.has(name)) throw new Error(`nothing captured as ${name}`);
    return values.get(name);
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [String(fill(k, values)), fill(v, values)]),
    );
  }
  return value;
}

/** What one step produced, by the paths its `captures` name (`user.id`, `page.next_cursor`). */
type Produced = Record<string, unknown>;

let addresses = 0;

/**
 * Runs every step of `testCase` on a fresh instance (no users yet). Users are created 1 ms apart
 * on the instance's clock: Gatehouse ids are UUIDv7 to the millisecond with a random remainder,
 * so only creations in different milliseconds have an order — the "approximately
 * creation-time-ordered" the fixture relies on.
 */
export async function runSteps(t: TestGatehouse, testCase: StepCase): Promise<void> {
  expect(testCase.users).toEqual([]);
  const values: Values = new Map();
  for (const step of testCase.steps) {
    const input = fill(step.input ?? {}, values) as Record<string, unknown>;
    const expected =
      step.expected === undefined ? undefined : (fill(step.expected, values) as Record<string, unknown>);
    let produced: Produced = {};
    let failure: unknown;
    try {
      produced = await perform(t, step.op, input);
    } catch (error) {
      failure = error;
    }
    if (expected?.error !== undefined) {
      const code = ERROR_CODES[String(expected.error)];
      if (code === undefined) throw new Error(`no Gatehouse code for ${String(expected.error)}`);
      expect(failure, `${step.op} should fail with ${code}`).toMatchObject({ name: 'GatehouseError', code });
      continue;
    }
    if (failure !== undefined) throw failure;
    if (expected !== undefined) check(step.op, produced, expected);
    for (const [name, path] of Object.entries(step.captures ?? {})) {
      if (!(path in produced)) throw new Error(`${step.op} does not produce ${path}`);
      values.set(name, produced[path]);
    }
  }
}

async function perform(t: TestGatehouse, op: string, input: Record<string, unknown>): Promise<Produced> {
  const g = t.gatehouse;
  switch (op) {
    case 'create_user':
    case 'create_user_with_password_credential': {
      t.clock.advance(1);
      // In Gatehouse an identifier belongs to the account: the credential's becomes its address.
      const email =
        op === 'create_user'
          ? `fixture-${Date.now().toString(36)}-${++addresses}@example.net`
          : input.identifier;
      const user = await g.createUser({
        email: String(email),
        ...(input.display_name === undefined ? {} : { displayName: input.display_name as string | null }),
      });
      if (op === 'create_user_with_password_credential') {
        await g.addPasswordCredential(user.id, String(input.password));
      }
      return { 'user.id': user.id };
    }
    case 'suspend_user':
      await g.suspendUser(String(input.usr_id));
      return {};
    case 'revoke_user':
      await g.revokeUser(String(input.usr_id));
      return {};
    case 'update_user': {
      const { usr_id, display_name, ...rest } = input;
      expect(rest).toEqual({});
      await g.updateUser(String(usr_id), { displayName: display_name });
      return {};
    }
    case 'assert_user_fields': {
      // Read back the way an operator sees users: the list (it shows every status but deleted).
      const { users } = await g.listUsers({ limit: 200 });
      const user = users.find((u) => u.id === input.usr_id);
      expect(user, `user ${String(input.usr_id)} is listed`).toBeDefined();
      expect(user?.displayName).toBe(input.expected_display_name);
      return {};
    }
    case 'list_users': {
      const { status, query, limit, cursor, ...rest } = input;
      expect(rest).toEqual({});
      const page = await g.listUsers({
        ...(status === undefined ? {} : { status: status as 'active' }),
        ...(query === undefined ? {} : { query: String(query) }),
        ...(limit === undefined ? {} : { limit: Number(limit) }),
        ...(cursor === undefined ? {} : { cursor: String(cursor) }),
      });
      return { page, 'page.next_cursor': page.nextCursor };
    }
    default:
      throw new Error(`no Gatehouse operation for the fixture's ${op}`);
  }
}

function check(op: string, produced: Produced, expected: Record<string, unknown>): void {
  if (op !== 'list_users') throw new Error(`no expectations known for ${op}`);
  const page = produced.page as Awaited<ReturnType<TestGatehouse['gatehouse']['listUsers']>>;
  const ids = page.users.map((u) => u.id);
  for (const [key, value] of Object.entries(expected)) {
    switch (key) {
      case 'data_ids_in_order':
        expect(ids).toEqual(value);
        break;
      case 'data_ids_unordered':
        expect([...ids].sort()).toEqual([...(value as string[])].sort());
        break;
      case 'next_cursor':
        expect(page.nextCursor).toBe(value);
        break;
      case 'user_display_names':
        for (const [id, name] of Object.entries(value as Record<string, string | null>)) {
          const user = page.users.find((u) => u.id === id);
          expect(user, `user ${id} is listed`).toBeDefined();
          expect(user?.displayName).toBe(name);
        }
        break;
      default:
        throw new Error(`no check for the fixture's expectation ${key}`);
    }
  }
}
