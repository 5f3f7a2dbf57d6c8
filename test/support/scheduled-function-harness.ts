import { createScheduledDeps, type ScheduledDeps } from '../../functions/scheduled.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import { parseConfig, scheduledConfigSchema } from '../../src/config.ts';
import type { Job } from '../../src/domain/job.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { REPO_POLICY_FILE } from '../../src/local/local-stack.ts';
import { BOT_TOKEN, type RunningStandin, startStandin } from '../local/start-standin.ts';

/** The scheduled function's real wiring on dynalite, the Arize emulator and the Slack stand-in. */
export interface ScheduledFunctionHarness {
  dynamo: LocalDynamo;
  emulator: ArizeEmulator;
  slack: RunningStandin;
  table: DynamoTable;
  deps: ScheduledDeps;
  /** The function's environment: other functions of the test can run on the same stand-ins. */
  env: Record<string, string>;
  /** What the sweep enqueued for the worker. */
  queued: Job[];
  close(): Promise<void>;
}

export async function startScheduledFunctionHarness(
  env: Record<string, string> = {},
  overrides: Omit<Parameters<typeof createScheduledDeps>[1], 'queue'> = {},
): Promise<ScheduledFunctionHarness> {
  const [dynamo, emulator, slack] = await Promise.all([
    startLocalDynamo(),
    startArizeEmulator({ port: 0 }),
    startStandin(),
  ]);
  const environment: Record<string, string> = {
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SLACK_TEAM_ID: 'T0LOCAL01',
    SLACK_API_APP_ID: 'A0ARIZEOPS',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slack.slackApiUrl,
    ARIZE_BASE_URL: emulator.url,
    ARIZE_APP_URL: emulator.url,
    ARIZE_API_KEY: DEMO_ADMIN_API_KEY,
    // The emulator takes the admin key for GraphQL too (members are read there).
    ARIZE_DEVELOPER_KEY: DEMO_ADMIN_API_KEY,
    JOB_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/arize-ops-jobs',
    LOG_LEVEL: 'SILENT',
    POLICY_FILE: REPO_POLICY_FILE,
    ...env,
  };
  const config = parseConfig(scheduledConfigSchema, environment);
  const queued: Job[] = [];
  const deps = createScheduledDeps(config, {
    queue: { enqueue: async (job) => void queued.push(job) },
    ...overrides,
  });
  const table = localTable(dynamo);
  return {
    dynamo,
    emulator,
    slack,
    table,
    deps,
    env: environment,
    queued,
    close: async () => void (await Promise.all([dynamo.close(), emulator.close(), slack.close()])),
  };
}
