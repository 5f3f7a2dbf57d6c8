import { createHash } from 'node:crypto';
import * as z from 'zod';
import { canonicalJson } from '../approvals/canonical-json.ts';
import type { Requester } from '../job.ts';
import { type Risk, Risks } from '../operations/operation.ts';
import { ApprovalRisks } from '../operations/requires-approval.ts';
import { err, ok, type Result } from '../result.ts';
import { type SelfServiceRule, selfServiceRuleSchema } from './self-service.ts';

const slackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id like U0123ABCD');
/** An approver: a Slack user id (`U…`/`W…`) or a user-group id (`S…`). */
const principal = z
  .string()
  .regex(/^[UWS][A-Z0-9]{2,}$/, 'must be a Slack user id (U…) or user-group id (S…)');
const quorum = z.number().int().min(1).max(10);

const perRisk = <T extends z.ZodType>(item: T) =>
  z.object(
    Object.fromEntries(Risks.map((risk) => [risk, item.optional()])) as Record<
      Risk,
      z.ZodOptional<T>
    >,
  );

/**
 * Who may do what, from one file in the repo, validated at start and at synth.
 *
 * Version 1 names requesters per risk only: approvals are then off and approval risks are refused.
 * Version 2 adds approvers (user and user-group ids) and a quorum per risk, per-operation
 * overrides, the expiry of a request, the approvals channel and the never-list.
 * Version 3 adds self-service rules: who may ask for a time-bound space role for themselves
 * (users or user groups), where (organizations and spaces by name or id), which roles, for how
 * long, approved by whom (users, groups, or the admins Arize lists: `arize:space-admins`,
 * `arize:org-admins`) and how many. A v2 file loads unchanged.
 */
export const policySchema = z
  .object({
    version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    teamId: z.string().regex(/^T[A-Z0-9]{2,}$/, 'must be a Slack team id like T0123ABCD'),
    requesters: z.object(
      Object.fromEntries(Risks.map((risk) => [risk, z.array(slackUserId).default([])])) as Record<
        Risk,
        z.ZodDefault<z.ZodArray<typeof slackUserId>>
      >,
    ),
    approvers: perRisk(z.array(principal)).default({}),
    quorum: perRisk(quorum).default({}),
    operations: z
      .record(
        z.string().regex(/^[a-z]+\.[a-z-]+$/, 'must be an operation id like org.delete'),
        z.object({ approvers: z.array(principal).optional(), quorum: quorum.optional() }).strict(),
      )
      .default({}),
    /**
     * Slack user → Arize e-mail, for people whose Slack e-mail is not their Arize one. Overrides
     * what Slack says; identity is still the Slack user id, never a display name.
     */
    userMappings: z.record(slackUserId, z.email()).default({}),
    expiryMinutes: z.number().int().min(1).max(10_080).default(60),
    approvalsChannel: z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0123ABCD')
      .optional(),
    neverList: z
      .object({
        /** Arize users nobody may change from Slack (the bot's own user). */
        arizeUserEmails: z.array(z.string().email()).default([]),
        arizeUserIds: z.array(z.string().min(1)).default([]),
        /** API keys nobody may touch from Slack (the bot's own key). */
        apiKeyIds: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ arizeUserEmails: [], arizeUserIds: [], apiKeyIds: [] }),
    /**
     * v3: who may ask for access for themselves (`/arize request space`), rule by rule. Absent
     * rather than defaulted, so a v2 file parses to the same object (and the same sha256).
     */
    selfService: z.array(selfServiceRuleSchema).optional(),
    /**
     * Who reviews access in the scheduled access reviews (Slack user ids); absent, each space's
     * Arize admins (mapped to Slack by e-mail) review it.
     */
    accessReviewers: z.array(slackUserId).optional(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    if (policy.version === 1) return;
    if (!policy.approvalsChannel) {
      ctx.addIssue({
        code: 'custom',
        path: ['approvalsChannel'],
        message: `is required in v${policy.version}`,
      });
    }
    const rules = policy.selfService ?? [];
    if (policy.version < 3 && policy.selfService !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['selfService'], message: 'needs version 3' });
    }
    const seen = new Set<string>();
    rules.forEach((rule, i) => {
      if (seen.has(rule.name.toLowerCase())) {
        ctx.addIssue({
          code: 'custom',
          path: ['selfService', i, 'name'],
          message: 'is used twice',
        });
      }
      seen.add(rule.name.toLowerCase());
      if (rule.quorum > eligibleCount(rule.approvers)) {
        ctx.addIssue({
          code: 'custom',
          path: ['selfService', i, 'quorum'],
          message: `quorum ${rule.quorum} exceeds the ${eligibleCount(rule.approvers)} eligible approver(s) of rule ${rule.name}`,
        });
      }
    });
    for (const risk of ApprovalRisks) {
      const needed = policy.quorum[risk] ?? 1;
      const eligible = eligibleCount(policy.approvers[risk] ?? []);
      if (needed > eligible) {
        ctx.addIssue({
          code: 'custom',
          path: ['quorum', risk],
          message: `quorum ${needed} exceeds the ${eligible} eligible approver(s) of ${risk}`,
        });
      }
    }
    for (const [operationId, rule] of Object.entries(policy.operations)) {
      const needed = rule.quorum ?? 1;
      // Without its own approvers an override falls back to its risk's: check the smallest.
      const eligible = rule.approvers
        ? eligibleCount(rule.approvers)
        : Math.min(...ApprovalRisks.map((risk) => eligibleCount(policy.approvers[risk] ?? [])));
      if (needed > eligible) {
        ctx.addIssue({
          code: 'custom',
          path: ['operations', operationId, 'quorum'],
          message: `quorum ${needed} exceeds the ${eligible} eligible approver(s) of ${operationId}`,
        });
      }
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/**
 * How many distinct people can approve, at least: each user id counts once; a user group (or an
 * `arize:*` admins token) counts as one, since its size is unknown until it is read.
 */
export function eligibleCount(principals: readonly string[]): number {
  return new Set(principals).size;
}

/** Validates a policy document, naming every problem (and every unsatisfiable rule) by path. */
export function parsePolicy(document: unknown): Result<Policy, string> {
  const parsed = policySchema.safeParse(document);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return err(`invalid policy: ${problems.join('; ')}`);
}

/** Parses a policy file's text: not JSON, or JSON that does not validate, is an error. */
export function parsePolicyText(text: string): Result<Policy, string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error: unknown) {
    return err(`invalid policy: not JSON (${error instanceof Error ? error.message : error})`);
  }
  return parsePolicy(document);
}

