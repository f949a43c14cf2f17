import { E2E_BUCKET_NAME } from '../../functions/function-catalog.ts';
import { defaultLifecycleDocument } from './lifecycle-document.ts';
import type { LifecycleStore } from './lifecycle-store.ts';

export interface BucketStore {
  getBucket(name: string): Promise<object | null>;
  putBucket(name: string): Promise<unknown>;
}

/**
 * What ESB's provisioner does at deploy time (contract §9): `e2e-test-bucket` exists and carries the SAM
 * lifecycle rule. Like a deploy, it re-applies the rule on every start, so a changed rule is put back.
 * With fault `lifecycle-rule-missing` the rule is removed instead: a data directory kept from a healthy run
 * must not hide the fault.
 */
export async function provisionE2eBucket(options: {
  buckets: BucketStore;
  lifecycles: LifecycleStore;
  withLifecycle: boolean;
}): Promise<void> {
  if ((await options.buckets.getBucket(E2E_BUCKET_NAME)) === null)
    await options.buckets.putBucket(E2E_BUCKET_NAME);
  if (options.withLifecycle) await options.lifecycles.write(E2E_BUCKET_NAME, defaultLifecycleDocument());
  else await options.lifecycles.remove(E2E_BUCKET_NAME);
}
