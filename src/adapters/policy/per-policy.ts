import type { LoadedPolicy, PolicySource } from '../../app/ports.ts';

/**
 * What `build` makes from the policy in force, rebuilt only when the policy's sha256 changes: the
 * use cases take a plain policy, and a new one applies from the next request or job.
 */
export function perPolicy<T>(
  source: PolicySource,
  build: (loaded: LoadedPolicy) => T,
): () => Promise<T> {
  let built: { sha: string; value: T } | undefined;
  return async () => {
    const loaded = await source.current();
    if (built?.sha !== loaded.sha) built = { sha: loaded.sha, value: build(loaded) };
    return built.value;
  };
}
