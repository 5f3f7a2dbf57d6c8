import { type DriftReport, fixRequestsOf } from '../../domain/drift/drift-fix.ts';
import { changeText, type SpaceDrift } from '../../domain/drift/drift-plan.ts';
import {
  actions,
  type Block,
  button,
  context,
  escapeMrkdwn,
  fallbackText,
  header,
  mention,
  mrkdwnText,
  section,
  slackDate,
} from './block-kit.ts';
import type { SlackMessage } from './render-reply.ts';

/** The Propose fix button; its value is the drift's id (checked on click). */
export const DriftActions = { proposeFix: 'drift-propose-fix' } as const;

/** A button's value read back; undefined for one this bot did not write. */
export const readDriftValue = (value: string): string | undefined =>
  /^DR[0-9A-F]{10}$/.test(value) ? value : undefined;

/** At most this many spaces and changes per space are shown; the requests cover them all. */
export const shownSpaces = 20;
export const shownChanges = 15;

/** One space's differences as plain text (names and e-mails from Arize and the file are untrusted). */
function spaceText(space: SpaceDrift): string {
  if (space.spaceId === undefined) {
    return `${space.space}: not in Arize (create the space first; nothing is proposed for it)`;
  }
  const lines = space.changes.slice(0, shownChanges).map(changeText);
  const more = space.changes.length - lines.length;
  return [`${space.space}:`, ...lines, ...(more > 0 ? [`… and ${more} more`] : [])].join('\n');
}

function proposalBlocks(report: DriftReport): Block[] {
  const fixes = fixRequestsOf(report.plan);
  const { proposal } = report;
  if (proposal) {
    const requests = proposal.requests
      .map((r) => `${r.requestId} (${escapeMrkdwn(r.space)})`)
      .join(', ');
    return [
      {
        type: 'section',
        text: mrkdwnText(
          `Fix proposed by ${mention(proposal.by)} ${slackDate(proposal.at) ?? ''}: approval request(s) ${requests}. Someone else approves each.`,
          3000,
        ),
      },
    ];
  }
  if (fixes.length === 0)
    return [context('Nothing can be proposed: create the missing spaces first.')];
  return [
    context(
      `Propose fix files ${fixes.length} approval request(s), one per space, with you as the requester; someone else approves each, and nothing changes until then.`,
    ),
    actions([button('Propose fix', DriftActions.proposeFix, report.id, 'primary')]),
  ];
}

/**
 * A drift message: the organization and file, each differing space with its changes (at most 20
 * spaces of at most 15 changes each, so the message stays well under Slack's 50 blocks and 3,000
 * characters a section), then Propose fix, or who proposed the fix and its requests.
 */
export function renderDrift(report: DriftReport): SlackMessage {
  const { plan } = report;
  const org = plan.organization.name;
  const count = plan.spaces.reduce((n, s) => n + Math.max(1, s.changes.length), 0);
  const hidden = plan.spaces.length - Math.min(plan.spaces.length, shownSpaces);
  return {
    text: fallbackText(`Drift in ${org} against ${report.file}: ${count} difference(s)`),
    blocks: [
      header(`Drift: ${org} differs from access-as-code`),
      context(
        mrkdwnText(
          `${escapeMrkdwn(report.file)}, checked ${slackDate(report.at) ?? report.at} (drift ${report.id}): ${plan.spaces.length} of ${plan.managed} managed space(s) differ, ${count} difference(s).`,
        ),
      ),
      ...plan.spaces.slice(0, shownSpaces).map((space) => section(spaceText(space))),
      ...(hidden > 0 ? [context(`… and ${hidden} more space(s) that differ.`)] : []),
      ...proposalBlocks(report),
    ],
  };
}
