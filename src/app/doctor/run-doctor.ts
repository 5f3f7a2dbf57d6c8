import type {
  ArizeKeyProbe,
  DeadLetterCounter,
  LoadedPolicy,
  ScheduleDirectory,
  SlackBotProbe,
} from '../ports.ts';
import { checkAdminKey, checkDeveloperKey } from './arize-checks.ts';
import { checkDeadLetters, checkPolicy, checkSchedules } from './deployment-checks.ts';
import type { DoctorCheck } from './doctor-check.ts';
import { checkApprovalsChannel, checkBotToken } from './slack-checks.ts';

export interface RunDoctorDeps {
  slack: SlackBotProbe;
  /** Every bot scope the manifest asks for. */
  requiredScopes: readonly string[];
  arize: ArizeKeyProbe;
  policy: LoadedPolicy;
  schedules: ScheduleDirectory;
  deadLetters: DeadLetterCounter;
}

/** Checks the running deployment, one line per part, for `/arize doctor`. */
export type RunDoctor = () => Promise<DoctorCheck[]>;

/**
 * `/arize doctor`: every check runs at once and none can hide another.
 *
 * Primary course:
 * 1. Slack: the bot token is valid, of the policy's workspace, with every scope of the manifest;
 *    the bot is a member of the approvals channel.
 * 2. Arize: the admin key works and belongs to an account admin; the developer key answers.
 * 3. The deployment: the policy in force (version, sha), every schedule, an empty dead-letter
 *    queue.
 */
export function makeRunDoctor(deps: RunDoctorDeps): RunDoctor {
  const { policy } = deps.policy;
  return async () => {
    const lines = await Promise.all([
      checkBotToken(deps.slack, { teamId: policy.teamId, scopes: deps.requiredScopes }),
      checkApprovalsChannel(deps.slack, policy.approvalsChannel),
      checkAdminKey(deps.arize),
      checkDeveloperKey(deps.arize),
      [checkPolicy(deps.policy)],
      checkSchedules(deps.schedules),
      checkDeadLetters(deps.deadLetters),
    ]);
    return lines.flat();
  };
}
