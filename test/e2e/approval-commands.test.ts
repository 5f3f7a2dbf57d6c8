import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../src/local/local-stack.ts';
import { shownText, stackClient } from '../support/stack-client.ts';

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'SILENT',
    visibilityTimeoutMs: 5000,
  });
  client = stackClient(stack);
});
afterAll(async () => stack.close());

/** The worker's reply (through a response URL) that shows `includes`. */
const replyShowing = (includes: string) =>
  client.waitFor((all) =>
    all.find((m) => m.source === 'response_url' && shownText(m).includes(includes)),
  );

describe('approvals, cancel and audit on the local stack', () => {
  it('lists a pending request, lets only its requester cancel it, and audits both', async () => {
    await client.command('space delete staging --reason cleanup', 'U0ALICE01');
    const posted = await client.waitFor((all) =>
      all.find((m) => m.channel === 'C0APPROVE1' && m.source === 'chat.postMessage'),
    );
    const requestId = /R[0-9A-F]{12}/.exec(shownText(posted))?.[0];
    expect(requestId).toBeDefined();

    await client.command('approvals --mine', 'U0ALICE01');
    await replyShowing(`${requestId}: /arize space delete staging`);

    await client.command(`cancel ${requestId}`, 'U0CAROL01');
    await replyShowing('Only the requester can cancel it.');

    await client.command(`cancel ${(requestId as string).toLowerCase()}`, 'U0ALICE01');
    await replyShowing(`${requestId}: Cancelled: nothing will run.`);
    const redrawn = await client.waitFor((all) =>
      all.find((m) => m.id === posted.id && /cancelled/i.test(shownText(m))),
    );
    expect(redrawn.channel).toBe('C0APPROVE1');

    await client.command('approvals', 'U0BOB0001');
    await replyShowing('No request is waiting for approval.');

    await client.command('audit --since 1d', 'U0DAVE001');
    const trail = await replyShowing('arize-ops audit trail');
    expect(shownText(trail)).toContain(`requested · request ${requestId}`);
    expect(shownText(trail)).toContain(`cancelled · request ${requestId}`);
    expect((stack.emulator?.mutations() ?? []).filter((m) => m.method === 'DELETE')).toEqual([]);
  });

  it("reads Arize's own audit log with --arize", async () => {
    await client.command('space create audited-space --org "Acme ML"', 'U0CAROL01');
    await client.waitFor((all) => all.find((m) => shownText(m).includes('audited-space')));
    await client.command('audit --arize --since 1d', 'U0DAVE001');
    const log = await replyShowing('Arize audit log');

    expect(shownText(log)).toContain('createSpace');
  });
});
