import { GraphQLError } from 'graphql';
import type { Principal } from '../access.ts';
import { ProblemError } from '../problem.ts';
import type { AccountStore } from '../store.ts';

/** Per-request GraphQL context; `changes` collects mutations to record once they succeed. */
export interface GqlContext {
  store: AccountStore;
  principal: Principal;
  nowMs: number;
  changes: Array<{ operation: string; resourceId?: string }>;
}

const CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'BAD_USER_INPUT',
};

export function gqlError(
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Runs shared REST rules inside a resolver, turning their ProblemErrors into GraphQL errors. */
export function gqlTry<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ProblemError) {
      throw gqlError(error.message, CODES[error.status] ?? 'INTERNAL_SERVER_ERROR', {
        status: error.status,
      });
    }
    throw error;
  }
}
