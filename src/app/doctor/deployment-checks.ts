import type { DeadLetterCounter, LoadedPolicy, ScheduleDirectory } from '../ports.ts';
import { type DoctorCheck, failed, guarded, passed } from './doctor-check.ts';

const policyTitle = 'Policy in force';
const schedulesTitle = 'Schedules';
const deadLettersTitle = 'Dead-letter queue';

const redeploy =
  'Deploy the stack again (npx cdk deploy with the same -c settings) to restore them.';

/** The policy this worker decides under: its version and the sha requests pin. */
export const checkPolicy = ({ policy, sha }: LoadedPolicy): DoctorCheck =>
  passed(policyTitle, `version ${policy.version}, sha256 ${sha.slice(0, 12)}…`);

/** Every scheduled job has its schedule, enabled or disabled as the deployment asked. */
export function checkSchedules(schedules: ScheduleDirectory): Promise<DoctorCheck[]> {
  return guarded(schedulesTitle, redeploy, async () => {
    const states = await schedules.states();
    const wrong = states.filter((state) => state.actual !== state.expected);
    if (wrong.length > 0) {
      const described = wrong.map((s) =>
        s.actual === 'MISSING'
          ? `${s.job} is missing`
          : `${s.job} is ${s.actual}, not ${s.expected}`,
      );
      return failed(schedulesTitle, `${described.join('; ')}.`, redeploy);
    }
    const list = states.map((s) => `${s.job}${s.actual === 'DISABLED' ? ' (off)' : ''}`);
    return passed(schedulesTitle, `all ${states.length} exist: ${list.join(', ')}.`);
  });
}

/** No job waits in the dead-letter queue. */
export function checkDeadLetters(deadLetters: DeadLetterCounter): Promise<DoctorCheck[]> {
  const fix =
    "Read why in the worker's and the dead-letter function's logs, fix the cause, then redrive " +
    '(aws sqs start-message-move-task --source-arn DLQ_ARN) or purge (aws sqs purge-queue ' +
    '--queue-url URL, the stack output DeadLetterQueueUrl).';
  return guarded(deadLettersTitle, fix, async () => {
    const count = await deadLetters.count();
    if (count > 0) return failed(deadLettersTitle, `${count} job(s) wait in it.`, fix);
    // The dead-letter function deletes each job it could report: those are counted by the
    // DeadLettered alarm, not here.
    return passed(deadLettersTitle, 'empty: no dead-lettered job waits unreported.');
  });
}
