import { approvalExecutors } from './approval-executors.ts';
import { auditExecutors } from './audit-executors.ts';
import { contextExecutors } from './context-executors.ts';
import type { Executor } from './executor.ts';
import { grantExecutors } from './grant-executors.ts';
import { helpExecutors } from './help-executors.ts';
import { keyExecutors } from './key-executors.ts';
import { membershipExecutors } from './membership-executors.ts';
import { orgExecutors } from './org-executors.ts';
import { spaceExecutors } from './space-executors.ts';
import { urlExecutors } from './url-executors.ts';
import { userExecutors } from './user-executors.ts';

/** The executor of every catalogue id; a test fails when an id has none. */
export const executors: Readonly<Record<string, Executor>> = {
  ...orgExecutors,
  ...spaceExecutors,
  ...membershipExecutors,
  ...userExecutors,
  ...keyExecutors,
  ...urlExecutors,
  ...contextExecutors,
  ...approvalExecutors,
  ...grantExecutors,
  ...auditExecutors,
  ...helpExecutors,
};
