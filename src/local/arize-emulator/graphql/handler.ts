import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { authenticate } from '../access.ts';
import { sendJson } from '../http.ts';
import type { EmulatorRuntime } from '../runtime.ts';
import { queryComplexity } from './complexity.ts';
import type { GqlContext } from './context.ts';
import { mutationRoot } from './mutations.ts';
import { accountNode, resolveNode } from './nodes.ts';
import { emulatorSchema } from './schema.ts';

/** Arize's GraphQL limits (reference §3); tests may lower them. */
export interface GraphqlLimits {
  queriesPerMinute: number;
  mutationsPerMinute: number;
  maxComplexity: number;
}

export const ARIZE_GRAPHQL_LIMITS: GraphqlLimits = {
  queriesPerMinute: 100,
  mutationsPerMinute: 300,
  maxComplexity: 1000,
};

interface Bucket {
  tokens: number;
  lastMs: number;
}

const errorBody = (message: string, code: string, extra: Record<string, unknown> = {}) => ({
  errors: [{ message, extensions: { code, ...extra } }],
});

interface Parsed {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  query: string;
}

/** POST /graphql: auth (x-api-key), faults, per-key rate limits, complexity, then graphql-js. */
export function createGraphqlHandler(runtime: EmulatorRuntime, overrides: Partial<GraphqlLimits>) {
  const limits = { ...ARIZE_GRAPHQL_LIMITS, ...overrides };
  const schema = emulatorSchema();
  let buckets = new Map<string, Bucket>();
  const documents = new Map<string, DocumentNode>();
  const validated = new Map<DocumentNode, readonly GraphQLError[]>();

  /** Takes a token from the key's per-minute bucket; returns Retry-After seconds when empty. */
  const take = (bucketKey: string, perMinute: number): number | undefined => {
    const now = runtime.nowMs();
    const bucket = buckets.get(bucketKey) ?? { tokens: perMinute, lastMs: now };
    const perMs = perMinute / 60_000;
    bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.lastMs) * perMs);
    bucket.lastMs = now;
    buckets.set(bucketKey, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  };

  const parseRequest = (rawBody: string): Parsed | { error: unknown; status: number } => {
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(rawBody) as typeof body;
    } catch {
      return { status: 400, error: errorBody('The request body must be JSON.', 'BAD_REQUEST') };
    }
    if (typeof body?.query !== 'string') {
      return { status: 400, error: errorBody("The body needs a 'query' string.", 'BAD_REQUEST') };
    }
    let document = documents.get(body.query);
    if (!document) {
      try {
        document = parse(body.query);
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : 'Syntax error';
        return { status: 200, error: errorBody(message, 'GRAPHQL_PARSE_FAILED') };
      }
      if (documents.size >= 200) documents.clear();
      documents.set(body.query, document);
    }
    const name = typeof body.operationName === 'string' ? body.operationName : undefined;
    const operation = getOperationAST(document, name);
    if (!operation) {
      return {
        status: 200,
        error: errorBody('Could not determine which operation to run.', 'BAD_REQUEST'),
      };
    }
    const variables =
      body.variables && typeof body.variables === 'object'
        ? (body.variables as Record<string, unknown>)
        : {};
    return { document, operation, variables, query: body.query };
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    rawBody: string,
  ): Promise<void> => {
    if (req.method !== 'POST') {
      return sendJson(res, 405, errorBody('Use POST for GraphQL.', 'METHOD_NOT_ALLOWED'), {
        allow: 'POST',
      });
    }
    const parsed = parseRequest(rawBody);
    const operationNames =
      'operation' in parsed
        ? [
            parsed.operation.name?.value ?? '',
            ...parsed.operation.selectionSet.selections.flatMap((s) =>
              s.kind === Kind.FIELD ? [s.name.value] : [],
            ),
          ].filter((n) => n !== '')
        : [];
    const decision = runtime.faults.decide({
      method: 'POST',
      path: '/graphql',
      operations: operationNames,
    });
    if (decision.kind === 'hang') return;
    if (decision.delayMs > 0) await new Promise((r) => setTimeout(r, decision.delayMs));
    if (decision.kind === 'rate-limited') {
      return sendJson(
        res,
        429,
        errorBody('TOO_MANY_REQUESTS: rate limit exceeded (injected).', 'TOO_MANY_REQUESTS'),
        {
          'retry-after': String(decision.retryAfterSeconds),
        },
      );
    }
    if (decision.kind === 'error') {
      return sendJson(
        res,
        decision.status,
        errorBody('Internal server error (injected fault).', 'INTERNAL_SERVER_ERROR'),
      );
    }

    const started = performance.now();
    const nowMs = runtime.nowMs();
    const store = runtime.store;
    const rawKey = req.headers['x-api-key'];
    const principal = authenticate(store, typeof rawKey === 'string' ? rawKey : undefined, nowMs);
    if (!principal) {
      return sendJson(
        res,
        401,
        errorBody(
          'Unauthorized: a valid developer key is required in x-api-key.',
          'UNAUTHENTICATED',
        ),
      );
    }
    if (!principal.user.isDeveloper) {
      return sendJson(
        res,
        403,
        errorBody('Forbidden: the key owner does not have developer access.', 'FORBIDDEN'),
      );
    }
    if (!('operation' in parsed)) return sendJson(res, parsed.status, parsed.error);

    const isMutation = parsed.operation.operation === 'mutation';
    const perMinute = isMutation ? limits.mutationsPerMinute : limits.queriesPerMinute;
    const retry = take(`${principal.key.n}:${isMutation ? 'm' : 'q'}`, perMinute);
    if (retry !== undefined) {
      const kind = isMutation ? 'mutations' : 'queries';
      return sendJson(
        res,
        429,
        errorBody(
          `TOO_MANY_REQUESTS: limit of ${perMinute} ${kind} per minute exceeded. Retry after ${retry}s.`,
          'TOO_MANY_REQUESTS',
          { retryAfterSeconds: retry },
        ),
        { 'retry-after': String(retry) },
      );
    }
    let validationErrors = validated.get(parsed.document);
    if (!validationErrors) {
      validationErrors = validate(schema, parsed.document);
      if (validated.size >= 200) validated.clear();
      validated.set(parsed.document, validationErrors);
    }
    if (validationErrors.length > 0) {
      return sendJson(res, 200, {
        errors: validationErrors.map((e) => ({
          ...e.toJSON(),
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        })),
      });
    }
    const complexity = queryComplexity(schema, parsed.document, parsed.operation, parsed.variables);
    if (complexity > limits.maxComplexity) {
      return sendJson(
        res,
        200,
        errorBody(
          `Query complexity of ${complexity} exceeds the maximum allowed complexity of ${limits.maxComplexity}.`,
          'QUERY_COMPLEXITY_EXCEEDED',
          {
            complexity,
            maxComplexity: limits.maxComplexity,
          },
        ),
      );
    }
    const context: GqlContext = { store, principal, nowMs, changes: [] };
    const rootValue = {
      node: ({ id }: { id: string }) => resolveNode(context, id),
      account: () => accountNode(context),
      ...(isMutation ? mutationRoot(context) : {}),
    };
    const result = (await execute({
      schema,
      document: parsed.document,
      rootValue,
      contextValue: context,
      variableValues: parsed.variables,
      operationName: parsed.operation.name?.value,
    })) as ExecutionResult;
    for (const change of context.changes) {
      runtime.record({
        method: 'POST',
        path: '/graphql',
        operation: change.operation,
        ...(change.resourceId !== undefined ? { resourceId: change.resourceId } : {}),
        principal,
        ip: req.socket.remoteAddress ?? '127.0.0.1',
        operationText: parsed.query,
        variables: JSON.stringify(parsed.variables),
      });
    }
    sendJson(res, 200, result, {}, 'application/json', started);
  };

  return {
    handle,
    resetLimits: (): void => {
      buckets = new Map();
    },
  };
}
