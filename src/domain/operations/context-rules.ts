import { type Risk, riskRank } from './operation.ts';

/**
 * Whether an omitted org or space may come from the caller's context. Destructive and secret
 * commands need an explicit target: a stale context must never pick what gets deleted or keyed.
 */
export const mayUseContext = (risk: Risk): boolean => riskRank(risk) < riskRank('destructive');

/** Appended wherever a target came from the caller's context. */
export const fromContextNote = '(from your context)';
