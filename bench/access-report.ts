import { createArizeGateway } from '../src/adapters/arize/arize-gateway.ts';
import { spaceUsersComplexity } from '../src/adapters/arize/space-member-calls.ts';
import { DynamoGrantStore } from '../src/adapters/dynamodb/dynamo-grant-store.ts';
import { DynamoReportStore } from '../src/adapters/dynamodb/dynamo-report-store.ts';
import { systemClock } from '../src/adapters/system-clock.ts';
import { makeAccessReportJob } from '../src/app/jobs/access-report-job.ts';
import type { Log } from '../src/app/ports.ts';
import {
  ARIZE_GRAPHQL_LIMITS,
  DEMO_ADMIN_API_KEY,
  generateLargeSeed,
  type LargeSeedOptions,
  startArizeEmulator,
} from '../src/local/arize-emulator/index.ts';
import { localTable, startLocalDynamo } from '../src/local/dynalite.ts';
import type { Figure } from './figure.ts';

const ACCOUNT: LargeSeedOptions = { users: 10_000, spaces: 1_000, memberships: 100_000 };
/** Arize's REST limit as the other benches model it (none is published): 50 req/s, burst 10. */
const REST_RPS = 50;
const REST_BURST = 10;
const LATENCY_MS = 20;
/** The gateway paces REST a little under the limit, as it is configured in the stack. */
const CLIENT_RPS = 49;

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The fewest GraphQL queries that can read every membership: each space is at least one aliased
 * `spaceUsers` page, each member costs its edge, node, `user` and `customRole` (see
 * `spaceUsersComplexity`), and a query may cost at most the complexity limit.
 */
function graphqlFloor(memberCounts: readonly number[]): number {
  const cost = memberCounts.reduce((sum, n) => sum + spaceUsersComplexity(n), 0);
  return Math.ceil(cost / ARIZE_GRAPHQL_LIMITS.maxComplexity);
}

/**
 * The weekly access report (the scheduled job's code: `makeAccessReportJob` over
 * `collectAccess`, the gateway, DynamoDB parts) over 1,000 spaces, 10,000 users and 100,000
 * memberships, seeded into the emulator directly, at 20 ms latency, a 50 req/s REST limit and
 * Arize's 100 queries/min GraphQL limit. Its time is judged against a lower bound: the REST calls
 * it made ÷ 50/s plus the GraphQL queries any reader needs ÷ 100/min.
 */
export async function benchAccessReport(size: LargeSeedOptions = ACCOUNT): Promise<Figure[]> {
  const seedStarted = performance.now();
  const seed = generateLargeSeed(size);
  const memberCounts = (seed.organizations ?? []).flatMap((o) =>
    (o.spaces ?? []).map((s) => s.members?.length ?? 0),
  );
  const [emulator, dynamo] = await Promise.all([
    startArizeEmulator({ port: 0, seed }),
    startLocalDynamo(),
  ]);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  try {
    const table = localTable(dynamo);
    emulator.setFaults({
      latencyMs: LATENCY_MS,
      // REST only: the GraphQL limit is the emulator's own per-key bucket of 100 queries/min.
      routes: [
        {
          match: { path: '/v2/**' },
          rateLimit: { capacity: REST_BURST, refillPerSecond: REST_RPS, retryAfterSeconds: 1 },
        },
      ],
    });
    const calls = { rest: 0, graphql: 0, limited: 0 };
    const gateway = createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      developerKey: async () => DEMO_ADMIN_API_KEY,
      maxRps: CLIENT_RPS,
      maxConcurrency: 8,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const url = String(input instanceof Request ? input.url : input);
        if (response.status === 429) calls.limited += 1;
        else if (url.includes('/graphql')) calls.graphql += 1;
        else calls.rest += 1;
        return response;
      },
    });
    let csvRows = 0;
    let posted = 0;
    const job = makeAccessReportJob({
      gateway,
      grants: new DynamoGrantStore(table),
      reports: new DynamoReportStore(table, systemClock),
      clock: systemClock,
      concurrency: 8,
      notifier: {
        post: async (channel) => {
          posted += 1;
          return { channel, ts: `${Date.now() / 1000}` };
        },
      },
      files: {
        share: async (file) => {
          csvRows = file.content.split('\n').length - 1;
          return { fileId: 'F0REPORT', channel: 'C0REPORTS' };
        },
      },
      channel: 'C0REPORTS',
      log: silent,
    });
    const scheduledTime = new Date();
    const started = performance.now();
    const outcome = await job({
      scheduledTime,
      deadline: new Date(Date.now() + 30 * 60_000),
      actions: {},
      saveCheckpoint: async () => {},
      postOnce: async (_key, post) => {
        await post();
        return true;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const floor = graphqlFloor(memberCounts);
    const restSeconds = calls.rest / REST_RPS;
    const graphqlSeconds = (floor / ARIZE_GRAPHQL_LIMITS.queriesPerMinute) * 60;
    const bound = restSeconds + graphqlSeconds;
    const memberships = memberCounts.reduce((a, b) => a + b, 0);
    return [
      {
        name: 'access-report-elapsed',
        value: seconds,
        unit: 's',
        details: `${memberCounts.length} spaces, ${size.users} users, ${memberships} memberships (seeded in ${seedSeconds.toFixed(1)} s); ${outcome.state}, ${JSON.stringify(outcome.actions)}; ${posted} message(s), CSV of ${csvRows} row(s)`,
      },
      {
        name: 'access-report-lower-bound',
        value: bound,
        unit: 's',
        details: `${calls.rest} REST calls ÷ ${REST_RPS}/s = ${restSeconds.toFixed(1)} s + ${floor} GraphQL queries (Σ per space 3 + 4 × members ≤ ${ARIZE_GRAPHQL_LIMITS.maxComplexity} complexity each) ÷ ${ARIZE_GRAPHQL_LIMITS.queriesPerMinute}/min = ${graphqlSeconds.toFixed(1)} s`,
      },
      {
        name: 'access-report-vs-bound',
        value: seconds / bound,
        unit: 'x lower bound',
        details: `${seconds.toFixed(1)} s ÷ ${bound.toFixed(1)} s; the report sent ${calls.graphql} GraphQL queries (${floor} needed) and ${calls.rest} REST calls; ${calls.limited} answered 429; ${LATENCY_MS} ms latency`,
      },
    ];
  } finally {
    await Promise.all([emulator.close(), dynamo.close()]);
  }
}
