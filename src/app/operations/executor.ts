import type { ApprovalRequest } from '../../domain/approvals/approval.ts';
import type { Grant } from '../../domain/grants/grant.ts';
import type { Requester } from '../../domain/job.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import type { Field, Reply } from '../../domain/reply.ts';
import type { Result } from '../../domain/result.ts';
import type { AccessContext } from '../access/access-context.ts';
import type { RunDoctor } from '../doctor/run-doctor.ts';
import type { GrantExtension } from '../grants/grant-extension.ts';
import type {
  ActiveContext,
  ArizeGateway,
  AuditLog,
  Clock,
  ContextStore,
  FileSharer,
  TargetResolver,
} from '../ports.ts';
import type { SendAccessReport } from '../reports/send-access-report.ts';

/** What an executor may use: the gateway, a resolver scoped to this job, and who asked. */
export interface ExecutionContext {
  gateway: ArizeGateway;
  resolver: TargetResolver;
  requester: Requester;
  /** The caller's active org/space, applied when a command omits them (never for deletes). */
  context: ActiveContext;
  /** Base of UI links (ARIZE_APP_URL). */
  appUrl: string;
  catalogue: readonly OperationDefinition[];
  /**
   * Turns a Slack user id into that person's e-mail (Slack `users.info`), so `<@U123>` can name
   * an Arize user. Absent: commands that mention people refuse and ask for an e-mail.
   */
  slackEmailOf?: (slackUserId: string) => Promise<string>;
  /** Stores the caller's context for `use` and `org create`. Absent: they say it was not saved. */
  contextStore?: ContextStore;
  /** Now, for key expiry, audit windows and grant ends: injected, never read from the system. */
  clock: Clock;
  /**
   * Policy hook for `whoami`: what the requester may ask for and approve. Set by the policy
   * owner; until then whoami says permissions are not reported.
   */
  describePermissions?: (requester: Requester) => Promise<Field[]>;
  /** The bot's audit trail, for `audit`. Absent: `audit` says it cannot be read here. */
  auditTrail?: Pick<AuditLog, 'list'>;
  /** Shares files (CSV exports) in Slack. Absent: `audit --csv` says it cannot send files here. */
  files?: FileSharer;
  /** Reads the access report and sends it to someone's DM, for `report access`. */
  accessReport?: SendAccessReport;
  /** Active time-bound grants, for `grants`. Absent: `grants` says they cannot be read here. */
  grants?: { listActive(): Promise<Grant[]> };
  /** Reads and extends grants, for `request extend`. Absent: it says it cannot run here. */
  grantExtension?: GrantExtension;
  /** Self-service rules and their Slack look-ups (`request`, whoami). Absent: none here. */
  access?: AccessContext;
  /** Checks the running deployment, for `doctor`. Absent: it says it runs only in the worker. */
  doctor?: RunDoctor;
  /** Pending approval requests, for `approvals` and `cancel`. */
  approvals?: {
    listPending(query: { requesterUserId?: string }): Promise<ApprovalRequest[]>;
    cancel(requestId: string, requester: Requester): Promise<Result<string, { message: string }>>;
  };
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
