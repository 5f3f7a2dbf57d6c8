import type { OperationId } from '../../domain/operations/catalogue.ts';
import { approvalExecutors } from './approval-executors.ts';
import { auditExecutors } from './audit-executors.ts';
import { contextExecutors } from './context-executors.ts';
import { doctorExecutors } from './doctor-executors.ts';
import type { Executor } from './executor.ts';
import { grantExecutors } from './grant-executors.ts';
import { helpExecutors } from './help-executors.ts';
import { keyExecutors } from './key-executors.ts';
import { memberChangeExecutors } from './member-change-executors.ts';
import { membershipExecutors } from './membership-executors.ts';
import { orgExecutors } from './org-executors.ts';
import { reportExecutors } from './report-executors.ts';
import { requestExecutors } from './request-executors.ts';
import { spaceExecutors } from './space-executors.ts';
import { urlExecutors } from './url-executors.ts';
import { userExecutors } from './user-executors.ts';

/**
 * The executor of every catalogue id: an id without one does not compile (a test checks there are
 * no extra ones). A new group's `…Executors` record is spread in here.
 */
const byId = {
  ...orgExecutors,
  ...spaceExecutors,
  ...membershipExecutors,
  ...memberChangeExecutors,
  ...userExecutors,
  ...keyExecutors,
  ...urlExecutors,
  ...contextExecutors,
  ...approvalExecutors,
  ...grantExecutors,
  ...requestExecutors,
  ...auditExecutors,
  ...reportExecutors,
  ...doctorExecutors,
  ...helpExecutors,
} as const satisfies Record<OperationId, Executor>;

/** Looked up by the id a job or stored request carries (a string from outside the type system). */
export const executors: Readonly<Record<string, Executor>> = byId;
