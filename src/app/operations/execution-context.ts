import { AppError } from '../../domain/errors.ts';
import type { Requester } from '../../domain/job.ts';
import type { OperationDefinition } from '../../domain/operations/operation.ts';
import { Risks } from '../../domain/operations/operation.ts';
import { arizeEmailOf, mayRequest, type Policy } from '../../domain/policy/policy.ts';
import type { AccessContext } from '../access/access-context.ts';
import { describeAccess } from '../access/describe-access.ts';
import type { GrantExtension } from '../grants/grant-extension.ts';
import type {
  ArizeGateway,
  Clock,
  ContextStore,
  FileSharer,
  SlackDirectory,
  TargetResolver,
} from '../ports.ts';
import type { ExecutionContext } from './executor.ts';

/** What every execution context is built from (the worker and the scheduled function alike). */
export interface ExecutionContextDeps {
  gateway: ArizeGateway;
  /** A fresh resolver per job, so lookups are cached within one job only. */
  newResolver: () => TargetResolver;
  contexts: ContextStore;
  appUrl: string;
  catalogue: readonly OperationDefinition[];
  clock: Clock;
  /** Slack's view of people: the e-mail behind a mention. */
  directory: SlackDirectory;
  policy: Policy;
  approvals?: ExecutionContext['approvals'];
  auditTrail?: ExecutionContext['auditTrail'];
  grants?: ExecutionContext['grants'];
  files?: FileSharer;
  /** Self-service (policy v3): absent, `request` says it is not available here. */
  access?: AccessContext;
  grantExtension?: GrantExtension;
  accessReport?: ExecutionContext['accessReport'];
  doctor?: ExecutionContext['doctor'];
}

/** The one builder of what an executor or plan builder may use for a requester's job. */
export function makeContextFor(deps: ExecutionContextDeps) {
  return async (requester: Requester): Promise<ExecutionContext> => ({
    gateway: deps.gateway,
    resolver: deps.newResolver(),
    requester,
    context: await deps.contexts.get(requester),
    appUrl: deps.appUrl,
    catalogue: deps.catalogue,
    contextStore: deps.contexts,
    clock: deps.clock,
    slackEmailOf: (userId) => emailOf(deps, userId),
    ...(deps.approvals ? { approvals: deps.approvals } : {}),
    ...(deps.auditTrail ? { auditTrail: deps.auditTrail } : {}),
    ...(deps.grants ? { grants: deps.grants } : {}),
    ...(deps.files ? { files: deps.files } : {}),
    ...(deps.access ? { access: deps.access } : {}),
    ...(deps.grantExtension ? { grantExtension: deps.grantExtension } : {}),
    ...(deps.accessReport ? { accessReport: deps.accessReport } : {}),
    ...(deps.doctor ? { doctor: deps.doctor } : {}),
    describePermissions: async (who) => [
      {
        label: 'may request',
        value: Risks.filter((risk) => mayRequest(deps.policy, who, risk)).join(', ') || 'nothing',
      },
      {
        label: 'may approve',
        value:
          Risks.filter((risk) => deps.policy.approvers[risk]?.includes(who.userId)).join(', ') ||
          'nothing as yourself (user-group approvers are checked when you click)',
      },
      ...(deps.access ? await describeAccess(deps.access, who.userId, { withScopes: true }) : []),
    ],
  });
}

/** The Arize e-mail behind a Slack mention: the person's Slack e-mail, never a display name. */
async function emailOf(deps: ExecutionContextDeps, slackUserId: string): Promise<string> {
  const person = await deps.directory.person(slackUserId);
  if (!person) throw new AppError('IDENTITY.REFUSED', `Slack does not know <@${slackUserId}>.`);
  if (person.isBot)
    throw new AppError('IDENTITY.REFUSED', `<@${slackUserId}> is a bot, not a person.`);
  const email = arizeEmailOf(deps.policy, slackUserId, person.email);
  if (!email) {
    throw new AppError('IDENTITY.REFUSED', `Slack shares no e-mail for <@${slackUserId}>.`, {
      hint: 'Name the person by their Arize e-mail instead, or map them in the policy.',
    });
  }
  return email;
}
