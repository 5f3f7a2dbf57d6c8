import { type CsvCell, toCsv } from '../csv.ts';
import type { Field, Reply } from '../reply.ts';

/** One person's access to one space, as Arize's `spaceUsers` lists it. */
export interface AccessRow {
  orgId: string;
  spaceId: string;
  userId: string;
  name: string;
  email: string;
  /** ADMIN, MEMBER, READ_ONLY, ANNOTATOR or a custom role's name. */
  role: string;
  /** EXPLICIT_MEMBERSHIP, or ACCOUNT_ADMIN / ORGANIZATION_ADMIN for implicit admins. */
  membership: string;
}

export interface ReportUser {
  id: string;
  name: string;
  email: string;
  status: string;
  createdAt: string;
}

export interface ExpiringKey {
  id: string;
  name: string;
  spaceId: string;
  expiresAt: string;
}

export interface ReportGrant {
  email: string;
  spaceId: string;
  role: string;
  endsAt: string;
}

/** Everything one access report says, read from Arize and the grant store as of `at`. */
export interface AccessFacts {
  at: string;
  /** 'account', or the one organization's name. */
  scope: string;
  orgs: ReadonlyArray<{ id: string; name: string }>;
  spaces: ReadonlyArray<{ id: string; name: string; orgId: string }>;
  rows: readonly AccessRow[];
  /** INVITED and EXPIRED users, and users created since the previous report (account-wide). */
  users: readonly ReportUser[];
  keys: readonly ExpiringKey[];
  grants: readonly ReportGrant[];
  /** The previous report's time and totals, for "since last time". */
  previous?: AccessSnapshot;
}

export const totalNames = [
  'spaces',
  'people',
  'memberships',
  'admins',
  'implicitAdmins',
  'invited',
  'expired',
  'newUsers',
  'expiringKeys',
  'grants',
] as const;
export type AccessTotals = Record<(typeof totalNames)[number], number>;

/** What the next report compares itself with. */
export interface AccessSnapshot {
  at: string;
  totals: AccessTotals;
}

/** Keys expiring within this long of the report are listed. */
export const keyWarningMs = 14 * 86_400_000;

const isAdmin = (row: AccessRow) => /admin/i.test(row.role);
const isImplicit = (row: AccessRow) => row.membership !== 'EXPLICIT_MEMBERSHIP';
const isNew = (user: ReportUser, facts: AccessFacts) =>
  facts.previous !== undefined && user.createdAt > facts.previous.at;

export function totalsOf(facts: AccessFacts): AccessTotals {
  return {
    spaces: facts.spaces.length,
    people: new Set(facts.rows.map((row) => row.userId)).size,
    memberships: facts.rows.length,
    admins: facts.rows.filter(isAdmin).length,
    implicitAdmins: facts.rows.filter(isImplicit).length,
    invited: facts.users.filter((u) => u.status === 'INVITED').length,
    expired: facts.users.filter((u) => u.status === 'EXPIRED').length,
    newUsers: facts.users.filter((u) => isNew(u, facts)).length,
    expiringKeys: facts.keys.length,
    grants: facts.grants.length,
  };
}

/** How a person has access, in words: a membership, or implicitly as an admin above the space. */
export function accessText(membership: string): string {
  if (membership === 'EXPLICIT_MEMBERSHIP') return 'member';
  if (membership === 'ACCOUNT_ADMIN') return 'account admin (implicit)';
  if (membership === 'ORGANIZATION_ADMIN') return 'organization admin (implicit)';
  return membership.toLowerCase().replaceAll('_', ' ');
}

const csvHeader = [
  'organization',
  'space',
  'name',
  'email',
  'role',
  'access',
  'time-bound until',
  'organization id',
  'space id',
  'user id',
];

/** The full table, one row per person and space (every cell made inert by `toCsv`). */
export function accessReportCsv(facts: AccessFacts): string {
  const orgName = new Map(facts.orgs.map((o) => [o.id, o.name]));
  const spaceName = new Map(facts.spaces.map((s) => [s.id, s.name]));
  const grantEnd = new Map(
    facts.grants.map((g) => [`${g.spaceId} ${g.email.toLowerCase()}`, g.endsAt]),
  );
  const rows: CsvCell[][] = [...facts.rows]
    .sort(
      (a, b) =>
        (orgName.get(a.orgId) ?? '').localeCompare(orgName.get(b.orgId) ?? '') ||
        (spaceName.get(a.spaceId) ?? '').localeCompare(spaceName.get(b.spaceId) ?? '') ||
        a.email.localeCompare(b.email),
    )
    .map((row) => [
      orgName.get(row.orgId) ?? row.orgId,
      spaceName.get(row.spaceId) ?? row.spaceId,
      row.name,
      row.email,
      row.role,
      accessText(row.membership),
      grantEnd.get(`${row.spaceId} ${row.email.toLowerCase()}`),
      row.orgId,
      row.spaceId,
      row.userId,
    ]);
  return toCsv([csvHeader, ...rows]);
}

