import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { WebClient } from '@slack/web-api';
import { EventBridgeScheduleDirectory } from '../../src/adapters/scheduler/eventbridge-schedule-directory.ts';
import { SlackWebBotProbe } from '../../src/adapters/slack/slack-bot-probe.ts';
import { botScopes } from '../../src/adapters/slack/slack-scopes.ts';
import { SqsDeadLetterCounter } from '../../src/adapters/sqs/sqs-dead-letter-counter.ts';
import type { InstrumentClient } from '../../src/adapters/tracing/tracing.ts';
import { makeRunDoctor, type RunDoctor } from '../../src/app/doctor/run-doctor.ts';
import type {
  ArizeKeyProbe,
  DeadLetterCounter,
  LoadedPolicy,
  ScheduleDirectory,
} from '../../src/app/ports.ts';
import type { WorkerConfig } from '../../src/config.ts';

/** Where `/arize doctor` reads schedules and dead letters; the local stack passes its own. */
export interface DoctorSources {
  schedules?: ScheduleDirectory;
  deadLetters?: DeadLetterCounter;
}

const unset = (variable: string) => async (): Promise<never> => {
  throw new Error(`${variable} is not set on this function`);
};

/** The doctor of the worker: EventBridge Scheduler and SQS from the stack's variables. */
export function doctorFrom(parts: {
  config: WorkerConfig;
  web: WebClient;
  botToken: () => Promise<string>;
  keys: ArizeKeyProbe;
  instrument: InstrumentClient;
  sources?: DoctorSources;
}): (loaded: LoadedPolicy) => RunDoctor {
  const { config, instrument } = parts;
  const region = { region: config.AWS_REGION };
  const schedules =
    parts.sources?.schedules ??
    (config.DEPLOYED_SCHEDULES
      ? new EventBridgeScheduleDirectory(
          instrument(new SchedulerClient(region)),
          config.DEPLOYED_SCHEDULES,
          config.SCHEDULE_GROUP,
        )
      : { states: unset('DEPLOYED_SCHEDULES') });
  const deadLetters =
    parts.sources?.deadLetters ??
    (config.DEAD_LETTER_QUEUE_URL
      ? new SqsDeadLetterCounter(instrument(new SQSClient(region)), config.DEAD_LETTER_QUEUE_URL)
      : { count: unset('DEAD_LETTER_QUEUE_URL') });
  const slack = new SlackWebBotProbe(parts.web, parts.botToken);
  const requiredScopes = Object.keys(botScopes);
  return (policy) =>
    makeRunDoctor({ slack, requiredScopes, arize: parts.keys, policy, schedules, deadLetters });
}
