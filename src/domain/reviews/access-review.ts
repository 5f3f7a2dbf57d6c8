import { createHash } from 'node:crypto';
import { type CsvCell, toCsv } from '../csv.ts';
import { accessText } from '../reports/access-report.ts';

/** What a reviewer decided for one member: keep the access, or ask for its removal. */
export type ReviewDecision = 'keep' | 'remove';

/** Where a reviewer's message is, and which page of the members it shows. */
export interface ReviewMessage {
  channel: string;
  ts: string;
  page: number;
}

/** One access review (recertification) of a space, or of an organization's spaces. */
export interface AccessReview {
  id: string;
  /** The scheduled time of the run that opened it. */
  openedAt: string;
  deadline: string;
  scope: { kind: 'space' | 'org'; orgId: string; orgName: string; spaceName?: string };
  /** Slack user ids allowed to decide (checked at every click). */
  reviewers: string[];
  /** The review's message in the approvals channel: reminders, the report and the CSV thread. */
  thread?: { channel: string; ts: string };
  /** Each reviewer's message, by Slack user id. */
  messages: Record<string, ReviewMessage>;
  status: 'OPEN' | 'CLOSED';
}

/** One member under review, and what became of them. */
export interface ReviewMember {
  index: number;
  spaceId: string;
  spaceName: string;
  userId: string;
  name: string;
  email: string;
  role: string;
  /** EXPLICIT_MEMBERSHIP, or ACCOUNT_ADMIN / ORGANIZATION_ADMIN for implicit admins. */
  membership: string;
  decision?: ReviewDecision;
  decidedBy?: string;
  decidedAt?: string;
  /** The approval request a Remove filed. */
  requestId?: string;
}

/** Members per reviewer message: two blocks each keeps a page well under Slack's 50 blocks. */
export const membersPerPage = 20;

/** The review a run opens for a scope: the same id on every retry of that scheduled time. */
export function reviewIdFor(scheduledTime: Date, scopeId: string): string {
  const hash = createHash('sha256').update(`${scheduledTime.toISOString()}:${scopeId}`);
  return `AR${hash.digest('hex').slice(0, 10).toUpperCase()}`;
}

export const pageCount = (members: number) => Math.max(1, Math.ceil(members / membersPerPage));

/** The members one page shows. */
export const pageOf = (members: readonly ReviewMember[], page: number) =>
  members.slice(page * membersPerPage, (page + 1) * membersPerPage);

/** A member's implicit access cannot be removed from the space: only above it. */
export const isImplicit = (member: Pick<ReviewMember, 'membership'>) =>
  member.membership !== 'EXPLICIT_MEMBERSHIP';

/** The scope in words: "Acme ML / production", or "Acme ML (every space)". */
export const scopeText = (review: Pick<AccessReview, 'scope'>) =>
  review.scope.kind === 'space'
    ? `${review.scope.orgName} / ${review.scope.spaceName ?? '?'}`
    : `${review.scope.orgName} (every space)`;

/** The members nobody decided on yet. */
export const undecided = (members: readonly ReviewMember[]) =>
  members.filter((m) => m.decision === undefined);

const csvHeader = [
  'space',
  'name',
  'email',
  'role',
  'access',
  'decision',
  'decided by',
  'decided at',
  'removal request',
  'space id',
  'user id',
];

/** The finished review as evidence: one row per member (every cell made inert by `toCsv`). */
export function reviewCsv(review: AccessReview, members: readonly ReviewMember[]): string {
  const rows: CsvCell[][] = members.map((m) => [
    m.spaceName,
    m.name,
    m.email,
    m.role,
    accessText(m.membership),
    m.decision ?? 'not reviewed',
    m.decidedBy,
    m.decidedAt,
    m.requestId,
    m.spaceId,
    m.userId,
  ]);
  return toCsv([[`access review ${review.id}: ${scopeText(review)}`], csvHeader, ...rows]);
}
