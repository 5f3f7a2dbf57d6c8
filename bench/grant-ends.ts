import { createArizeGateway } from '../src/adapters/arize/arize-gateway.ts';
import { DynamoAuditLog } from '../src/adapters/dynamodb/dynamo-audit-log.ts';
import { DynamoGrantStore } from '../src/adapters/dynamodb/dynamo-grant-store.ts';
import { systemClock } from '../src/adapters/system-clock.ts';
import { makeEndGrants } from '../src/app/grants/end-grants.ts';
import { makeGrantNews } from '../src/app/grants/grant-news.ts';
import type { Log } from '../src/app/ports.ts';
import { type Grant, grantIdOf } from '../src/domain/grants/grant.ts';
import {
  DEMO_ADMIN_API_KEY,
  DEMO_ADMIN_EMAIL,
  type EmulatorSeed,
  startArizeEmulator,
} from '../src/local/arize-emulator/index.ts';
import { localTable, startLocalDynamo } from '../src/local/dynalite.ts';
import type { Figure } from './figure.ts';

const SPACES = 20;
const PER_SPACE = 50;
const GRANTS = SPACES * PER_SPACE;
/** Arize's REST limit as the bulk bench models it: a bucket of 10 refilled at 50 req/s. */
const LIMIT_RPS = 50;
const SERVER_BURST = 10;
const LATENCY_MS = 20;
/** The gateway paces a little under the limit, as it is configured in the stack. */
const CLIENT_RPS = 49;

const silent: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** One org, 20 spaces of 50 members each: every member holds a time-bound MEMBER grant. */
function benchSeed(): EmulatorSeed {
  const email = (i: number) => `grantee${i}@example.com`;
  return {
    adminEmail: DEMO_ADMIN_EMAIL,
    users: [
      { name: 'arize-ops bot', email: DEMO_ADMIN_EMAIL, role: 'ADMIN', isDeveloper: true },
      ...Array.from({ length: GRANTS }, (_, i) => ({
        name: `Grantee ${i}`,
        email: email(i),
        role: 'MEMBER' as const,
      })),
    ],
    organizations: [
      {
        name: 'Bench Org',
        members: Array.from({ length: GRANTS }, (_, i) => ({
          email: email(i),
          role: 'MEMBER' as const,
        })),
        spaces: Array.from({ length: SPACES }, (_, s) => ({
          name: `grant-space-${s}`,
          members: Array.from({ length: PER_SPACE }, (_, j) => ({
            email: email(s * PER_SPACE + j),
            role: 'MEMBER' as const,
          })),
        })),
      },
    ],
  };
}

/**
 * 1,000 time-bound grants (20 spaces × 50 members, each granted MEMBER from "not a member") all
 * ending in the same minute, ended by one run of the `grant-ends` job on dynalite and the
 * emulator at 20 ms latency and a 50 req/s limit: every grant claimed, its membership removed
 * (the emulator's mutation log), audited and ENDED, inside the minute and near the rate limit.
 */
