/**
 * Contract: provider sign-in flows — stored with every field, consumed exactly once (also when
 * ten calls race), never once expired; an exchange code attaches only to a consumed flow and is
 * redeemed exactly once (also under a race), never once expired; housekeeping deletes only flows
 * whose time (and whose exchange code's time) is over.
 */

import { expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../../../src/core/apps.js';
import { newId, type SessionId } from '../../../src/core/ids.js';
import { systemRandom } from '../../../src/core/random.js';
import type { OAuthFlow } from '../../../src/store/ports/oauth-flow-store.js';
import { aTokenHash, MINUTE, T0 } from '../../support/entities.js';
import { type ContractContext, settle } from './context.js';

function aFlow(overrides: Partial<OAuthFlow> = {}): OAuthFlow {
  return {
    stateHash: aTokenHash(),
    provider: 'google',
    intent: 'sign_in',
    sessionId: null,
    nonce: 'n-0123456789abcdef0123456789abcdef0123456789a',
    sealedVerifier: 'v1.iv.body.tag',
    returnTo: 'https://app.example/after',
    bindingHash: aTokenHash(),
    appChallenge: null,
    createdAt: T0,
    expiresAt: T0 + 10 * MINUTE,
    usedAt: null,
    appId: DEFAULT_APP_ID,
    ...overrides,
  };
}

export function oauthFlowCases({ store }: ContractContext): void {
  const flows = () => store().oauthFlows;

  it('stores every field; consumed once, then never again', async () => {
    const flow = aFlow({
      intent: 'link',
      sessionId: newId('ses', T0, systemRandom) as SessionId,
      appChallenge: 'c'.repeat(43),
    });
    await flows().start(flow);
    expect(await flows().consume(flow.stateHash, T0 + 1)).toEqual({ ...flow, usedAt: T0 + 1 });
    expect(await flows().consume(flow.stateHash, T0 + 2)).toBeNull();
    expect(await flows().consume(aTokenHash(), T0 + 2)).toBeNull();
  });

  it('refused once expired (exactly at expiresAt), and not consumed by the refusal', async () => {
    const flow = aFlow();
    await flows().start(flow);
    expect(await flows().consume(flow.stateHash, flow.expiresAt)).toBeNull();
    expect(await flows().consume(flow.stateHash, flow.expiresAt - 1)).not.toBeNull();
  });

  it('10 concurrent consumes of one flow: exactly one gets it', async () => {
    const flow = aFlow();
    await flows().start(flow);
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => flows().consume(flow.stateHash, T0 + 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v !== null)).toHaveLength(1);
  });

  it('an exchange code attaches to a consumed flow only, and is redeemed once with its payload', async () => {
    const unconsumed = aFlow();
    await flows().start(unconsumed);
    const early = aTokenHash();
    await flows().offerExchange(unconsumed.stateHash, early, '{"x":1}', T0 + MINUTE);
    expect(await flows().redeemExchange(early, T0 + 1)).toBeNull();

    const flow = aFlow({ appChallenge: 'c'.repeat(43) });
    await flows().start(flow);
    await flows().consume(flow.stateHash, T0 + 1);
    const code = aTokenHash();
    await flows().offerExchange(flow.stateHash, code, '{"subject":"1"}', T0 + MINUTE);
    // A second offer for the same flow changes nothing: the first code stays the only one.
    const second = aTokenHash();
    await flows().offerExchange(flow.stateHash, second, '{"subject":"2"}', T0 + MINUTE);
    expect(await flows().redeemExchange(second, T0 + 2)).toBeNull();
    expect(await flows().redeemExchange(code, T0 + 2)).toEqual({
      flow: { ...flow, usedAt: T0 + 1 },
      payload: '{"subject":"1"}',
    });
    expect(await flows().redeemExchange(code, T0 + 3)).toBeNull();
  });

  it('an exchange code is refused once expired; 10 concurrent redeems: exactly one wins', async () => {
    const flow = aFlow();
    await flows().start(flow);
    await flows().consume(flow.stateHash, T0 + 1);
    const code = aTokenHash();
    await flows().offerExchange(flow.stateHash, code, '{}', T0 + MINUTE);
    expect(await flows().redeemExchange(code, T0 + MINUTE)).toBeNull();
    const { values, errors } = await settle(
      Array.from({ length: 10 }, () => flows().redeemExchange(code, T0 + MINUTE - 1)),
    );
    expect(errors).toEqual([]);
    expect(values.filter((v) => v !== null)).toHaveLength(1);
  });

  it('housekeeping deletes flows expired before the cut-off, keeping a live exchange code', async () => {
    const cutoff = T0 + 60 * MINUTE;
    const expired = aFlow();
    const usedAndExpired = aFlow();
    const live = aFlow({ expiresAt: cutoff + MINUTE });
    const withCode = aFlow({ expiresAt: cutoff - 1 });
    for (const f of [expired, usedAndExpired, live, withCode]) await flows().start(f);
    await flows().consume(usedAndExpired.stateHash, T0 + 1);
    await flows().consume(withCode.stateHash, cutoff - 2);
    const code = aTokenHash();
    await flows().offerExchange(withCode.stateHash, code, '{}', cutoff + MINUTE);

    expect(await store().housekeeping.deleteDeadOAuthFlows(cutoff, 1)).toBe(1);
    expect(await store().housekeeping.deleteDeadOAuthFlows(cutoff, 5)).toBe(1);
    expect(await store().housekeeping.deleteDeadOAuthFlows(cutoff, 5)).toBe(0);
    expect(await flows().consume(live.stateHash, cutoff)).not.toBeNull();
    expect(await flows().redeemExchange(code, cutoff)).not.toBeNull();
    // Past the code's own expiry, that flow goes too.
    expect(await store().housekeeping.deleteDeadOAuthFlows(cutoff + 2 * MINUTE, 5)).toBe(2);
  });
}
