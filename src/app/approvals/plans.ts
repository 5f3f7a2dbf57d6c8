import { keyCreatePlan, keyRefreshPlan, keyRevokePlan } from './key-plans.ts';
import {
  orgDeletePlan,
  orgMembershipPlan,
  unreadPlan,
  userChangePlan,
  userInvitePlan,
} from './org-user-plans.ts';
import type { PlanBuilder, PostStateCheck } from './plan-builder.ts';
import {
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

/** The plan builder of each operation that can need approval. */
const builders: Readonly<Record<string, PlanBuilder>> = {
  'space.delete': spaceDeletePlan,
  'space.update': spaceUpdatePlan,
  'space.add-user': spaceMembershipPlan('add'),
  'space.remove-user': spaceMembershipPlan('remove'),
  'org.delete': orgDeletePlan,
  'org.add-user': orgMembershipPlan('add'),
  'org.remove-user': orgMembershipPlan('remove'),
  'user.delete': userChangePlan('delete'),
  'user.update': userChangePlan('update'),
  'user.invite': userInvitePlan,
  'key.revoke': keyRevokePlan,
  'key.create': keyCreatePlan,
  'key.refresh': keyRefreshPlan,
};

/** The builder for an operation; operations without one get an honest "not read" plan. */
export const planBuilderFor = (operationId: string): PlanBuilder =>
  builders[operationId] ?? unreadPlan;

/** The post-state check of each operation that can need approval (what success looks like). */
const postStates: Readonly<Record<string, PostStateCheck>> = {
  'space.delete': spaceDeleted,
  'space.update': spaceUpdated,
  'space.add-user': spaceMembershipsChanged('add'),
  'space.remove-user': spaceMembershipsChanged('remove'),
  'org.delete': orgDeleted,
  'user.delete': userDeleted,
  'user.update': userUpdated,
  'user.invite': userInvited,
  'key.revoke': keyRevoked,
};

/** The check for an operation; org roles, secrets and the rest cannot be told ("unknown"). */
export const postStateCheckFor = (operationId: string): PostStateCheck =>
  postStates[operationId] ?? cannotTell;
