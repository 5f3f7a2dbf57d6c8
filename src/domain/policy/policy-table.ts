import { formatDuration } from '../grammar/values.ts';
import { Risks } from '../operations/operation.ts';
import { requiresApproval } from '../operations/requires-approval.ts';
import { approvalsEnabled, type Policy, policySha, selfServiceRules } from './policy.ts';
import { describeScope, roleText } from './self-service.ts';

/** Columns of plain text, each as wide as its widest cell, two spaces apart. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

const people = (ids: readonly string[]): string => (ids.length > 0 ? ids.join(', ') : 'nobody');

/** Who may ask for each risk, and who approves it, how many of them. */
function riskRows(policy: Policy): string[][] {
  return Risks.map((risk) => {
    const requesters = people(policy.requesters[risk]);
    if (!requiresApproval(risk)) return [risk, requesters, 'none needed', ''];
    if (!approvalsEnabled(policy)) return [risk, requesters, 'refused: approvals are off', ''];
    return [
      risk,
      requesters,
      people(policy.approvers[risk] ?? []),
      String(policy.quorum[risk] ?? 1),
    ];
  });
}

/**
 * The policy as tables (`npm run policy -- check`): who may request and approve each risk, the
 * per-operation overrides and the self-service rules with their scopes, roles, longest grant,
 * approvers and quorum.
 */
export function describePolicy(policy: Policy): string {
  const sections = [
    `policy v${policy.version} for Slack team ${policy.teamId}, sha256 ${policySha(policy)}`,
    `approvals channel ${policy.approvalsChannel ?? 'none (approvals are off)'}; ` +
      `requests expire after ${formatDuration(policy.expiryMinutes * 60)}`,
    '',
    textTable(['risk', 'may request', 'approved by', 'quorum'], riskRows(policy)),
  ];
  const overrides = Object.entries(policy.operations);
  if (overrides.length > 0) {
    const rows = overrides.map(([operationId, rule]) => [
      operationId,
      rule.approvers ? people(rule.approvers) : "the risk's approvers",
      rule.quorum === undefined ? "the risk's" : String(rule.quorum),
    ]);
    sections.push('', textTable(['operation', 'approved by', 'quorum'], rows));
  }
  const rules = selfServiceRules(policy);
  if (rules.length > 0) {
    const rows = rules.map((rule) => [
      rule.name,
      people(rule.requesters),
      describeScope(rule),
      rule.roles.map(roleText).join(', '),
      formatDuration(rule.maxFor),
      rule.approvers.join(', '),
      String(rule.quorum),
    ]);
    sections.push(
      '',
      'self-service (`/arize request space`):',
      textTable(['rule', 'may ask', 'where', 'roles', 'at most', 'approved by', 'quorum'], rows),
    );
  }
  const mapped = Object.keys(policy.userMappings).length;
  const never = policy.neverList;
  sections.push(
    '',
    `never changed from Slack: ${never.arizeUserEmails.length + never.arizeUserIds.length} ` +
      `Arize user(s), ${never.apiKeyIds.length} API key(s); ${mapped} Slack user(s) mapped to ` +
      'another Arize e-mail',
  );
  return sections.join('\n');
}
