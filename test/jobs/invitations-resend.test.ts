import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoJobRunLedger } from '../../src/adapters/dynamodb/dynamo-job-run-ledger.ts';
import { itemFor, sectionText, startInvitationHarness } from './invitation-harness.ts';

let h: Awaited<ReturnType<typeof startInvitationHarness>>;
beforeAll(async () => {
  h = await startInvitationHarness({ INVITATION_MODE: 'resend' });
});
afterAll(async () => h?.harness.close());
beforeEach(() => h.harness.emulator.setFaults({}));

const monday = (n: number) => new Date(Date.UTC(2027, 0, 4 + 7 * n, 9)).toISOString();
const mark = () => h.harness.slack.standin.messages().length;
const sorted = (ids: string[]) => [...ids].sort();

describe('the invitations job, resend mode', () => {
  it('resends each overdue invitation once, leaves recent ones alone; a retried invocation resends and posts nothing', async () => {
    const at = monday(0);
    h.seed(at);
    const from = mark();

    const first = await h.runInvitations(at);
    const retried = await h.runInvitations(at);

    expect(first).toMatchObject({
      state: 'finished',
      actions: { resent: 2, expired: 2, posted: 1 },
    });
    expect(retried).toMatchObject({ state: 'already-finished', actions: { resent: 2 } });
    expect(sorted(h.resends())).toEqual(
      sorted([await h.userId('frank@example.com'), await h.userId('olga@example.com')]),
    );
    const posted = h.reportsSince(from);
    expect(posted).toHaveLength(1);
    const [message] = posted;
    if (!message) throw new Error('nothing posted');
    expect(sectionText(itemFor(message, 'olga@example.com'))).toContain('invitation resent');
    expect(JSON.stringify(message.blocks)).toContain(
      '2 resent · 0 not resent · 2 expired · 1 invited less than 7 days ago (left alone)',
    );
  });

  it('a 400 on one resend is reported for that user, with the reason, and the others are resent', async () => {
    const at = monday(1);
    h.seed(at);
    const frank = await h.userId('frank@example.com');
    h.harness.emulator.setFaults({
      routes: [
        {
          match: {
            method: 'POST',
            path: `/v2/users/${encodeURIComponent(frank)}/resend-invitation`,
          },
          errorRate: 1,
          errorStatus: 400,
        },
      ],
    });
    const from = mark();

    const result = await h.runInvitations(at);

    expect(result).toMatchObject({ state: 'finished', actions: { resent: 1, 'not-resent': 1 } });
    expect(h.resends()).toEqual([await h.userId('olga@example.com')]);
    const [message] = h.reportsSince(from);
    if (!message) throw new Error('nothing posted');
    expect(sectionText(itemFor(message, 'frank@example.com'))).toContain(
      'not resent: Arize rejected the request to resend the invitation',
    );
    expect(sectionText(itemFor(message, 'olga@example.com'))).toContain('invitation resent');
  });

  it('with SAML login enforced every overdue invitation is reported not resent, with Arize’s reason', async () => {
    const at = monday(2);
    h.seed(at, [], { samlEnforced: true });
    const from = mark();

    const result = await h.runInvitations(at);

    expect(result).toMatchObject({ state: 'finished', actions: { 'not-resent': 2 } });
    expect(h.resends()).toEqual([]);
    const [message] = h.reportsSince(from);
    if (!message) throw new Error('nothing posted');
    for (const email of ['frank@example.com', 'olga@example.com']) {
      expect(sectionText(itemFor(message, email))).toContain('SAML/IdP login is enforced');
    }
  });

  it('when Arize fails partway the channel is told what was covered; the retry asks nobody twice and posts once', async () => {
    const at = monday(3);
    h.seed(at);
    const olga = await h.userId('olga@example.com');
    h.harness.emulator.setFaults({
      routes: [
        {
          match: {
            method: 'POST',
            path: `/v2/users/${encodeURIComponent(olga)}/resend-invitation`,
          },
          errorRate: 1,
          errorStatus: 503,
        },
      ],
    });
    const from = mark();

    await expect(h.runInvitations(at)).rejects.toThrow();
    h.harness.emulator.setFaults({});
    const retried = await h.runInvitations(at);

    expect(retried).toMatchObject({ state: 'finished', actions: { resent: 1, 'not-resent': 1 } });
    // Frank (oldest) was resent before Olga's failed; Olga's 503 is her outcome, never retried.
    expect(h.resends()).toEqual([await h.userId('frank@example.com')]);
    const posted = h.reportsSince(from);
    expect(posted).toHaveLength(2);
    const [failure, report] = posted;
    expect(JSON.stringify(failure?.blocks)).toContain(
      `The invitations run of ${at} stopped: Arize`,
    );
    expect(JSON.stringify(failure?.blocks)).toContain('Covered so far: 2 of 2 due invitation(s)');
    if (!report) throw new Error('no report');
    expect(sectionText(itemFor(report, 'olga@example.com'))).toContain('not resent: Arize');
  });

  it('a run cut off by its time continues from its checkpoint and resends each invitation once', async () => {
    const at = monday(4);
    const overdue = Array.from({ length: 6 }, (_, i) => ({
      name: `Pat ${i}`,
      email: `pat${i}@example.com`,
      status: 'INVITED' as const,
      role: 'MEMBER' as const,
      createdAt: '2025-06-01T00:00:00.000Z',
    }));
    h.seed(at, overdue);
    // Each resend takes 80 ms and the run keeps 10 s of its 10.1 s for itself: a few fit.
    h.harness.emulator.setFaults({
      routes: [{ match: { operation: 'resendUserInvitation' }, latencyMs: 80 }],
    });
    const from = mark();

    const states: string[] = [];
    let continuation = 0;
    for (; continuation < 20; continuation += 1) {
      const result = await h.runInvitations(at, 10_100, continuation);
      states.push(result.state);
      if (result.state === 'finished') break;
    }

    expect(states.at(0)).toBe('continued');
    expect(states.at(-1)).toBe('finished');
    expect(h.continued.length).toBeGreaterThan(0);
    const resent = h.resends();
    expect(resent).toHaveLength(8);
    expect(new Set(resent).size).toBe(8);
    expect(h.reportsSince(from)).toHaveLength(1);
  });

  it('an invitation an earlier try asked for, whose answer was lost, is never asked again', async () => {
    const at = monday(5);
    h.seed(at);
    const frank = await h.userId('frank@example.com');
    // What a try killed between marking Frank's resend and saving Arize's answer leaves behind.
    const ledger = new DynamoJobRunLedger(h.harness.table, { now: () => new Date() });
    const run = { job: 'invitations', scheduledTime: new Date(at) };
    await ledger.claim(run, new Date(Date.now() - 1000), { rerun: false });
    expect(await ledger.markPosted(run, `resend-${frank}`)).toBe(true);
    const from = mark();

    const result = await h.runInvitations(at);

    expect(result).toMatchObject({ state: 'finished', actions: { resent: 1, 'not-resent': 1 } });
    expect(h.resends()).toEqual([await h.userId('olga@example.com')]);
    const [message] = h.reportsSince(from);
    if (!message) throw new Error('nothing posted');
    expect(sectionText(itemFor(message, 'frank@example.com'))).toContain(
      'an earlier try of this run asked Arize and its answer was lost; not asked again',
    );
  });
});
