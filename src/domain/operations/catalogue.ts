import { approvals, cancel } from './approval-operations.ts';
import { audit } from './audit-operations.ts';
import { use, whoami } from './context-operations.ts';
import { grants } from './grant-operations.ts';
import { help } from './help-operations.ts';
import { keyCreate, keyList, keyRefresh, keyRevoke } from './key-operations.ts';
import type { OperationDefinition } from './operation.ts';
import {
  orgAddUser,
  orgCreate,
  orgDelete,
  orgGet,
  orgList,
  orgRemoveUser,
  orgUpdate,
} from './org-operations.ts';
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
export const catalogue: readonly OperationDefinition[] = [
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
  audit,
  help,
] as unknown as readonly OperationDefinition[];

export const findOperation = (id: string): OperationDefinition | undefined =>
  catalogue.find((operation) => operation.id === id);
