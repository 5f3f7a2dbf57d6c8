/*
 * The operation registry. To add an operation (`npx tsc --noEmit -p .` names each missing step):
 * 1. Define it with `defineOperation` in `<group>-operations.ts` (words, schema, `risks`: every
 *    risk `risk()` can return, retry, examples that reach each risk) and list it in `definitions`
 *    below: its id joins `OperationId`.
 * 2. Write its executor in `src/app/operations/<group>-executors.ts` as
 *    `[op.id]: defineExecutor(op, …)`; `src/app/operations/executors.ts` does not compile without
 *    it (a new group's record is spread in there).
 * 3. If `risks` names an approval risk (privilege, destructive, secret), its id joins
 *    `ApprovalOperationId` and two tables do not compile until it has its entry: its plan builder
 *    and post-state check (or `cannotTell(why)`) in the group's record in
 *    `src/app/approvals/<group>-plans.ts` (a new group's record is spread into
 *    `approval-steps.ts`), and `inverseRules` in `src/domain/approvals/undo.ts` (an inverse, or
 *    `notReversible(why)`).
 * 4. Add its end-to-end row to `test/integration/catalogue/catalogue-rows.ts` (a test fails
 *    without it) and run `npx tsx scripts/generate-command-table.ts --write` for the README.
 */
import { err, ok, type Result } from '../result.ts';
import { approvals, cancel } from './approval-operations.ts';
import { audit } from './audit-operations.ts';
import { use, whoami } from './context-operations.ts';
import { doctor } from './doctor-operations.ts';
import { grants } from './grant-operations.ts';
import { help } from './help-operations.ts';
import { keyCreate, keyList, keyRefresh, keyRevoke } from './key-operations.ts';
import type { OperationDefinition, Risk } from './operation.ts';
import {
  orgAddUser,
  orgCreate,
  orgDelete,
  orgGet,
  orgList,
  orgRemoveUser,
  orgUpdate,
} from './org-operations.ts';
import { reportAccess } from './report-operations.ts';
import { requestExtend, requestSpace } from './request-operations.ts';
import { type ApprovalRisk, requiresApproval } from './requires-approval.ts';
import { spaceChangeMembers } from './space-change-operations.ts';
import { spaceAddUser, spaceMembers, spaceRemoveUser } from './space-membership-operations.ts';
import { spaceCreate, spaceDelete, spaceGet, spaceList, spaceUpdate } from './space-operations.ts';
import {
  urlDashboard,
  urlMetric,
  urlModel,
  urlMonitor,
  urlOrg,
  urlPrompt,
  urlPromptVersion,
  urlSpace,
} from './url-operations.ts';
import { userInvite, userResendInvite, userResetPassword } from './user-invite-operations.ts';
import { userDelete, userFind, userGet, userList, userUpdate } from './user-operations.ts';

/** Every operation the bot knows, defined once; parser, help, policy and README derive from it. */
const definitions = [
  orgList,
  orgGet,
  orgCreate,
  orgUpdate,
  orgDelete,
  orgAddUser,
  orgRemoveUser,
  spaceList,
  spaceGet,
  spaceCreate,
  spaceUpdate,
  spaceDelete,
  spaceAddUser,
  spaceRemoveUser,
  spaceChangeMembers,
  spaceMembers,
  userList,
  userFind,
  userGet,
  userInvite,
  userUpdate,
  userDelete,
  userResendInvite,
  userResetPassword,
  keyList,
  keyCreate,
  keyRefresh,
  keyRevoke,
  urlOrg,
  urlSpace,
  urlModel,
  urlMetric,
  urlMonitor,
  urlPrompt,
  urlPromptVersion,
  urlDashboard,
  use,
  whoami,
  approvals,
  cancel,
  grants,
  requestSpace,
  requestExtend,
  audit,
  reportAccess,
  doctor,
  help,
] as const;

type Definition = (typeof definitions)[number];

/** The id of every operation in the catalogue. */
export type OperationId = Definition['id'];

/** Ids of the operations whose declared risks include one that needs a second person. */
type GatedId<D> = D extends { id: infer Id; risks: readonly (infer R)[] }
  ? [Extract<R, ApprovalRisk>] extends [never]
    ? never
    : Id
  : never;

/** The operations that can need approval: each has a plan, a post-state check and an inverse. */
export type ApprovalOperationId = GatedId<Definition>;

export const catalogue: readonly OperationDefinition[] = definitions;

export const findOperation = (id: string): OperationDefinition | undefined =>
  catalogue.find((operation) => operation.id === id);

/** True for the operations that can need approval (the runtime side of `ApprovalOperationId`). */
export const isApprovalOperation = (
  operation: OperationDefinition,
): operation is OperationDefinition & { id: ApprovalOperationId } =>
  operation.risks.some(requiresApproval);

export const isApprovalOperationId = (id: string): id is ApprovalOperationId => {
  const operation = findOperation(id);
  return operation !== undefined && isApprovalOperation(operation);
};

export const approvalOperationIds: readonly ApprovalOperationId[] = catalogue
  .filter(isApprovalOperation)
  .map((operation) => operation.id);

/** A stored or queued command checked again against this version's catalogue. */
export interface OperationArgs {
  operation: OperationDefinition;
  args: Record<string, unknown>;
  /** Computed once here; callers pass it on instead of asking the operation again. */
  risk: Risk;
}

/** Why a stored or queued command no longer runs: no such operation, or arguments it refuses. */
export interface OperationArgsError {
  code: 'INTERNAL' | 'COMMAND.USAGE';
  message: string;
}

/**
 * Looks an operation up by id and validates its arguments against its schema again (a queued job
 * or stored request may predate this version): the operation, the parsed arguments and the risk.
 */
export function parseOperationArgs(
  operationId: string,
  args: unknown,
  operations: readonly OperationDefinition[] = catalogue,
): Result<OperationArgs, OperationArgsError> {
  const operation = operations.find((op) => op.id === operationId);
  if (!operation) {
    return err({ code: 'INTERNAL', message: `No operation ${operationId} in this version.` });
  }
  const parsed = operation.schema.safeParse(args);
  if (!parsed.success) {
    return err({ code: 'COMMAND.USAGE', message: 'The queued command is no longer valid.' });
  }
  return ok({ operation, args: parsed.data, risk: operation.risk(parsed.data) });
}
