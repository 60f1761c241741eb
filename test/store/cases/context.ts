/** What every contract case gets: the dialect under test and that test's fresh store. */
import type { Store } from '../../../src/store/ports/store.js';
import type { StoreKind } from '../../support/stores.js';

export interface ContractContext {
  readonly kind: StoreKind;
  store(): Store;
}

/** Settles every promise and splits them into values and rejection reasons. */
export async function settle<T>(promises: Array<Promise<T>>): Promise<{ values: T[]; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    values: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
  };
}