/** The Arize e-mail of a Slack person: the policy's mapping when it has one, else Slack's. */
export function arizeEmailOf(
  policy: Pick<Policy, 'userMappings'>,
  slackUserId: string,
  slackEmail: string | undefined,
): string | undefined {
  return policy.userMappings[slackUserId] ?? slackEmail;
}

/** True when the policy lets this person ask for an operation of this risk. */
export function mayRequest(policy: Policy, requester: Requester, risk: Risk): boolean {
  return requester.teamId === policy.teamId && policy.requesters[risk].includes(requester.userId);
}

/** The policy's admins: the people it lets request operations of every risk. */
export const isPolicyAdmin = (policy: Policy, requester: Requester): boolean =>
  Risks.every((risk) => mayRequest(policy, requester, risk));

/** True when this policy has approvals on (v2 or later, with an approvals channel). */
export const approvalsEnabled = (policy: Policy): boolean =>
  policy.version >= 2 && policy.approvalsChannel !== undefined;

/** What an approval of this operation needs: who may approve, and how many of them. */
export interface ApprovalRule {
  approvers: readonly string[];
  quorum: number;
}

/** The approvers and quorum for an operation: its own override, else its risk's rule. */
export function approvalRuleFor(policy: Policy, operationId: string, risk: Risk): ApprovalRule {
  const override = policy.operations[operationId];
  return {
    approvers: override?.approvers ?? policy.approvers[risk] ?? [],
    quorum: override?.quorum ?? policy.quorum[risk] ?? 1,
  };
}

/** The self-service rules of a policy (none before v3). */
export const selfServiceRules = (policy: Pick<Policy, 'selfService'>): readonly SelfServiceRule[] =>
  policy.selfService ?? [];

/** The sha256 of the policy's canonical JSON; a request pins the version it was made under. */
export function policySha(policy: Policy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}
