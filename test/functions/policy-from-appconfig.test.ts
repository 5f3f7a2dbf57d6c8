import { readFileSync } from 'node:fs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { policySourceFrom } from '../../functions/shared/policy-source.ts';
import { createSlackHandler } from '../../functions/slack.ts';
import { DynamoReplayGuard } from '../../src/adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog } from '../../src/adapters/logging/create-log.ts';
import { policyMaxAgeSeconds } from '../../src/adapters/policy/appconfig-policy-text.ts';
import { StaticSecretSource } from '../../src/adapters/secrets/static-secret-source.ts';
import { parseConfig, slackFunctionConfigSchema } from '../../src/config.ts';
import type { Job } from '../../src/domain/job.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { type LocalDynamo, localTable, startLocalDynamo } from '../../src/local/dynalite.ts';
import { REPO_POLICY_FILE } from '../../src/local/local-stack.ts';
import { buildSlashCommandBody } from '../../src/local/slack-standin/slack-payloads.ts';
import {
  type AppConfigDataStandin,
  startAppConfigDataStandin,
  useAppConfigDataStandin,
} from '../support/appconfig-data-standin.ts';
import { captureAllOutput } from '../support/captured-output.ts';
import { signedEvent } from '../support/signed-events.ts';

const secret = 'appconfig-test-signing-secret';
const repoText = readFileSync(REPO_POLICY_FILE, 'utf8');
type PolicyDocument = { requesters: Record<string, string[]>; quorum: Record<string, number> };
const edited = (edit: (document: PolicyDocument) => void): string => {
  const document = JSON.parse(repoText) as PolicyDocument;
  edit(document);
  return JSON.stringify(document);
};
/** Dave may also make write changes. */
const daveWrites = edited((d) => {
  d.requesters.write = [...(d.requesters.write ?? []), 'U0DAVE001'];
});
/** Dave's write taken away again, in a document that does not validate (quorum 9 of 3). */
const invalidWithoutDave = edited((d) => {
  d.quorum.privilege = 9;
});

let appConfig: AppConfigDataStandin;
let dynamo: LocalDynamo;
const jobs: Job[] = [];
const logLines: string[] = [];
let handle: (text: string) => Promise<string>;
let triggers = 0;

beforeAll(async () => {
  appConfig = await startAppConfigDataStandin(repoText);
  useAppConfigDataStandin(appConfig);
  dynamo = await startLocalDynamo();
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T09:00:00Z') });
  // The slack function's own configuration path: AppConfig named, as the stack sets it.
  const config = parseConfig(slackFunctionConfigSchema, {
    TABLE_NAME: dynamo.tableName,
    SLACK_TEAM_ID: 'T0LOCAL01',
    SLACK_API_APP_ID: 'A0ARIZEOPS',
    JOB_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/jobs',
    POLICY_APPCONFIG_APPLICATION: 'arize-ops',
    POLICY_APPCONFIG_ENVIRONMENT: 'live',
    POLICY_APPCONFIG_PROFILE: 'policy',
    LOG_LEVEL: 'INFO',
  });
  const logging = createLog({ service: 'arize-ops-slack', level: config.LOG_LEVEL });
  const clock = { now: () => new Date() };
  const handler = createSlackHandler({
    teamId: config.SLACK_TEAM_ID,
    appId: config.SLACK_API_APP_ID,
    secrets: new StaticSecretSource({ SLACK_SIGNING_SECRET: secret, SLACK_BOT_TOKEN: 'xoxb-t' }),
    queue: { enqueue: async (job) => void jobs.push(job) },
    replayGuard: new DynamoReplayGuard(localTable(dynamo), clock),
    policies: policySourceFrom(config, logging.log),
    clock,
    logging,
  });
  handle = async (text) => {
    const body = buildSlashCommandBody({
      userId: 'U0DAVE001',
      channelId: 'C0GENERAL1',
      text,
      responseUrl: 'http://localhost:9/slack-response/dave',
      triggerId: `trigger.${++triggers}`,
    });
    const event = signedEvent({ body, secret, timestamp: Math.floor(Date.now() / 1000) });
    captureAllOutput(logLines);
    try {
      const result = (await handler(
        event,
        localLambdaContext('arize-ops-slack', 10_000),
      )) as APIGatewayProxyStructuredResultV2;
      return (JSON.parse(result.body ?? '{}') as { text?: string }).text ?? '';
    } finally {
      vi.restoreAllMocks();
    }
  };
});
afterAll(async () => {
  vi.useRealTimers();
  await dynamo.close();
  await appConfig.close();
});

const later = (seconds: number) => vi.setSystemTime(new Date(Date.now() + seconds * 1000));
const createSpace = (name: string) => handle(`space create ${name} --org "Acme ML"`);
const refusal = 'You are not allowed to run write commands such as "space create".';

describe('the slack function under the policy deployed to AppConfig', () => {
  it('applies a new deployment within the cache time, and keeps it when an invalid one follows', async () => {
    expect(await createSpace('dave-1')).toBe(refusal);

    appConfig.deploy(daveWrites);
    later(policyMaxAgeSeconds - 5);
    expect(await createSpace('dave-2')).toBe(refusal);
    later(10);
    expect(await createSpace('dave-3')).toBe('Running /arize space create dave-3 --org "Acme ML"…');
    expect(jobs.map((job) => job.args.name)).toEqual(['dave-3']);

    appConfig.deploy(invalidWithoutDave);
    later(policyMaxAgeSeconds + 1);
    expect(await createSpace('dave-4')).toBe('Running /arize space create dave-4 --org "Acme ML"…');
    expect(logLines.join('\n')).toContain('policy rejected; the last good one stays in force');
    expect(logLines.join('\n')).toContain(
      'quorum 9 exceeds the 3 eligible approver(s) of privilege',
    );

    appConfig.deploy(repoText);
    later(policyMaxAgeSeconds + 1);
    expect(await createSpace('dave-5')).toBe(refusal);
    expect(jobs.map((job) => job.args.name)).toEqual(['dave-3', 'dave-4']);
    // Each deployment was read once its cache ran out, and never more often.
    expect(appConfig.calls.filter((call) => call.startsWith('get'))).toHaveLength(4);
  });
});
