import { type OperationDefinition, Risks } from './operation.ts';
import { requiresApproval } from './requires-approval.ts';

/** `write / privilege (approval)`: the risks an operation declares, and which need approval. */
export function riskSummary(operation: OperationDefinition): string {
  return Risks.filter((risk) => operation.risks.includes(risk))
    .map((risk) => (requiresApproval(risk) ? `${risk} (approval)` : risk))
    .join(' / ');
}
