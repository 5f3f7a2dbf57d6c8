import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  createScheduledDeps,
  createScheduledHandler,
  type ScheduledEvent,
} from '../../functions/scheduled.ts';
import { policySourceFrom } from '../../functions/shared/policy-source.ts';
import { createSlackHandler } from '../../functions/slack.ts';
import {
  createDeadLetterHandler,
  createWorkerDeps,
  createWorkerHandler,
} from '../../functions/worker.ts';
import { DynamoApprovalStore } from '../adapters/dynamodb/dynamo-approval-store.ts';
import { DynamoAuditLog } from '../adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoDriftStore } from '../adapters/dynamodb/dynamo-drift-store.ts';
import { DynamoGrantStore } from '../adapters/dynamodb/dynamo-grant-store.ts';
import { DynamoNameDirectory } from '../adapters/dynamodb/dynamo-name-directory.ts';
import { DynamoReplayGuard } from '../adapters/dynamodb/dynamo-replay-guard.ts';
import { createLog, type LogLevelName } from '../adapters/logging/create-log.ts';
import { StaticSecretSource } from '../adapters/secrets/static-secret-source.ts';
import { systemClock } from '../adapters/system-clock.ts';
import type { ScheduledRunResult } from '../app/jobs/run-scheduled-job.ts';
import type { Clock } from '../app/ports.ts';
import { parseConfig, scheduledConfigSchema, workerConfigSchema } from '../config.ts';
import {
  type JobSchedule,
  type ScheduledJobName,
  schedulesWith,
} from '../domain/jobs/scheduled-jobs.ts';
import { parsePolicyText } from '../domain/policy/policy.ts';
import { localLambdaContext, serveThroughApiGateway, slackRoutes } from './api-gateway.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from './arize-emulator/index.ts';
import { makeDueJobs } from './due-jobs.ts';
import { clearLocalTable, type LocalDynamo, localTable, startLocalDynamo } from './dynalite.ts';
import { localDeadLetterCounter, localScheduleDirectory } from './local-doctor-sources.ts';
import { createInProcessQueue, type InProcessQueue } from './queue/in-process-queue.ts';
import { emulatedSandboxAccount } from './sandbox-account.ts';
import { createInProcessScheduler, type InProcessScheduler } from './scheduler.ts';
import {
  createSlackStandin,
  DEMO_WORKSPACE,
  type SlackStandin,
} from './slack-standin/slack-standin.ts';

/** Defaults for a machine with no accounts; printed at start. Never valid against real Slack. */
export const LOCAL_SIGNING_SECRET = 'local-signing-secret-for-arize-ops-demo';
export const LOCAL_BOT_TOKEN = 'xoxb-local-arize-ops-demo';
/** The repository's policy, the one `npm start` reads unless `POLICY_FILE` names another. */
export const REPO_POLICY_FILE = fileURLToPath(new URL('../../policy/policy.json', import.meta.url));
/** The demo desired-access files: the drift job finds one difference in the demo account. */
export const DEMO_DESIRED_ACCESS_DIR = fileURLToPath(
  new URL('../../policy/desired-access', import.meta.url),
);

export interface LocalStackOptions {
  port?: number;
  emulatorPort?: number;
  signingSecret?: string;
  arizeApiKey?: string;
  /** A real Arize: then no emulator is started. */
  arizeBaseUrl?: string;
  arizeAppUrl?: string;
  arizeDeveloperKey?: string;
  logLevel?: LogLevelName;
  /**
   * The policy file every function reads (default `policy/policy.json`): an edit applies from the
   * next request, and one that does not validate is logged and the last good policy stays.
   */
  policyFile?: string;
  /** The drift job's desired-access files (default: the demo folder `policy/desired-access`). */
  desiredAccessDir?: string;
  /** Queue timings; tests shorten them. */
  visibilityTimeoutMs?: number;
  /** Per-request Arize timeout of the worker (ARIZE_TIMEOUT_MS, default 10 s); tests shorten it. */
  arizeTimeoutMs?: number;
  clock?: Clock;
  /**
   * How often the scheduler looks for due jobs (default 15 s; each job runs once per minute its
   * schedule fires at); 0: only when `scheduler.tick()` is called.
   */
  schedulerTickMs?: number;
  /** Each job's schedule (default: the jobs' own, as deployed without overrides). */
  schedules?: Record<ScheduledJobName, JobSchedule>;
  /**
   * Whether the stack runs the `directory-refresh` job once before it returns and again after the
   * sandbox's Reset (default true), so the request modal suggests names at once instead of after
   * the job's first scheduled run. `npm run job` turns it off: only the job it was asked for runs.
   */
  refreshDirectoryAtStart?: boolean;
}

