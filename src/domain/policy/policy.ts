import * as z from 'zod';
import type { Requester } from '../job.ts';
import { type Risk, Risks } from '../operations/operation.ts';
import { err, ok, type Result } from '../result.ts';

const slackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id like U0123ABCD');

/**
 * Who may do what, from one file in the repo, validated at start and at synth. This first version
 * names requesters per risk class; approvers and quorum arrive with approvals.
 */
export const policySchema = z
  .object({
    version: z.literal(1),
    teamId: z.string().regex(/^T[A-Z0-9]{2,}$/, 'must be a Slack team id like T0123ABCD'),
    requesters: z.object(
      Object.fromEntries(Risks.map((risk) => [risk, z.array(slackUserId).default([])])) as Record<
        Risk,
        z.ZodDefault<z.ZodArray<typeof slackUserId>>
      >,
    ),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

/** Validates a policy document, naming every problem with its path. */
export function parsePolicy(document: unknown): Result<Policy, string> {
  const parsed = policySchema.safeParse(document);
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return err(`invalid policy: ${problems.join('; ')}`);
}

/** True when the policy lets this person ask for an operation of this risk. */
export function mayRequest(policy: Policy, requester: Requester, risk: Risk): boolean {
  return requester.teamId === policy.teamId && policy.requesters[risk].includes(requester.userId);
}
