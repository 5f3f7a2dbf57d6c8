import type { Risk } from './operation.ts';

/** The risks that run only after a second person approves. */
export const ApprovalRisks = ['privilege', 'destructive', 'secret'] as const satisfies Risk[];
export type ApprovalRisk = (typeof ApprovalRisks)[number];

/** True when a command of this risk may run only after a second person approves it. */
export const requiresApproval = (risk: Risk): risk is ApprovalRisk =>
  (ApprovalRisks as readonly Risk[]).includes(risk);
