import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../src/domain/operations/catalogue.ts';
import { itemFor, sectionText, startInvitationHarness } from './invitation-harness.ts';

let h: Awaited<ReturnType<typeof startInvitationHarness>>;
beforeAll(async () => {
  h = await startInvitationHarness();
});
afterAll(async () => h?.harness.close());

/** Each test runs as of its own Monday, so none is "already finished" for another. */
const monday = (n: number) => new Date(Date.UTC(2026, 11, 7 + 7 * n, 9)).toISOString();
const mark = () => h.harness.slack.standin.messages().length;

describe('the invitations job, report mode (the default)', () => {
  it('posts one message: overdue invitations with their age, expired ones with Re-invite; a retry posts nothing', async () => {
    const at = monday(0);
    h.seed(at);
    const from = mark();

    const first = await h.runInvitations(at);
    const retried = await h.runInvitations(at);

    expect(first).toMatchObject({
      state: 'finished',
      actions: { reported: 2, expired: 2, posted: 1 },
    });
    expect(retried.state).toBe('already-finished');
    expect(h.resends()).toEqual([]);
    const posted = h.reportsSince(from);
    expect(posted).toHaveLength(1);
    const [message] = posted;
    if (!message) throw new Error('nothing posted');
    expect(JSON.stringify(message.blocks)).toContain(
      '2 pending 7+ days · 2 expired · 1 invited less than 7 days ago (left alone)',
    );
    expect(sectionText(itemFor(message, 'olga@example.com'))).toContain(
      'invited: 8 days ago (2026-11-29)',
    );
    expect(sectionText(itemFor(message, 'olga@example.com'))).toContain('not resent (report only)');
    expect(sectionText(itemFor(message, 'frank@example.com'))).toContain('2024-01-08');
    expect(itemFor(message, 'rita@example.com')).toBeUndefined();
    expect(itemFor(message, 'olga@example.com')?.accessory).toBeUndefined();
    expect(itemFor(message, 'grace@example.com')?.accessory).toMatchObject({
      action_id: 'run-command-aside',
      text: { text: 'Re-invite' },
      value: 'user invite grace@example.com --name "Grace Expired" --role member',
    });
    expect(h.harness.slack.standin.files()).toHaveLength(0);
  });

  it('Re-invite files the ordinary user invite for the clicker, answered aside; the report stays', async () => {
    const at = monday(1);
    h.seed(at);
    const from = mark();
    await h.runInvitations(at);
    const [report] = h.reportsSince(from);
    if (!report) throw new Error('nothing posted');
    const value = itemFor(report, 'grace@example.com')?.accessory?.value ?? '';

    const ack = await h.click(report, 'run-command-aside', 'U0CAROL01', value);
    const job = h.jobs.at(-1);

    expect(ack?.text).toContain('Running /arize user invite grace@example.com');
    expect(job).toMatchObject({
      kind: 'run-command',
      operationId: 'user.invite',
      args: { email: 'grace@example.com', name: 'Grace Expired', role: 'MEMBER', mode: 'email' },
      requester: { teamId: 'T0LOCAL01', userId: 'U0CAROL01' },
      replyAsNew: true,
    });
    if (!job) throw new Error('no job');
    await h.work(job);
    const grace = (await (
      await fetch(`${h.harness.emulator.url}/v2/users/${await h.userId('grace@example.com')}`, {
        headers: { authorization: `Bearer ${h.harness.env.ARIZE_API_KEY}` },
      })
    ).json()) as { status: string };
    expect(grace.status).toBe('INVITED');
    const answer = h.harness.slack.standin
      .messages()
      .filter((m) => m.user === 'U0CAROL01' && m.ephemeral)
      .at(-1);
    expect(JSON.stringify(answer?.blocks)).toContain('Invited Grace Expired');
    const now = h.harness.slack.standin.messages().find((m) => m.id === report.id);
    expect(now?.blocks).toEqual(report.blocks);
    expect(now?.versions).toHaveLength(0);
  });

  it('Re-invite is decided under the policy at the click: a reader is refused, an admin needs approval', async () => {
    const at = monday(2);
    h.seed(at);
    const from = mark();
    await h.runInvitations(at);
    const [report] = h.reportsSince(from);
    if (!report) throw new Error('nothing posted');
    const jobs = h.jobs.length;

    const refused = await h.click(
      report,
      'run-command-aside',
      'U0DAVE001',
      itemFor(report, 'grace@example.com')?.accessory?.value ?? '',
    );
    expect(JSON.stringify(refused?.blocks)).toContain(
      'You are not allowed to run write commands such as \\"user invite\\"',
    );
    expect(h.jobs).toHaveLength(jobs);

    const admin = itemFor(report, 'adam@example.com')?.accessory?.value ?? '';
    expect(admin).toBe('user invite adam@example.com --name "Adam Lapsed" --role admin');
    const asked = await h.click(report, 'run-command-aside', 'U0CAROL01', admin);
    expect(asked?.text).toContain('Preparing an approval request for /arize user invite');
    expect(h.jobs.at(-1)).toMatchObject({
      kind: 'prepare-approval',
      operationId: 'user.invite',
      args: { email: 'adam@example.com', role: 'ADMIN' },
      requester: { userId: 'U0CAROL01' },
      replyAsNew: true,
    });
  });

  it('hostile names stay inert: plain text in Slack, the same name in the command, a quoted cell in the CSV', async () => {
    const at = monday(3);
    const hostile = '=HYPERLINK("http://evil.example","<!channel> *Mallory*")';
    const injected = 'Eve" --role admin --developer "x';
    const many = Array.from({ length: 11 }, (_, i) => ({
      name: `Lapsed ${String(i).padStart(2, '0')}`,
      email: `lapsed${i}@example.com`,
      status: 'EXPIRED' as const,
      role: 'MEMBER' as const,
      createdAt: '2025-01-01T00:00:00.000Z',
    }));
    h.seed(at, [
      {
        name: hostile,
        email: 'mallory@example.com',
        status: 'INVITED',
        role: 'MEMBER',
        createdAt: '2025-01-01T00:00:00.000Z',
      },
      { name: injected, email: 'eve@example.com', status: 'EXPIRED', role: 'MEMBER' },
      ...many,
    ]);
    const from = mark();

    await h.runInvitations(at);

    const [report] = h.reportsSince(from);
    if (!report) throw new Error('nothing posted');
    const mallory = itemFor(report, 'mallory@example.com');
    expect(mallory?.text).toEqual({
      type: 'plain_text',
      text: `${hostile} <mallory@example.com>`,
      emoji: false,
    });
    expect(report.text).not.toContain('<!channel>');
    const eve = itemFor(report, 'eve@example.com')?.accessory?.value ?? '';
    const parsed = parseCommand(eve, catalogue);
    expect(parsed.ok && parsed.command.args).toEqual({
      email: 'eve@example.com',
      name: injected,
      role: 'MEMBER',
      mode: 'email',
    });
    // 14 expired: 10 shown, the rest counted, every one in the CSV in the message's thread.
    expect(JSON.stringify(report.blocks)).toContain(
      `…and 4 more expired (every one is in arize-invitations-${at.slice(0, 10)}.csv, in the thread)`,
    );
    const csv = h.harness.slack.standin.files().at(-1);
    expect(csv).toMatchObject({ channel: 'C0GENERAL1', threadTs: report.ts });
    const lines = (csv?.content ?? '').trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      '"status","name","email","role","invited","age (days)","outcome","user id"',
    );
    expect(lines).toHaveLength(1 + 3 + 14);
    expect(lines.find((l) => l.includes('mallory@'))).toContain(
      `"'=HYPERLINK(""http://evil.example"",""<!channel> *Mallory*"")"`,
    );
  });
});