export interface LocalStack {
  url: string;
  commandsUrl: string;
  interactionsUrl: string;
  signingSecret: string;
  arizeUrl: string;
  emulator: ArizeEmulator | undefined;
  slack: SlackStandin;
  queue: InProcessQueue;
  deadLetters: InProcessQueue;
  /** Runs functions/scheduled.ts on each job's schedule, as EventBridge Scheduler does in AWS. */
  scheduler: InProcessScheduler;
  /**
   * Runs one scheduled job now, as of `scheduledTime`. A run cut off by its deadline continues in
   * the background (as Lambda's self-invoke does); `settleJobs` waits for it.
   */
  runJob(job: ScheduledJobName, scheduledTime: Date): Promise<ScheduledRunResult<ScheduledJobName>>;
  /** The last result of each run (`job@ISO time`), continuations included. */
  jobResults(): ReadonlyMap<string, ScheduledRunResult<ScheduledJobName>>;
  /** Waits until no continuation of a cut-off run is under way. */
  settleJobs(): Promise<void>;
  /** The local table (dynalite), for tests that inspect what was stored. */
  dynamo: { endpoint: string; tableName: string };
  close(): Promise<void>;
}

/** The whole bot in one process on 127.0.0.1: the same Lambda handlers on local stand-ins. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const signingSecret = options.signingSecret ?? LOCAL_SIGNING_SECRET;
  const usingRealArize = options.arizeBaseUrl !== undefined;
  const policyFile = options.policyFile ?? REPO_POLICY_FILE;
  const policy = parsePolicyText(readFileSync(policyFile, 'utf8'));
  if (!policy.ok) throw new Error(`${policyFile}: ${policy.error}`);
  if (
    usingRealArize &&
    (signingSecret === LOCAL_SIGNING_SECRET || policy.value.teamId === DEMO_WORKSPACE.teamId)
  ) {
    throw new Error(
      'refusing to start against a real Arize with the demo policy or the built-in signing secret: set SLACK_SIGNING_SECRET and edit policy/policy.json',
    );
  }
  const emulator = usingRealArize
    ? undefined
    : await startArizeEmulator({
        port: options.emulatorPort ?? 0,
        host: '127.0.0.1',
        // ARIZE_API_KEY, when set, is the key of the emulator's bot admin as much as the bot's.
        adminApiKey: options.arizeApiKey ?? DEMO_ADMIN_API_KEY,
      });
  const arizeUrl = options.arizeBaseUrl ?? (emulator as ArizeEmulator).url;
  const arizeApiKey = options.arizeApiKey ?? DEMO_ADMIN_API_KEY;
  const dynamo: LocalDynamo = await startLocalDynamo();

  let route: Parameters<typeof createServer>[1] = (_req, res) => res.end();
  const server: Server = createServer((req, res) => route?.(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const commandsUrl = `${url}${slackRoutes[0]}`;
  const interactionsUrl = `${url}${slackRoutes[1]}`;

  const table = localTable(dynamo);
  const grants = new DynamoGrantStore(table);
  const slack = createSlackStandin({
    publicBaseUrl: url,
    botToken: LOCAL_BOT_TOKEN,
    ...(options.clock ? { now: () => (options.clock as Clock).now() } : {}),
    // The sandbox signs requests for anyone who opens it: only with the built-in secret.
    ...(signingSecret === LOCAL_SIGNING_SECRET
      ? {
          sandbox: {
            commandsUrl,
            interactionsUrl,
            signingSecret,
            appId: DEMO_WORKSPACE.appId,
            ...(emulator
              ? {
                  account: emulatedSandboxAccount(emulator, grants, async () => {
                    await clearLocalTable(table);
                    await refreshDirectory();
                  }),
                }
              : {}),
          },
        }
      : {}),
  });
  const level = options.logLevel ?? 'WARN';
  const workerEnvironment = {
    LOG_LEVEL: level,
    POLICY_FILE: policyFile,
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SLACK_TEAM_ID: DEMO_WORKSPACE.teamId,
    SLACK_API_APP_ID: DEMO_WORKSPACE.appId,
    SLACK_API_URL: `${url}/slack-api/`,
    SLACK_BOT_TOKEN: LOCAL_BOT_TOKEN,
    ARIZE_BASE_URL: arizeUrl,
    ARIZE_APP_URL: options.arizeAppUrl ?? arizeUrl,
    ARIZE_API_KEY: arizeApiKey,
    ARIZE_DEVELOPER_KEY: options.arizeDeveloperKey ?? (usingRealArize ? undefined : arizeApiKey),
    ...(options.arizeTimeoutMs ? { ARIZE_TIMEOUT_MS: String(options.arizeTimeoutMs) } : {}),
  };
  const schedules = options.schedules ?? schedulesWith({});
  const workerDeps = createWorkerDeps(parseConfig(workerConfigSchema, workerEnvironment), {
    doctor: {
      schedules: localScheduleDirectory(schedules),
      deadLetters: localDeadLetterCounter(() => deadLetters),
    },
  });
  const context = () => localLambdaContext('arize-ops-worker', 60_000);
  const deadLetterHandler = createDeadLetterHandler(workerDeps);
  const deadLetters = createInProcessQueue({
    name: 'arize-ops-jobs-dlq',
    consumer: (event) => deadLetterHandler(event, context()),
  });
  const workerHandler = createWorkerHandler(workerDeps);
  const queue = createInProcessQueue({
    name: 'arize-ops-jobs',
    consumer: (event) => workerHandler(event, context()),
    deadLetterQueue: deadLetters,
    maxReceiveCount: 3,
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? 30_000,
  });
  const clock = options.clock ?? systemClock;
  const localQueue = {
    enqueue: async (job: object) => void (await queue.send(JSON.stringify(job))),
  };
  const continuations = new Set<Promise<unknown>>();
  const results = new Map<string, ScheduledRunResult<ScheduledJobName>>();
  const invokeScheduled = async (event: ScheduledEvent) => {
    const result = await scheduledHandler(event, localLambdaContext('arize-ops-scheduled', 60_000));
    results.set(`${result.job}@${result.at}`, result);
    return result;
  };
  const scheduledHandler = createScheduledHandler(
    createScheduledDeps(
      parseConfig(scheduledConfigSchema, {
        ...workerEnvironment,
        JOB_QUEUE_URL: `${url}/local-queue/arize-ops-jobs`,
        DESIRED_ACCESS_DIR: options.desiredAccessDir ?? DEMO_DESIRED_ACCESS_DIR,
      }),
      {
        queue: localQueue,
        // As Lambda's asynchronous invoke would: the next invocation starts once this one returns.
        continueLater: async (next) => {
          const continued = new Promise((resolve) => setImmediate(resolve))
            .then(() =>
              invokeScheduled({ ...next, scheduledTime: next.scheduledTime.toISOString() }),
            )
            .catch((error: unknown) =>
              workerDeps.logging.log.error('scheduled continuation failed', {
                error: String(error),
              }),
            )
            .finally(() => continuations.delete(continued));
          continuations.add(continued);
        },
      },
    ),
  );
  const runJob = (job: ScheduledJobName, scheduledTime: Date) =>
    invokeScheduled({ job, scheduledTime: scheduledTime.toISOString() });
  const dueJobs = makeDueJobs({
    schedules,
    invoke: runJob,
  });
  // The name directory the request modal suggests from, read now rather than at the job's first
  // scheduled run (up to 15 minutes away): the same job, through the same path as the scheduler's.
  const refreshAtStart = options.refreshDirectoryAtStart ?? true;
  const refreshDirectory = async () => {
    if (!refreshAtStart) return;
    try {
      await runJob('directory-refresh', clock.now());
    } catch (error: unknown) {
      workerDeps.logging.log.warn('directory refresh failed; the scheduled one will retry', {
        error: String(error),
      });
    }
  };
  const scheduler = createInProcessScheduler({
    intervalMs: options.schedulerTickMs ?? 15_000,
    now: () => clock.now(),
    run: dueJobs,
    onError: (error) =>
      workerDeps.logging.log.error('scheduled job failed', { error: String(error) }),
  });
  const slackLogging = createLog({ service: 'arize-ops-slack', level });
  const slackHandler = createSlackHandler({
    teamId: DEMO_WORKSPACE.teamId,
    appId: DEMO_WORKSPACE.appId,
    slackApiUrl: `${url}/slack-api/`,
    secrets: new StaticSecretSource({
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: LOCAL_BOT_TOKEN,
    }),
    queue: localQueue,
    replayGuard: new DynamoReplayGuard(table, clock),
    approvals: { store: new DynamoApprovalStore(table, clock), audit: new DynamoAuditLog(table) },
    grants,
    drifts: new DynamoDriftStore(table, clock),
    directory: new DynamoNameDirectory(table),
    policies: policySourceFrom({ POLICY_FILE: policyFile }, slackLogging.log),
    clock,
    logging: slackLogging,
  });

  route = async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', url).pathname;
      if (req.method === 'POST' && (slackRoutes as readonly string[]).includes(path)) {
        await serveThroughApiGateway(req, res, slackHandler);
        return;
      }
      if (await slack.handle(req, res)) return;
      if (path === '/' && req.method === 'GET') {
        res.writeHead(302, { location: '/sandbox' }).end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } catch (error: unknown) {
      workerDeps.logging.log.error('local stack request failed', { error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
  await refreshDirectory();

  return {
    url,
    commandsUrl,
    interactionsUrl,
    signingSecret,
    arizeUrl,
    emulator,
    slack,
    queue,
    deadLetters,
    scheduler,
    runJob,
    jobResults: () => results,
    settleJobs: async () => {
      while (continuations.size > 0) await Promise.all([...continuations]);
    },
    dynamo: { endpoint: dynamo.endpoint, tableName: dynamo.tableName },
    close: async () => {
      await scheduler.close();
      while (continuations.size > 0) await Promise.all([...continuations]);
      await queue.close();
      await deadLetters.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dynamo.close();
      await emulator?.close();
    },
  };
}
