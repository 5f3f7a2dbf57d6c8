import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './access.ts';
import { bearerToken, makeRouter, type RestResult, sendJson, sendProblem } from './http.ts';
import { ProblemError } from './problem.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditLogRoutes } from './routes/audit-logs.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { spaceRoutes } from './routes/spaces.ts';
import { userRoutes } from './routes/users.ts';
import type { EmulatorRuntime } from './runtime.ts';

const route = makeRouter([
  ...organizationRoutes,
  ...spaceRoutes,
  ...userRoutes,
  ...apiKeyRoutes,
  ...auditLogRoutes,
]);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Serves one REST v2 request: route, faults, auth, body, handler, mutation log. */
export async function handleRest(
  runtime: EmulatorRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawBody: string,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const { match, allowed } = route(method, path);
  if (!match) {
    if (allowed.length > 0) {
      return sendProblem(res, 405, path, `Use ${allowed.join(', ')}.`, {
        allow: allowed.join(', '),
      });
    }
    return sendProblem(res, 404, path, `No route for ${method} ${path}.`);
  }
  const decision = runtime.faults.decide({ method, path, operations: [match.route.operation] });
  if (decision.kind === 'hang') return;
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.kind === 'rate-limited') {
    return sendProblem(res, 429, path, undefined, {
      'retry-after': String(decision.retryAfterSeconds),
    });
  }
  if (decision.kind === 'error') return sendProblem(res, decision.status, path, 'Injected fault.');

  const started = performance.now();
  const nowMs = runtime.nowMs();
  const store = runtime.store;
  const principal = authenticate(store, bearerToken(req), nowMs);
  if (!principal) {
    return sendProblem(
      res,
      401,
      path,
      'A valid API key is required (Authorization: Bearer <key>); it may be missing, unknown, revoked or expired.',
    );
  }
  if (!principal.user.isDeveloper) {
    return sendProblem(res, 403, path, 'The owner of this API key does not have developer access.');
  }
  let body: unknown;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return sendProblem(res, 400, path, 'The request body is not valid JSON.');
    }
  }
  let result: RestResult;
  try {
    result = match.route.handler({
      store,
      nowMs,
      principal,
      method,
      path,
      query: url.searchParams,
      params: match.params,
      body,
    });
  } catch (error) {
    if (error instanceof ProblemError)
      return sendProblem(res, error.status, path, error.message, error.headers);
    console.error('arize emulator: handler failed', error);
    return sendProblem(res, 500, path, 'The emulator failed to handle this request.');
  }
  if (result.change) {
    runtime.record({
      method,
      path,
      operation: match.route.operation,
      ...(result.change.resourceId !== undefined ? { resourceId: result.change.resourceId } : {}),
      principal,
      ip: req.socket.remoteAddress ?? '127.0.0.1',
      operationText: rawBody.trim() === '' ? null : rawBody,
      variables: null,
    });
  }
  sendJson(res, result.status, result.body, {}, 'application/json', started);
}
