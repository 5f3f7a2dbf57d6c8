import { pathToFileURL } from 'node:url';
import { createArizeGateway } from '../src/adapters/arize/arize-gateway.ts';
import type { MembershipOutcome } from '../src/app/ports.ts';
import { silenceArizePrereleaseWarning } from '../src/config.ts';
import {
  DEMO_ADMIN_API_KEY,
  DEMO_ADMIN_EMAIL,
  type EmulatorSeed,
  startArizeEmulator,
} from '../src/local/arize-emulator/index.ts';
import type { Figure } from './figure.ts';

const USERS = 20;
const SPACES = 25;
const LIMIT_RPS = 50;
/** The server's bucket holds 10 requests (a fifth of a second), refilled at 50/s. */
const SERVER_BURST = 10;
const LATENCY_MS = 20;
const SEQUENTIAL_SAMPLE = 100;
/** The client paces a little under the limit, so its own jitter never trips the server's bucket. */
const CLIENT_RPS = 49;

/** One org, 25 spaces without members, 20 users already in the org (space adds need that). */
function benchSeed(): EmulatorSeed {
  const emails = Array.from({ length: USERS }, (_, i) => `bench${i}@example.com`);
  return {
    adminEmail: DEMO_ADMIN_EMAIL,
    users: [
      { name: 'arize-ops bot', email: DEMO_ADMIN_EMAIL, role: 'ADMIN', isDeveloper: true },
      ...emails.map((email, i) => ({ name: `Bench User ${i}`, email, role: 'MEMBER' as const })),
    ],
    organizations: [
      {
        name: 'Bench Org',
        members: emails.map((email) => ({ email, role: 'MEMBER' as const })),
        spaces: Array.from({ length: SPACES }, (_, i) => ({ name: `bench-space-${i}` })),
      },
    ],
  };
}

interface Run {
  outcomes: MembershipOutcome[];
  elapsedMs: number;
  statuses: Map<number, number>;
  /** Memberships the emulator recorded during the run. */
  created: number;
}

async function run(
  url: string,
  pairs: Array<{ userId: string; spaceId: string }>,
  options: { maxRps: number; concurrency: number },
): Promise<Run> {
  const statuses = new Map<number, number>();
  const gateway = createArizeGateway({
    baseUrl: url,
    appUrl: url,
    apiKey: async () => DEMO_ADMIN_API_KEY,
    maxRps: options.maxRps,
    maxConcurrency: options.concurrency,
    bulkConcurrency: options.concurrency,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return response;
    },
  });
  const started = performance.now();
  const outcomes = await gateway.upsertSpaceMemberships(pairs, 'MEMBER');
  const elapsedMs = performance.now() - started;
  return { outcomes, elapsedMs, statuses, created: 0 };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const describeStatuses = (m: Map<number, number>) =>
  [...m].map(([status, count]) => `${count}×${status}`).join(', ');

/**
 * 500 space-membership upserts (20 users × 25 spaces) against the emulator with 20 ms latency
 * and a 50 req/s limit (token bucket of 10, refilled at 50/s, `Retry-After: 1`), next to a
 * sequential baseline measured on 100 upserts and extrapolated to 500.
 */
