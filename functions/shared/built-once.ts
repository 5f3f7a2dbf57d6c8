/**
 * Builds on the first call and hands the same value to every later one, so importing a handler
 * module reads no environment; a build that fails is tried again on the next call.
 */
export function builtOnce<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}
