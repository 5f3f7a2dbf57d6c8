import * as z from 'zod';
import type { AccountRole } from '../arize.ts';
import { type CsvCell, toCsv } from '../csv.ts';
import { formatCommand } from '../grammar/format-command.ts';
import { userInvite } from '../operations/user-invite-operations.ts';
import type { ListItem, Reply } from '../reply.ts';

/** What the invitations job does with invitations pending for too long. */
export const invitationModes = ['report', 'resend'] as const;
export type InvitationMode = (typeof invitationModes)[number];

/** The two settings of the job, one schema each for the stack's context and the function's env. */
export const invitationSettings = {
  mode: z.enum(invitationModes, { error: 'report (the default) or resend' }).default('report'),
  resendAfterDays: z.coerce
    .number({ error: 'a whole number of days from 1 to 365' })
    .int('a whole number of days from 1 to 365')
    .min(1, 'a whole number of days from 1 to 365')
    .max(365, 'a whole number of days from 1 to 365')
    .default(7),
};

/** An INVITED or EXPIRED user, as the job read it from Arize. */
export interface PendingInvitation {
  id: string;
  name: string;
  email: string;
  status: 'INVITED' | 'EXPIRED';
  createdAt: string;
  /** The account role, or a custom role's name (which `user invite` cannot give). */
  role: AccountRole | { custom: string };
}

/** What became of one invitation pending for too long. */
export type InvitedOutcome =
  | { kind: 'resent' }
  | { kind: 'reported' }
  | { kind: 'not-resent'; reason: string };

/** Everything one run of the invitations job says, as of its scheduled time. */
export interface InvitationFacts {
  at: string;
  mode: InvitationMode;
  resendAfterDays: number;
  /** INVITED users pending for `resendAfterDays` or more, with what became of each. */
  due: ReadonlyArray<PendingInvitation & { outcome: InvitedOutcome }>;
  /** INVITED users invited more recently: counted, left alone. */
  recent: number;
  expired: readonly PendingInvitation[];
}

const dayMs = 86_400_000;

/** Whole days from the invitation to `at`. */
export const ageInDays = (user: Pick<PendingInvitation, 'createdAt'>, at: string): number =>
  Math.max(0, Math.floor((Date.parse(at) - Date.parse(user.createdAt)) / dayMs));

/** Whether an INVITED user has waited long enough to be reported or resent. */
export const isDue = (user: Pick<PendingInvitation, 'createdAt'>, at: string, days: number) =>
  Date.parse(at) - Date.parse(user.createdAt) >= days * dayMs;

/**
 * The `user invite` that re-creates an EXPIRED user (same e-mail, name and role: Arize answers
 * 201 with a new invitation), typed as a person would type it; undefined for a custom role,
 * which `user invite` cannot give.
 */
export function reinviteCommand(user: PendingInvitation): string | undefined {
  if (typeof user.role !== 'string') return undefined;
  return formatCommand(userInvite, { email: user.email, name: user.name, role: user.role });
}

/** Lines of each kind shown in the message; the CSV has every one. */
export const shownPerKind = 10;

const outcomeText = (outcome: InvitedOutcome): string =>
  outcome.kind === 'resent'
    ? 'invitation resent'
    : outcome.kind === 'reported'
      ? 'not resent (report only)'
      : `not resent: ${outcome.reason}`;

const roleText = (role: PendingInvitation['role']) =>
  typeof role === 'string' ? role.toLowerCase() : `${role.custom} (custom)`;

/** Whether the message leaves some out, so the full list goes in its thread as a CSV. */
export const needsCsv = (facts: InvitationFacts): boolean =>
  kinds(facts).some(([, items]) => items.length > shownPerKind);

/** The message's lines, by kind: not resent first (they need someone), expired last. */
function kinds(facts: InvitationFacts): Array<[label: string, items: ListItem[]]> {
  const by = (kind: InvitedOutcome['kind']) =>
    facts.due.filter((u) => u.outcome.kind === kind).map((u) => dueItem(u, facts.at));
  return [
    ['not resent', by('not-resent')],
    ['resent', by('resent')],
    ['reported', by('reported')],
    ['expired', facts.expired.map(expiredItem)],
  ];
}

