/** The parsed RFC 9457 body Arize sends with an error (any field may be missing). */
export interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  type?: string;
}

/** A final non-2xx answer from Arize, after retries. Translated to `AppError` by the gateway. */
export class ArizeHttpError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterMs: number | undefined;
  /** True when an earlier attempt of this request failed without a known outcome. */
  readonly outcomeUnknown: boolean;

  constructor(
    status: number,
    problem: Problem,
    options: { method: string; path: string; retryAfterMs?: number; outcomeUnknown?: boolean },
  ) {
    super(`Arize ${options.method} ${options.path} answered ${status}`);
    this.name = 'ArizeHttpError';
    this.status = status;
    this.problem = problem;
    this.retryAfterMs = options.retryAfterMs;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

export const TransportFailures = ['timeout', 'network', 'budget'] as const;
export type TransportFailure = (typeof TransportFailures)[number];

/** No answer from Arize: a timeout, a network error, or a retry budget spent while waiting. */
export class ArizeTransportError extends Error {
  readonly kind: TransportFailure;
  /** True when the request may have reached Arize and been applied. */
  readonly outcomeUnknown: boolean;

  constructor(
    kind: TransportFailure,
    options: { method: string; path: string; outcomeUnknown: boolean; cause?: unknown },
  ) {
    super(`Arize ${options.method} ${options.path}: ${kind}`, { cause: options.cause });
    this.name = 'ArizeTransportError';
    this.kind = kind;
    this.outcomeUnknown = options.outcomeUnknown;
  }
}

/** True for failures after which a create may or may not have happened. */
export const isOutcomeUnknown = (error: unknown): boolean =>
  (error instanceof ArizeTransportError || error instanceof ArizeHttpError) && error.outcomeUnknown;
