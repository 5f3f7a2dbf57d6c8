import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createScheduledHandler } from '../../functions/scheduled.ts';
import { DynamoAccessReviewStore } from '../../src/adapters/dynamodb/dynamo-access-review-store.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { startReviewHarness, textOf } from './review-harness.ts';

let h: Awaited<ReturnType<typeof startReviewHarness>>;
const dayMs = 86_400_000;
const opened = new Date(Date.now() - 3_600_000);
const deadline = new Date(opened.getTime() + 14 * dayMs);

const follow = (at: Date) =>
  createScheduledHandler(h.harness.deps)(
    { job: 'access-review-deadlines', scheduledTime: at.toISOString(), continuation: 0 },
    localLambdaContext('arize-ops-scheduled', 60_000),
  );

beforeAll(async () => {
  h = await startReviewHarness();
  const run = await h.runJob(opened.toISOString());
  if (run.state !== 'finished') throw new Error(`the reviews did not open: ${run.state}`);
});
afterAll(async () => h?.harness.close());

describe('an access review that stopped after its deadline report, before it was closed', () => {
  it("is closed by the next day's run without its report or CSV posted again", async () => {
    const [first] = await h.reviews.listOpen();
    if (!first) throw new Error('no open review');
    const reports = () =>
      h.harness.slack.standin
        .messages()
        .filter(
          (m) =>
            textOf(m).includes(`Access review ${first.id} of`) && textOf(m).includes('is over'),
        );
    const csvs = () =>
      h.harness.slack.standin
        .files()
        .filter((f) => f.filename.startsWith(`access-review-${first.id}`));
    // The run dies between posting and closing (as a timed-out Lambda would).
    const close = vi
      .spyOn(DynamoAccessReviewStore.prototype, 'close')
      .mockRejectedValueOnce(new Error('the invocation ended here'));

    const stopped = await follow(new Date(deadline.getTime() + 60_000)).catch((e: Error) => e);
    close.mockRestore();
    expect(reports()).toHaveLength(1);
    expect(csvs()).toHaveLength(1);
    expect((await h.reviews.listOpen()).map((r) => r.id)).toContain(first.id);

    const nextDay = await follow(new Date(deadline.getTime() + dayMs));

    expect(stopped).toBeDefined();
    expect(nextDay.state).toBe('finished');
    expect(await h.reviews.listOpen()).toEqual([]);
    expect(reports()).toHaveLength(1);
    expect(csvs()).toHaveLength(1);
  });
});
