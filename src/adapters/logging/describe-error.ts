/** An error's name and message only, for a log field: never a request body, URL or token. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return typeof error === 'string' ? error.slice(0, 500) : 'unknown error';
}
