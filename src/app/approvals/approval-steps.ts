import {
  type ApprovalOperationId,
  isApprovalOperationId,
} from '../../domain/operations/catalogue.ts';
import { keyCreatePlan, keyRefreshPlan, keyRevokePlan } from './key-plans.ts';
import {
  orgDeletePlan,
  orgMembershipPlan,
  userChangePlan,
  userInvitePlan,
} from './org-user-plans.ts';
import type { PlanBuilder, PostStateCheck } from './plan-builder.ts';
import {
  type CannotTell,
  cannotTell,
  keyRevoked,
  orgDeleted,
  spaceDeleted,
  spaceMembershipsChanged,
  spaceUpdated,
  userDeleted,
  userInvited,
  userUpdated,
} from './post-states.ts';
import { spaceDeletePlan, spaceMembershipPlan, spaceUpdatePlan } from './space-plans.ts';

/** What an approval operation needs beyond its executor: its plan and what success looks like. */
export interface ApprovalSteps {
  /** Reads the pre-state into the plan people vote on; again before it runs (staleness). */
  plan: PlanBuilder;
  /** Reads whether the change happened, for the sweep; `cannotTell(why)` when it cannot be read. */
  postState: PostStateCheck | CannotTell;
}

const orgRoles = 'org roles are not readable: Arize has no route for them';

/**
 * The plan builder and post-state check of every operation that can need approval. An operation
 * whose declared risks include an approval risk does not compile until it has an entry here.
 */
export const approvalSteps = {
  'space.delete': { plan: spaceDeletePlan, postState: spaceDeleted },
  'space.update': { plan: spaceUpdatePlan, postState: spaceUpdated },
  'space.add-user': {
    plan: spaceMembershipPlan('add'),
    postState: spaceMembershipsChanged('add'),
  },
  'space.remove-user': {
    plan: spaceMembershipPlan('remove'),
    postState: spaceMembershipsChanged('remove'),
  },
  'org.delete': { plan: orgDeletePlan, postState: orgDeleted },
  'org.add-user': { plan: orgMembershipPlan('add'), postState: cannotTell(orgRoles) },
  'org.remove-user': { plan: orgMembershipPlan('remove'), postState: cannotTell(orgRoles) },
  'user.delete': { plan: userChangePlan('delete'), postState: userDeleted },
  'user.update': { plan: userChangePlan('update'), postState: userUpdated },
  'user.invite': { plan: userInvitePlan, postState: userInvited },
  'key.revoke': { plan: keyRevokePlan, postState: keyRevoked },
  'key.create': {
    plan: keyCreatePlan,
    postState: cannotTell('a new key is a secret shown once: nothing readable says it was made'),
  },
  'key.refresh': {
    plan: keyRefreshPlan,
    postState: cannotTell('a refreshed key keeps its id: only its unreadable secret changes'),
  },
} as const satisfies Record<ApprovalOperationId, ApprovalSteps>;

/** The steps of a stored request's operation; undefined when it cannot need approval (any more). */
export const approvalStepsOf = (operationId: string): ApprovalSteps | undefined =>
  isApprovalOperationId(operationId) ? approvalSteps[operationId] : undefined;
