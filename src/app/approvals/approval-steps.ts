import {
  type ApprovalOperationId,
  isApprovalOperationId,
} from '../../domain/operations/catalogue.ts';
import { extendSteps } from './extend-plans.ts';
import { keySteps } from './key-plans.ts';
import { memberChangeSteps } from './member-change-plans.ts';
import { orgUserSteps } from './org-user-plans.ts';
import type { ApprovalSteps } from './plan-builder.ts';
import { requestSteps } from './request-plans.ts';
import { spaceSteps } from './space-plans.ts';

export type { ApprovalSteps } from './plan-builder.ts';

/**
 * The plan builder and post-state check of every operation that can need approval, each group's
 * record next to its plan builders (a new group's record is spread in here). An operation whose
 * declared risks include an approval risk does not compile until it has its entry.
 */
export const approvalSteps = {
  ...spaceSteps,
  ...memberChangeSteps,
  ...orgUserSteps,
  ...keySteps,
  ...requestSteps,
  ...extendSteps,
} as const satisfies Record<ApprovalOperationId, ApprovalSteps>;

/** The steps of a stored request's operation; undefined when it cannot need approval (any more). */
export const approvalStepsOf = (operationId: string): ApprovalSteps | undefined =>
  isApprovalOperationId(operationId) ? approvalSteps[operationId] : undefined;
