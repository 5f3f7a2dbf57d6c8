import type { Requester } from '../../domain/job.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Reply } from '../../domain/reply.ts';
import type { ArizeGateway, TargetResolver } from '../ports.ts';

/** What an executor may use: the gateway, a resolver scoped to this job, and who asked. */
export interface ExecutionContext {
  gateway: ArizeGateway;
  resolver: TargetResolver;
  requester: Requester;
  /** The caller's active org/space, applied when a command omits them. */
  context: { orgId?: string; spaceId?: string };
  /** Base of UI links (ARIZE_APP_URL). */
  appUrl: string;
  catalogue: readonly OperationDefinition[];
}

/** Runs one catalogue operation and describes the outcome for the person who asked. */
export type Executor<Args = Record<string, unknown>> = (
  args: Args,
  context: ExecutionContext,
) => Promise<Reply>;

/** Binds an executor to its definition so its arguments are typed by the definition's schema. */
export const defineExecutor = <Args>(
  _operation: OperationDefinition<Args>,
  run: Executor<Args>,
): Executor => run as Executor;
