import type { ApprovalStatus } from '../../domain/approvals/approval.ts';

/** Why a click changed nothing; shown to the clicker only. */
export interface DecisionRefusal {
  code:
    | 'APPROVAL.NOT_FOUND'
    | 'APPROVAL.ALREADY_DECIDED'
    | 'APPROVAL.ALREADY_VOTED'
    | 'APPROVAL.NOT_ALLOWED'
    | 'APPROVAL.EXPIRED'
    | 'APPROVAL.BUSY'
    /** An Approve that must come through the typed-name modal came without it (a crafted click). */
    | 'APPROVAL.NEEDS_CONFIRMATION'
    /** The typed name is wrong: shown under the modal's input; nothing was recorded. */
    | 'APPROVAL.CONFIRMATION_MISMATCH';
  message: string;
}

/** The refusal of a click on a request that is no longer pending. */
export const alreadyDecided = (status: ApprovalStatus): DecisionRefusal => ({
  code: 'APPROVAL.ALREADY_DECIDED',
  message: `This request is already ${status.toLowerCase()}; your click changed nothing.`,
});

/** The refusal when concurrent writes kept winning over this one. */
export const busy: DecisionRefusal = {
  code: 'APPROVAL.BUSY',
  message: 'Many people voted at once: click again.',
};

/** How many times a decision re-reads the request after losing a conditional write. */
export const maxDecisionAttempts = 20;
