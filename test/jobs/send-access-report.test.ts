import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArizeGateway } from '../../src/adapters/arize/arize-gateway.ts';
import type { FileDestination, PostedMessage, SharedFile } from '../../src/app/ports.ts';
import { makeSendAccessReport } from '../../src/app/reports/send-access-report.ts';
import type { Reply } from '../../src/domain/reply.ts';
import {
  type ArizeEmulator,
  DEMO_ADMIN_API_KEY,
  startArizeEmulator,
} from '../../src/local/arize-emulator/index.ts';
import { MemoryReportStore } from '../support/memory-report-store.ts';

let emulator: ArizeEmulator;
const now = new Date('2026-12-07T09:30:00.000Z');

beforeAll(async () => {
  emulator = await startArizeEmulator({ port: 0 });
});
afterAll(() => emulator.close());

/** The use case on the emulator, with what it posted and shared recorded. */
function setUp(budgetMs?: number) {
  const posts: Array<{ channel: string; reply: Reply }> = [];
  const shared: Array<{ file: SharedFile; to: FileDestination }> = [];
  const reports = new MemoryReportStore();
  const send = makeSendAccessReport({
    gateway: createArizeGateway({
      baseUrl: emulator.url,
      appUrl: emulator.url,
      apiKey: async () => DEMO_ADMIN_API_KEY,
      developerKey: async () => DEMO_ADMIN_API_KEY,
    }),
    grants: { listActive: async () => [] },
    reports,
    clock: { now: () => now },
    notifier: {
      post: async (channel, reply): Promise<PostedMessage> => {
        posts.push({ channel, reply });
        return { channel: 'D0CAROL01', ts: '1765100000.000100' };
      },
    },
    files: {
      share: async (file, to) => {
        shared.push({ file, to });
        return { fileId: 'F1', channel: 'D0CAROL01' };
      },
    },
    ...(budgetMs === undefined ? {} : { budgetMs }),
  });
  return { send, posts, shared, reports };
}

describe('makeSendAccessReport', () => {
  it('compares the account with the last weekly report and leaves that snapshot alone', async () => {
    const { send, posts, shared, reports } = setUp();
    const weekly = { at: '2026-11-30T08:00:00.000Z', totals: { memberships: 20 } };
    await reports.saveSnapshot('account', weekly.at, weekly);

    const sent = await send({ userId: 'U0CAROL01', runId: 'job-1' });

    expect(sent).toEqual({
      channel: 'D0CAROL01',
      csvName: 'arize-access-2026-12-07.csv',
      spaces: 5,
      memberships: 25,
    });
    expect(posts.map((p) => p.channel)).toEqual(['U0CAROL01']);
    expect(JSON.stringify(posts[0]?.reply)).toContain('change since 2026-11-30');
    expect(JSON.stringify(posts[0]?.reply)).toContain('Space memberships (+5)');
    expect(shared.map((s) => s.to)).toEqual([
      { kind: 'thread', channel: 'D0CAROL01', threadTs: '1765100000.000100' },
    ]);
    expect(await reports.lastSnapshot('account')).toEqual(weekly);
  });

  it('refuses an account too large for its time with what it read and what to do instead', async () => {
    const { send, posts, shared } = setUp(0);

    const refused = send({ userId: 'U0CAROL01', runId: 'job-2' });

    await expect(refused).rejects.toMatchObject({
      code: 'COMMAND.USAGE',
      message:
        'The account is too large for an access report on demand: 0 of 5 spaces were read in the time a command has.',
      hint: 'Ask for one organization with --org ORG, or read the weekly report.',
    });
    expect(posts).toHaveLength(0);
    expect(shared).toHaveLength(0);
  });
});
