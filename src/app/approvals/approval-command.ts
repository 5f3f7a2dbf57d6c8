import {
  catalogue as allOperations,
  type OperationArgs,
  parseOperationArgs,
} from '../../domain/operations/catalogue.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import { type ApprovalSteps, approvalStepsOf } from './approval-steps.ts';

/** An approval's command checked again: its operation, typed arguments, risk and steps. */
export interface ApprovalCommand extends OperationArgs {
  steps: ApprovalSteps;
}

/**
 * The one lookup of a queued or stored approval's operation: the operation by id, its arguments
 * validated again (the job or request may predate this version) and its plan and post-state
 * steps. Undefined when it is no longer valid in this version.
 */
export function approvalCommandOf(
  command: { operationId: string; args: unknown },
  catalogue: readonly OperationDefinition[] = allOperations,
): ApprovalCommand | undefined {
  const parsed = parseOperationArgs(command.operationId, command.args, catalogue);
  const steps = approvalStepsOf(command.operationId);
  return parsed.ok && steps ? { ...parsed.value, steps } : undefined;
}
