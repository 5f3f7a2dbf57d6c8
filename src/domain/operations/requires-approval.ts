import type { Risk } from './operation.ts';

const approvalRisks: ReadonlySet<Risk> = new Set(['privilege', 'destructive', 'secret']);

/** True when a command of this risk may run only after a second person approves it. */
export const requiresApproval = (risk: Risk): boolean => approvalRisks.has(risk);
