import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The command the work under way belongs to. Held per async context, not on the shared logger:
 * the worker runs a batch's jobs concurrently, each under its own command's id.
 */
const scope = new AsyncLocalStorage<{ id: string }>();

/** Runs `work` as part of the command `id`: every log line and job it makes carries the id. */
export function withCorrelation<T>(id: string, work: () => T): T {
  return scope.run({ id }, work);
}

/** The id of the command under way, if any. */
export function currentCorrelationId(): string | undefined {
  return scope.getStore()?.id;
}

/** Joins the work under way to an earlier command (a click on a request that command made). */
export function adoptCorrelation(id: string | undefined): void {
  const current = scope.getStore();
  if (current && id) current.id = id;
}