/** Counts of the run in one line, e.g. "2 resent · 1 not resent · 3 expired". */
export function countsText(facts: InvitationFacts): string {
  const [failed, resent, reported, expired] = kinds(facts).map(([, items]) => items.length);
  return [
    ...(facts.mode === 'resend' ? [`${resent} resent`, `${failed} not resent`] : []),
    ...(facts.mode === 'report' ? [`${reported} pending ${facts.resendAfterDays}+ days`] : []),
    `${expired} expired`,
    `${facts.recent} invited less than ${facts.resendAfterDays} days ago (left alone)`,
  ].join(' · ');
}

function dueItem(user: InvitationFacts['due'][number], at: string): ListItem {
  return {
    title: `${user.name} <${user.email}>`,
    fields: [
      {
        label: 'invited',
        value: `${ageInDays(user, at)} days ago (${user.createdAt.slice(0, 10)})`,
      },
      { label: '', value: outcomeText(user.outcome) },
    ],
  };
}

function expiredItem(user: PendingInvitation): ListItem {
  const command = reinviteCommand(user);
  return {
    title: `${user.name} <${user.email}>`,
    fields: [
      { label: 'invited', value: `${user.createdAt.slice(0, 10)}, expired` },
      {
        label: 'role',
        value: command
          ? roleText(user.role)
          : `${roleText(user.role)}: re-invite in Arize (user invite gives admin, member or annotator)`,
      },
    ],
    ...(command ? { command: { label: 'Re-invite', text: command } } : {}),
  };
}

/**
 * The message of a run: what was resent, not resent (with Arize's reason) or only reported, with
 * each invitation's age, then the expired invitations, each with a Re-invite button that runs
 * `user invite` for the clicker. At most `shownPerKind` of each, then how many more.
 */
export function invitationReportReply(
  facts: InvitationFacts,
  options: { csvName?: string } = {},
): Reply {
  const items: ListItem[] = [];
  for (const [label, lines] of kinds(facts)) {
    items.push(...lines.slice(0, shownPerKind));
    if (lines.length > shownPerKind) {
      const where = options.csvName ? ` (every one is in ${options.csvName}, in the thread)` : '';
      items.push({ title: `…and ${lines.length - shownPerKind} more ${label}${where}` });
    }
  }
  const what =
    facts.mode === 'resend'
      ? `invitations pending ${facts.resendAfterDays} days or more were sent again`
      : `report only: invitations pending ${facts.resendAfterDays} days or more are listed, not resent (invitationMode=resend sends them again)`;
  return {
    kind: 'list',
    title: `Arize invitations, ${facts.at.slice(0, 10)}`,
    context: `${countsText(facts)}. As of ${facts.at}; ${what}.`,
    items,
    empty: `No invitation has been pending for ${facts.resendAfterDays} days or more, and none has expired.`,
  };
}

const csvHeader = [
  'status',
  'name',
  'email',
  'role',
  'invited',
  'age (days)',
  'outcome',
  'user id',
];

/** Every invitation of the run, one row each (every cell made inert by `toCsv`). */
export function invitationReportCsv(facts: InvitationFacts): string {
  const row = (user: PendingInvitation, outcome: string): CsvCell[] => [
    user.status,
    user.name,
    user.email,
    roleText(user.role),
    user.createdAt,
    ageInDays(user, facts.at),
    outcome,
    user.id,
  ];
  return toCsv([
    csvHeader,
    ...facts.due.map((user) => row(user, outcomeText(user.outcome))),
    ...facts.expired.map((user) => row(user, 'expired: Re-invite in the message')),
  ]);
}

/** The file name of a run's CSV. */
export const invitationCsvName = (facts: Pick<InvitationFacts, 'at'>) =>
  `arize-invitations-${facts.at.slice(0, 10)}.csv`;
