/** RFC 9457 problem details as Arize sends them (reference §1.4): `status` is in the body too. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TYPES: Record<number, { title: string; slug: string; detail: string }> = {
  400: {
    title: 'Invalid request parameters',
    slug: 'invalid-request',
    detail: 'The request parameters are invalid.',
  },
  401: {
    title: 'Authentication required',
    slug: 'authentication-required',
    detail: 'You must be authenticated to access this resource.',
  },
  403: {
    title: 'Access forbidden',
    slug: 'access-forbidden',
    detail: 'You do not have permission to access this resource.',
  },
  404: {
    title: 'Resource not found',
    slug: 'resource-not-found',
    detail: 'The requested resource was not found.',
  },
  405: { title: 'Method not allowed', slug: 'method-not-allowed', detail: 'Method not allowed.' },
  409: {
    title: 'Resource conflict',
    slug: 'resource-conflict',
    detail: 'A resource with the given identifier already exists.',
  },
  422: {
    title: 'Unprocessable Entity',
    slug: 'unprocessable-entity',
    detail: 'One or more fields failed validation.',
  },
  429: {
    title: 'Rate limit exceeded',
    slug: 'rate-limit-exceeded',
    detail: 'You have exceeded the allowed number of requests. Please try again later.',
  },
  500: { title: 'Internal server error', slug: 'internal-error', detail: 'Internal error.' },
  502: { title: 'Bad gateway', slug: 'bad-gateway', detail: 'Bad gateway.' },
  503: {
    title: 'Service unavailable',
    slug: 'service-unavailable',
    detail: 'The service is temporarily unavailable.',
  },
  504: { title: 'Gateway timeout', slug: 'gateway-timeout', detail: 'Gateway timeout.' },
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
}

/** Thrown by handlers; the server turns it into a problem+json response. */
export class ProblemError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(status: number, detail?: string, headers: Record<string, string> = {}) {
    super(detail ?? TYPES[status]?.detail ?? `HTTP ${status}`);
    this.name = 'ProblemError';
    this.status = status;
    this.headers = headers;
  }
}

export function makeProblem(status: number, instance: string, detail?: string): Problem {
  const known = TYPES[status] ?? { title: `HTTP ${status}`, slug: 'error', detail: '' };
  return {
    type: `https://arize.com/docs/ax/rest-reference/errors#${known.slug}`,
    title: known.title,
    status,
    detail: detail ?? known.detail,
    instance,
  };
}

export const badRequest = (detail: string): ProblemError => new ProblemError(400, detail);
export const forbidden = (detail?: string): ProblemError => new ProblemError(403, detail);
export const conflict = (detail: string): ProblemError => new ProblemError(409, detail);
export const unprocessable = (detail: string): ProblemError => new ProblemError(422, detail);
export const notFound = (kind: string, id: string): ProblemError =>
  new ProblemError(404, `The requested ${kind} with ID '${id}' was not found.`);
