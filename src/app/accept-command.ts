import { createHash } from 'node:crypto';
import { formatCommand } from '../domain/grammar/format-command.ts';
import { parseCommand } from '../domain/grammar/parse-command.ts';
import { decodeSlackText } from '../domain/grammar/tokenize.ts';
import type { Job, Requester } from '../domain/job.ts';
import type { OperationDefinition } from '../domain/operations/operation.ts';
import { requiresApproval } from '../domain/operations/requires-approval.ts';
import {
  approvalsEnabled,
  isPolicyAdmin,
  mayRequest,
  type Policy,
  selfServiceRules,
} from '../domain/policy/policy.ts';
import type { Reply } from '../domain/reply.ts';
import type { Clock, JobQueue } from './ports.ts';

export interface CommandRequest {
  requester: Requester;
  channelId: string;
  text: string;
  responseUrl: string;
  triggerId: string;
  /** The response URL belongs to a message others see: answer in a new message, never over it. */
  replyAsNew?: boolean;
}

export interface AcceptCommandDeps {
  catalogue: readonly OperationDefinition[];
  policy: Policy;
  queue: JobQueue;
  clock: Clock;
}

/**
 * The ack path: decides at once, holds no Arize key, waits on nothing slow.
 *
 * Primary course:
 * 1. Parse the text against the catalogue (a usage error is the whole answer).
 * 2. Check that this person may ask for an operation of this risk (a self-service one: that the
 *    policy has self-service rules; the worker checks the person against them), and that an
 *    admins-only operation comes from one of the policy's admins.
 * 3. An operation that needs approval (privilege, destructive, secret) becomes a
 *    `prepare-approval` job; a secret one is delivered after approval by the Reveal flow.
 * 4. Enqueue a job whose id is a hash of team, user and trigger id (a Slack retry maps to it).
 * 5. Answer "Running `…`" or "Preparing an approval request for `…`".
 */
export function makeAcceptCommand({ catalogue, policy, queue, clock }: AcceptCommandDeps) {
  return async (request: CommandRequest): Promise<Reply> => {
    const parsed = parseCommand(request.text, catalogue);
    if (!parsed.ok) {
      const { code, message, usage, example } = parsed.error;
      return {
        kind: 'error',
        code,
        message,
        ...(usage ? { usage } : {}),
        hint: example ? `Example: /arize ${example}` : 'Type /arize help for the commands.',
      };
    }
    const { operation, args, options } = parsed.command;
    const risk = operation.risk(args);
    const commandText = formatCommand(operation, args, options);
    // A self-service request is open to anyone its rules admit (groups read live): the worker
    // checks the rule before any plan is made, and refuses naming what is allowed.
    const selfService = operation.selfService === true && selfServiceRules(policy).length > 0;
    if (!selfService && !mayRequest(policy, request.requester, risk)) {
      return {
        kind: 'error',
        code: 'POLICY.NOT_ALLOWED',
        message: `You are not allowed to run ${risk} commands such as "${operation.words.join(' ')}".`,
        hint: 'Ask an arize-ops admin to add you to the policy.',
      };
    }
    if (operation.adminOnly && !isPolicyAdmin(policy, request.requester)) {
      return {
        kind: 'error',
        code: 'POLICY.NOT_ALLOWED',
        message: `Only the policy's admins (who may request every risk) may run "${operation.words.join(' ')}".`,
        hint: 'Ask an arize-ops admin to run it, or to add you to every risk of the policy.',
      };
    }
    if (requiresApproval(risk) && !approvalsEnabled(policy)) {
      return {
        kind: 'error',
        code: 'POLICY.NEEDS_APPROVAL',
        message: `"${operation.words.join(' ')}" is a ${risk} operation: it needs a second person's approval, and approvals are not enabled in this version, so nothing was run.`,
        hint: 'Ask an Arize account admin to make this change in the Arize UI.',
      };
    }
    const id = jobIdFor(request);
    if (requiresApproval(risk)) {
      const requestId = requestIdFor(id);
      await queue.enqueue({
        id,
        kind: 'prepare-approval',
        requestId,
        operationId: operation.id,
        args,
        commandText,
        public: false,
        requester: request.requester,
        channelId: request.channelId,
        responseUrl: request.responseUrl,
        enqueuedAt: clock.now().toISOString(),
        ...(options.reason ? { reason: options.reason } : {}),
        ...(request.replyAsNew ? { replyAsNew: true } : {}),
      });
      return {
        kind: 'progress',
        text: `Preparing an approval request for /arize ${decodeSlackText(commandText)}…`,
      };
    }
    const job: Job = {
      id,
      kind: 'run-command',
      operationId: operation.id,
      args,
      commandText,
      public: options.public,
      requester: request.requester,
      channelId: request.channelId,
      responseUrl: request.responseUrl,
      enqueuedAt: clock.now().toISOString(),
      ...(request.replyAsNew ? { replyAsNew: true } : {}),
    };
    await queue.enqueue(job);
    return { kind: 'progress', text: `Running /arize ${decodeSlackText(commandText)}…` };
  };
}

/** One job per Slack trigger: retries of the same request get the same id. */
export function jobIdFor(request: Pick<CommandRequest, 'requester' | 'triggerId'>): string {
  const { teamId, userId } = request.requester;
  return createHash('sha256')
    .update(`${teamId}:${userId}:${request.triggerId}`)
    .digest('hex')
    .slice(0, 32);
}

/** The approval request of a job: short enough to type, derived so a retry finds the same one. */
export const requestIdFor = (jobId: string): string => `R${jobId.slice(0, 12).toUpperCase()}`;