const glance: ReadonlyArray<[keyof AccessTotals, string]> = [
  ['people', 'People with access'],
  ['memberships', 'Space memberships'],
  ['admins', 'Admins (incl. implicit)'],
  ['invited', 'Invited, not joined'],
  ['expired', 'Invitations expired'],
  ['newUsers', 'New users'],
  ['expiringKeys', 'Keys expiring ≤ 14 days'],
  ['grants', 'Active time-bound grants'],
];

const barWidth = 16;
const bar = (value: number, max: number) =>
  value === 0 ? '·' : '█'.repeat(Math.max(1, Math.round((value / Math.max(max, 1)) * barWidth)));

const change = (now: number, before: number | undefined) => {
  if (before === undefined) return '';
  const delta = now - before;
  return delta === 0 ? ' (no change)' : ` (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
};

/** At most `max` lines, then how many more (the CSV has them all). */
const lines = (items: readonly string[], max: number, empty: string) =>
  items.length === 0
    ? empty
    : [
        ...items.slice(0, max),
        ...(items.length > max ? [`…and ${items.length - max} more`] : []),
      ].join('\n');

/** Admins above the spaces, once each: who, how, and over how many spaces of the report. */
function implicitAdmins(facts: AccessFacts): string[] {
  const spaces = new Map<string, { text: string; count: number }>();
  for (const row of facts.rows.filter(isImplicit)) {
    const key = `${row.email} ${row.membership}`;
    const seen = spaces.get(key) ?? {
      text: `${row.email}: ${accessText(row.membership)}`,
      count: 0,
    };
    seen.count += 1;
    spaces.set(key, seen);
  }
  return [...spaces.values()].map(
    ({ text, count }) => `${text.replace(' (implicit)', '')}, ${count} space(s)`,
  );
}

/** The Block Kit summary: counts with bars and changes, per organization, and what needs care. */
export function accessReportReply(facts: AccessFacts, options: { csvName?: string } = {}): Reply {
  const totals = totalsOf(facts);
  const before = facts.previous?.totals;
  const max = Math.max(...glance.map(([key]) => totals[key]));
  const day = (iso: string) => iso.slice(0, 10);
  const orgName = new Map(facts.orgs.map((o) => [o.id, o.name]));
  const spaceName = new Map(facts.spaces.map((s) => [s.id, s.name]));
  const where = (spaceId: string) => {
    const space = facts.spaces.find((s) => s.id === spaceId);
    return `${orgName.get(space?.orgId ?? '') ?? '?'} / ${spaceName.get(spaceId) ?? spaceId}`;
  };
  const perOrg = facts.orgs.map((org) => {
    const rows = facts.rows.filter((row) => row.orgId === org.id);
    const spaces = facts.spaces.filter((space) => space.orgId === org.id).length;
    return `${org.name}: ${spaces} space(s), ${new Set(rows.map((r) => r.userId)).size} people, ${rows.filter(isAdmin).length} admin(s)`;
  });
  const byStatus = (status: string) =>
    facts.users
      .filter((u) => u.status === status)
      .map((u) => `${u.email} (since ${day(u.createdAt)})`);
  const fields: Field[] = [
    {
      label: before ? `At a glance (change since ${day(facts.previous?.at ?? '')})` : 'At a glance',
      value: glance
        .map(
          ([key, label]) =>
            `${bar(totals[key], max)} ${totals[key]} ${label}${change(totals[key], before?.[key])}`,
        )
        .join('\n'),
    },
    { label: 'Organizations', value: lines(perOrg, 15, 'None.') },
    { label: 'Account and organization admins', value: lines(implicitAdmins(facts), 15, 'None.') },
    {
      label: 'Space admins',
      value: lines(
        facts.rows
          .filter((r) => isAdmin(r) && !isImplicit(r))
          .map((r) => `${r.email}: ${where(r.spaceId)}`),
        15,
        'None.',
      ),
    },
    {
      label: 'New since the last report',
      value: facts.previous
        ? lines(
            facts.users
              .filter((u) => isNew(u, facts))
              .map((u) => `${u.email} (${day(u.createdAt)})`),
            15,
            'Nobody.',
          )
        : 'This is the first report: the next one lists who is new.',
    },
    { label: 'Invited, not joined', value: lines(byStatus('INVITED'), 15, 'Nobody.') },
    { label: 'Invitations expired', value: lines(byStatus('EXPIRED'), 15, 'Nobody.') },
    {
      label: 'Service keys expiring within 14 days',
      value: lines(
        facts.keys.map((k) => `${k.name} in ${where(k.spaceId)}: ${day(k.expiresAt)}`),
        15,
        'None.',
      ),
    },
    {
      label: 'Active time-bound grants',
      value: lines(
        facts.grants.map((g) => `${g.email}: ${g.role} in ${where(g.spaceId)} until ${g.endsAt}`),
        15,
        'None.',
      ),
    },
  ];
  return {
    kind: 'detail',
    title: `Arize access report (${facts.scope}), ${day(facts.at)}`,
    context: `As of ${facts.at}. ${totals.spaces} space(s) in ${facts.orgs.length} organization(s).${options.csvName ? ` Every membership is in ${options.csvName}.` : ''}`,
    fields,
  };
}
