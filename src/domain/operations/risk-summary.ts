import { type OperationDefinition, Risks } from './operation.ts';
import { requiresApproval } from './requires-approval.ts';

/**
 * `write / privilege (approval)`: the risks an operation declares, and which need approval;
 * `read (policy admins only)` for an operation only the policy's admins may send.
 */
export function riskSummary(operation: OperationDefinition): string {
  const risks = Risks.filter((risk) => operation.risks.includes(risk))
    .map((risk) => (requiresApproval(risk) ? `${risk} (approval)` : risk))
    .join(' / ');
  return operation.adminOnly ? `${risks} (policy admins only)` : risks;
}