export async function benchGrantEnds(): Promise<Figure[]> {
  const [emulator, dynamo] = await Promise.all([
    startArizeEmulator({ port: 0, seed: benchSeed() }),
    startLocalDynamo(),
  ]);
  try {
    const table = localTable(dynamo);
    const store = new DynamoGrantStore(table);
    const setup = createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      maxRps: 1_000,
    });
    const users = new Map<string, string>();
    for await (const u of setup.iterateUsers({ email: 'grantee' })) users.set(u.email, u.id);
    const spaces: { id: string; name: string }[] = [];
    for await (const s of setup.iterateSpaces({ name: 'grant-space-' })) spaces.push(s);
    spaces.sort((a, b) => Number(a.name.split('-').pop()) - Number(b.name.split('-').pop()));
    if (users.size !== GRANTS || spaces.length !== SPACES) {
      throw new Error(`bench seed has ${users.size} users and ${spaces.length} spaces`);
    }

    const endsAt = new Date(Date.now() - 1_000);
    const startsAt = new Date(endsAt.getTime() - 3_600_000).toISOString();
    const grants: Grant[] = spaces.flatMap((space, s) =>
      Array.from({ length: PER_SPACE }, (_, j) => {
        const email = `grantee${s * PER_SPACE + j}@example.com`;
        const arizeUserId = users.get(email) as string;
        return {
          id: grantIdOf('RBENCH', arizeUserId, space.id),
          status: 'ACTIVE' as const,
          version: 1,
          subject: {
            arizeUserId,
            email,
            slackUserId: `U0G${String(s * PER_SPACE + j).padStart(6, '0')}`,
          },
          spaceId: space.id,
          spaceName: space.name,
          role: 'MEMBER' as const,
          previous: { kind: 'none' as const },
          startsAt,
          endsAt: endsAt.toISOString(),
          requestId: 'RBENCH',
          requesterUserId: 'U0ALICE01',
          warnedAt: startsAt,
          history: [],
        };
      }),
    );
    for (let i = 0; i < grants.length; i += 25) {
      await Promise.all(grants.slice(i, i + 25).map((g) => store.create(g)));
    }

    emulator.setFaults({
      latencyMs: LATENCY_MS,
      rateLimit: { capacity: SERVER_BURST, refillPerSecond: LIMIT_RPS, retryAfterSeconds: 1 },
    });
    const statuses = new Map<number, number>();
    const gateway = createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      developerKey: async () => DEMO_ADMIN_API_KEY,
      maxRps: CLIENT_RPS,
      maxConcurrency: 8,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        return response;
      },
    });
    let told = 0;
    const phases: Record<string, number> = {};
    const mark = (name: string) => {
      phases[name] ??= performance.now();
    };
    const timed: typeof gateway = {
      ...gateway,
      listSpaceMembersMany: async (ids) => {
        mark('read');
        const read = await gateway.listSpaceMembersMany(ids);
        mark('read-done');
        return read;
      },
      removeSpaceUser: async (spaceId, userId) => {
        mark('revoke');
        return gateway.removeSpaceUser(spaceId, userId);
      },
    };
    const endGrants = makeEndGrants({
      store,
      gateway: timed,
      audit: new DynamoAuditLog(table),
      news: makeGrantNews({
        messenger: {
          direct: async () => {
            told += 1;
          },
          thread: async () => {},
        },
        log: silent,
        clock: systemClock,
      }),
      clock: systemClock,
      log: silent,
      leaseMs: 2 * 60_000,
      maxClaims: 3,
      concurrency: 8,
    });
    const before = emulator.mutations().length;
    const started = performance.now();
    const outcome = await endGrants({ scheduledTime: new Date(), remainingMs: 60_000 });
    const seconds = (performance.now() - started) / 1000;
    const at = (mark: number | undefined) =>
      `${(((mark ?? started) - started) / 1000).toFixed(2)} s`;
    const split = `roles read ${at(phases.read)}–${at(phases['read-done'])}, claims alongside; first revocation at ${at(phases.revoke)}, last done at ${seconds.toFixed(2)} s`;
    const removed = emulator
      .mutations()
      .slice(before)
      .filter((m) => m.operation === 'removeSpaceUser').length;
    const ended = (await store.listActive()).length === 0 ? (outcome.actions.ended ?? 0) : 0;
    const failures = GRANTS - ended;
    const share = (removed / seconds / LIMIT_RPS) * 100;
    const responses = [...statuses].map(([status, n]) => `${n}×${status}`).join(', ');
    return [
      {
        name: 'grant-ends-1000-elapsed',
        value: seconds,
        unit: 's',
        details: `${GRANTS} grants due in one minute, one run: ${JSON.stringify(outcome.actions)}; ${split}; ${told} subjects told; responses ${responses}`,
      },
      {
        name: 'grant-ends-share-of-limit',
        value: share,
        unit: '% of limit',
        details: `${removed} memberships removed in ${seconds.toFixed(2)} s = ${(removed / seconds).toFixed(1)} req/s; ${LIMIT_RPS} req/s limit, ${LATENCY_MS} ms latency; at the limit ${GRANTS / LIMIT_RPS} s`,
      },
      {
        name: 'grant-ends-failures',
        value: failures,
        unit: 'failures',
        details: `${ended} ENDED, none left ACTIVE or ENDING; the emulator recorded ${removed} removals`,
      },
    ];
  } finally {
    await Promise.all([emulator.close(), dynamo.close()]);
  }
}
