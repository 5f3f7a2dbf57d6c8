import { parseCommand } from '../grammar/parse-command.ts';
import { type OperationDefinition, type Risk, Risks } from './operation.ts';
import { requiresApproval } from './requires-approval.ts';

/**
 * The risks an operation reaches, computed by running `risk(args)` on its own examples (whose
 * forms are chosen to show each escalation): `write / privilege / secret` for `user invite`.
 */
export function risksOf(
  operation: OperationDefinition,
  catalogue: readonly OperationDefinition[],
): Risk[] {
  const reached = new Set<Risk>();
  for (const example of operation.examples) {
    const parsed = parseCommand(example, catalogue);
    if (parsed.ok && parsed.command.operation === operation) {
      reached.add(operation.risk(parsed.command.args));
    }
  }
  return Risks.filter((risk) => reached.has(risk));
}

/** `write / privilege (approval)`: the risks an operation reaches, and which need approval. */
export function riskSummary(
  operation: OperationDefinition,
  catalogue: readonly OperationDefinition[],
): string {
  return risksOf(operation, catalogue)
    .map((risk) => (requiresApproval(risk) ? `${risk} (approval)` : risk))
    .join(' / ');
}
