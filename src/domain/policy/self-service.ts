import * as z from 'zod';
import type { SpaceRole } from '../arize.ts';
import { decodeValue, formatDuration, normalizeRole } from '../grammar/values.ts';
import { maxGrantDuration } from '../operations/limits.ts';
import { err, ok, type Result } from '../result.ts';

/** Approver tokens that stand for the people Arize itself lists as admins of the target. */
export const ArizeAdminTokens = ['arize:space-admins', 'arize:org-admins'] as const;
export type ArizeAdminToken = (typeof ArizeAdminTokens)[number];

export const isArizeAdminToken = (value: string): value is ArizeAdminToken =>
  (ArizeAdminTokens as readonly string[]).includes(value);

/** A requester: a Slack user id (`U…`/`W…`) or a user-group id (`S…`). */
const principal = z
  .string()
  .regex(/^[UWS][A-Z0-9]{2,}$/, 'must be a Slack user id (U…) or user-group id (S…)');

const approver = z.union([z.enum(ArizeAdminTokens), principal], {
  error:
    'must be a Slack user id (U…), a user-group id (S…), arize:space-admins or arize:org-admins',
});

const scopeRef = z.string().trim().min(1).max(255);

const roleWord = z.string().transform((text, ctx) => {
  const role = normalizeRole(text);
  if (!role) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a role (admin, member, read-only, annotator)`,
    });
    return z.NEVER;
  }
  return role as SpaceRole;
});

const duration = z.string().transform((text, ctx) => {
  const decoded = decodeValue('duration', text, 'maxFor');
  if (!decoded.ok || typeof decoded.value !== 'number') {
    ctx.addIssue({ code: 'custom', message: 'must be a duration like 30m, 8h or 3d' });
    return z.NEVER;
  }
  if (decoded.value > maxGrantDuration) {
    ctx.addIssue({
      code: 'custom',
      message: `must be at most ${formatDuration(maxGrantDuration)}`,
    });
    return z.NEVER;
  }
  return decoded.value;
});

/**
 * One self-service rule (policy v3): who may ask for access for themselves, to which
 * organizations and spaces (names or ids; none given: everywhere), which roles (admin only when
 * named), for how long at most, and who approves, how many of them.
 */
export const selfServiceRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    requesters: z.array(principal).min(1),
    orgs: z.array(scopeRef).optional(),
    spaces: z.array(scopeRef).optional(),
    roles: z.array(roleWord).min(1).default(['READ_ONLY', 'MEMBER']),
    maxFor: duration,
    approvers: z.array(approver).min(1),
    quorum: z.number().int().min(1).max(10).default(1),
  })
  .strict();

export type SelfServiceRule = z.infer<typeof selfServiceRuleSchema>;

/** Where access is asked for, as read from Arize: ids and names, so a rule may use either. */
export interface AccessTarget {
  orgId: string;
  orgName: string;
  spaceId: string;
  spaceName: string;
}

/** What someone asks for themselves. */
export interface AccessAsk {
  userId: string;
  /** The user groups (of the rules' requesters) this person is in, read live. */
  groups: ReadonlySet<string>;
  target: AccessTarget;
  role: SpaceRole;
  seconds: number;
}

/** Why a self-service ask is refused, with a stable code and a message naming what is allowed. */
export interface AccessRefusal {
  code: 'POLICY.NOT_ALLOWED' | 'POLICY.SCOPE' | 'POLICY.ROLE' | 'POLICY.DURATION';
  message: string;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const names = (ref: string, id: string, name: string): boolean => ref === id || same(ref, name);

/** Whether the person is one of the rule's requesters (directly or through a user group). */
export const admits = (rule: SelfServiceRule, userId: string, groups: ReadonlySet<string>) =>
  rule.requesters.some((p) => p === userId || (p.startsWith('S') && groups.has(p)));

/** Whether the rule covers the target: its orgs and spaces match by id or by name. */
export function covers(rule: SelfServiceRule, target: AccessTarget): boolean {
  const orgOk = !rule.orgs || rule.orgs.some((r) => names(r, target.orgId, target.orgName));
  const spaceOk =
    !rule.spaces || rule.spaces.some((r) => names(r, target.spaceId, target.spaceName));
  return orgOk && spaceOk;
}

/** The role as people type it (`read-only`). */
export const roleText = (role: string): string => role.toLowerCase().replace('_', '-');

const list = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** Why someone no self-service rule admits cannot ask. */
export const notAdmitted =
  'No self-service rule of the policy admits you, so you cannot ask for access here.';

/**
 * The rule that lets this person have this role in this space for this long: the first in policy
 * order that admits them, covers the space, allows the role and the duration. Otherwise the most
 * specific refusal: not admitted, not this space, not this role (naming the allowed ones), or too
 * long (naming the maximum). Used when the request is made and again when an approver clicks.
 */
export function selfServiceRuleFor(
  rules: readonly SelfServiceRule[],
  ask: AccessAsk,
): Result<SelfServiceRule, AccessRefusal> {
  const mine = rules.filter((rule) => admits(rule, ask.userId, ask.groups));
  if (mine.length === 0) return err({ code: 'POLICY.NOT_ALLOWED', message: notAdmitted });
  const where = `space ${ask.target.spaceName} (${ask.target.orgName})`;
  const here = mine.filter((rule) => covers(rule, ask.target));
  if (here.length === 0) {
    return err({
      code: 'POLICY.SCOPE',
      message: `No self-service rule lets you ask for access to ${where}. You may ask for: ${mine.map(describeScope).join('; ')}.`,
    });
  }
  const roled = here.filter((rule) => rule.roles.includes(ask.role));
  if (roled.length === 0) {
    const allowed = [...new Set(here.flatMap((rule) => rule.roles))].map(roleText);
    return err({
      code: 'POLICY.ROLE',
      message: `You may not ask for the ${roleText(ask.role)} role in ${where}: ask for ${list(allowed)}.`,
    });
  }
  const fits = roled.find((rule) => ask.seconds <= rule.maxFor);
  if (fits) return ok(fits);
  const longest = Math.max(...roled.map((rule) => rule.maxFor));
  return err({
    code: 'POLICY.DURATION',
    message: `--for ${formatDuration(ask.seconds)} is longer than the ${formatDuration(longest)} you may ask for as ${roleText(ask.role)} in ${where}: ask for --for ${formatDuration(longest)} or less.`,
  });
}

/** A rule's scope in words: `Acme ML / production, staging` or `any space`. */
export function describeScope(rule: SelfServiceRule): string {
  const orgs = rule.orgs ? rule.orgs.join(', ') : 'any organization';
  const spaces = rule.spaces ? rule.spaces.join(', ') : 'any space';
  return `${spaces} in ${orgs}`;
}

/** What a rule lets someone ask for, in one line (whoami, help request). */
export function describeRule(rule: SelfServiceRule): string {
  return (
    `${describeScope(rule)}: ${list(rule.roles.map(roleText))} for up to ${formatDuration(rule.maxFor)}, ` +
    `approved by ${rule.quorum} of ${rule.approvers.join(', ')}`
  );
}

/**
 * The approvers of a rule as Slack ids and groups: each `arize:*` token becomes the Slack users
 * mapped from the admins Arize listed (read when the request was made); a token with no mapped
 * admins adds nobody (fail closed).
 */
export function expandApprovers(
  approvers: readonly string[],
  arizeAdmins: Partial<Record<ArizeAdminToken, readonly string[]>>,
): string[] {
  return [
    ...new Set(approvers.flatMap((a) => (isArizeAdminToken(a) ? (arizeAdmins[a] ?? []) : [a]))),
  ];
}