export async function benchBulkUpserts(): Promise<Figure[]> {
  const emulator = await startArizeEmulator({ port: 0, seed: benchSeed() });
  try {
    const setup = createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      maxRps: 500,
    });
    const users: string[] = [];
    for await (const u of setup.iterateUsers({ email: '@example.com' })) {
      if (u.email.startsWith('bench')) users.push(u.id);
    }
    const spaces: string[] = [];
    for await (const s of setup.iterateSpaces({ name: 'bench-space-' })) spaces.push(s.id);
    if (users.length !== USERS || spaces.length !== SPACES) {
      throw new Error(`bench seed has ${users.length} users and ${spaces.length} spaces`);
    }
    const pairs = users.flatMap((userId) => spaces.map((spaceId) => ({ userId, spaceId })));
    const faults = {
      latencyMs: LATENCY_MS,
      rateLimit: { capacity: SERVER_BURST, refillPerSecond: LIMIT_RPS, retryAfterSeconds: 1 },
    };

    emulator.setFaults(faults);
    const sequential = await run(emulator.url, pairs.slice(0, SEQUENTIAL_SAMPLE), {
      maxRps: 1_000,
      concurrency: 1,
    });
    const sequentialRps = (SEQUENTIAL_SAMPLE / sequential.elapsedMs) * 1000;

    emulator.reset();
    emulator.setFaults(faults); // a fresh, full server bucket and no memberships yet
    const bulk = await run(emulator.url, pairs, { maxRps: CLIENT_RPS, concurrency: 8 });
    bulk.created = emulator.mutations().filter((m) => m.operation === 'addSpaceUser').length;
    emulator.reset();
    emulator.setFaults(faults);
    // The same job with the client set at twice the real limit: 429s slow it, nothing fails.
    const over = await run(emulator.url, pairs, { maxRps: 2 * LIMIT_RPS, concurrency: 8 });
    const overFailures = over.outcomes.filter((o) => !o.ok).length;
    const overRps = (pairs.length / over.elapsedMs) * 1000;

    const failures = bulk.outcomes.filter((o) => !o.ok).length;
    const rps = (pairs.length / bulk.elapsedMs) * 1000;
    const share = (rps / LIMIT_RPS) * 100;
    const created = bulk.created;
    const seconds = bulk.elapsedMs / 1000;
    const common = `${LIMIT_RPS} req/s limit, ${LATENCY_MS} ms latency`;
    return [
      {
        name: 'bulk-upserts-share-of-limit',
        value: share,
        unit: '% of limit',
        budget: 90,
        ok: share >= 90,
        details: `${pairs.length} upserts in ${fmt(seconds, 2)} s = ${fmt(rps)} req/s; ${common}; responses ${describeStatuses(bulk.statuses)}`,
      },
      {
        name: 'bulk-upserts-failures',
        value: failures,
        unit: 'failures',
        budget: 0,
        ok: failures === 0 && created === pairs.length,
        details: `${created} memberships recorded by the emulator for ${pairs.length} pairs`,
      },
      {
        name: 'bulk-upserts-elapsed',
        value: seconds,
        unit: 's',
        budget: 11.2,
        ok: seconds <= 11.2,
        details: `500 at the limit would take ${fmt(pairs.length / LIMIT_RPS)} s`,
      },
      {
        name: 'bulk-upserts-sequential-baseline',
        value: sequentialRps,
        unit: 'req/s',
        details: `one at a time: ${SEQUENTIAL_SAMPLE} upserts in ${fmt(sequential.elapsedMs / 1000, 2)} s, extrapolated to ${fmt(pairs.length / sequentialRps)} s for ${pairs.length}`,
      },
      {
        name: 'bulk-upserts-client-over-limit',
        value: (overRps / LIMIT_RPS) * 100,
        unit: '% of limit',
        ok: overFailures === 0,
        details: `client misconfigured at ${2 * LIMIT_RPS} req/s: ${fmt(over.elapsedMs / 1000, 2)} s, ${overFailures} failures, responses ${describeStatuses(over.statuses)} (the rate halves on a 429 and climbs back)`,
      },
      {
        name: 'bulk-upserts-rate-limit',
        value: LIMIT_RPS,
        unit: 'req/s',
        details: `emulator token bucket of ${SERVER_BURST} refilled at ${LIMIT_RPS}/s, Retry-After: 1; client paced at ${CLIENT_RPS} req/s (burst 5)`,
      },
    ];
  } finally {
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  silenceArizePrereleaseWarning();
  benchBulkUpserts().then(
    (figures) => {
      for (const f of figures) {
        const mark = f.ok === false ? 'MISS' : 'ok  ';
        const budget = f.budget !== undefined ? ` (budget ${f.budget})` : '';
        console.log(
          `${mark} ${f.name.padEnd(34)} ${f.value.toFixed(2).padStart(8)} ${f.unit}${budget}  ${f.details ?? ''}`,
        );
      }
      process.exitCode = figures.some((f) => f.ok === false) ? 1 : 0;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
