import type { LoadedPolicy, PolicySource } from '../../app/ports.ts';
import { type Policy, policySha } from '../../domain/policy/policy.ts';

/** A policy already parsed (tests, benches): it never changes. */
export function fixedPolicySource(policy: Policy): PolicySource {
  const loaded: LoadedPolicy = { policy, sha: policySha(policy) };
  return { current: async () => loaded };
}
