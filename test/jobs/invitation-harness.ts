import { createScheduledHandler } from '../../functions/scheduled.ts';
import { localLambdaContext } from '../../src/local/api-gateway.ts';
import { demoSeed, type EmulatorSeed } from '../../src/local/arize-emulator/index.ts';
import { type Posted, startReviewHarness } from '../reviews/review-harness.ts';

type SeedUser = EmulatorSeed['users'][number];
const dayMs = 86_400_000;

/** The scheduled and slack functions on one dynalite, emulator and stand-in (the review harness). */
export async function startInvitationHarness(env: Record<string, string> = {}) {
  const base = await startReviewHarness({ REPORTS_CHANNEL: 'C0GENERAL1', ...env });
  const { harness } = base;
  /** The invitations job as of `at` (a Lambda with `remainingMs` left). */
  const runInvitations = (at: string, remainingMs = 60_000, continuation = 0) =>
    createScheduledHandler(harness.deps)(
      { job: 'invitations', scheduledTime: at, continuation },
      localLambdaContext('arize-ops-scheduled', remainingMs),
    );
  /**
   * The demo account (Frank INVITED since 2024, Grace EXPIRED) plus Olga invited 8 days before
   * `at`, Rita 2 days before, Adam an EXPIRED admin, and `extra`.
   */
  const seed = (at: string, extra: SeedUser[] = [], account: { samlEnforced?: boolean } = {}) => {
    const demo = demoSeed();
    const before = (days: number) => new Date(Date.parse(at) - days * dayMs).toISOString();
    harness.emulator.seedFrom({
      ...demo,
      account: { ...demo.account, ...account },
      users: [
        ...demo.users,
        {
          name: 'Olga Overdue',
          email: 'olga@example.com',
          status: 'INVITED',
          role: 'MEMBER',
          createdAt: before(8),
        },
        {
          name: 'Rita Recent',
          email: 'rita@example.com',
          status: 'INVITED',
          role: 'MEMBER',
          createdAt: before(2),
        },
        {
          name: 'Adam Lapsed',
          email: 'adam@example.com',
          status: 'EXPIRED',
          role: 'ADMIN',
          createdAt: before(40),
        },
        ...extra,
      ],
    });
  };
  /** The resend-invitation calls Arize got, by user id (the emulator's mutation log). */
  const resends = () =>
    harness.emulator
      .mutations()
      .filter((m) => m.operation === 'resendUserInvitation')
      .map((m) => m.resourceId ?? '');
  /** The user id of an e-mail, read from the emulator. */
  const userId = async (email: string) => {
    const snapshot = (await (
      await fetch(`${harness.emulator.url}/v2/users?email=${encodeURIComponent(email)}`, {
        headers: { authorization: `Bearer ${harness.env.ARIZE_API_KEY}` },
      })
    ).json()) as { users: Array<{ id: string; email: string }> };
    const found = snapshot.users.find((u) => u.email === email);
    if (!found) throw new Error(`no user ${email}`);
    return found.id;
  };
  /** The messages the job posted in the reports channel since `from` (an index). */
  const reportsSince = (from: number) =>
    harness.slack.standin
      .messages()
      .slice(from)
      .filter((m) => m.channel === 'C0GENERAL1' && !m.ephemeral);
  return { ...base, runInvitations, seed, resends, userId, reportsSince };
}

interface Element {
  type: string;
  action_id?: string;
  value?: string;
  text?: { text: string };
}
interface Section {
  type: string;
  text?: { type: string; text: string };
  fields?: Array<{ type: string; text: string }>;
  accessory?: Element;
}

/** The message's item for `email`: its section, and the button beside it if any. */
export function itemFor(message: Posted, email: string): Section | undefined {
  return (message.blocks as Section[]).find(
    (block) => block.type === 'section' && block.text?.text.includes(`<${email}>`),
  );
}

/** Everything a section shows, as one string. */
export const sectionText = (section: Section | undefined): string =>
  [section?.text?.text, ...(section?.fields ?? []).map((f) => f.text)].join(' | ');
