import type { SpaceRole } from '../arize.ts';
import type { PreviousRole } from '../grants/grant.ts';
import type { AccessTarget, ArizeAdminToken } from '../policy/self-service.ts';
import type { Field } from '../reply.ts';
import { sha256Of } from './canonical-json.ts';

/** A time-bound grant as planned: how long, and what each user × space goes back to. */
export interface TimeBound {
  seconds: number;
  role: SpaceRole;
  orgId?: string;
  pairs: {
    userId: string;
    email: string;
    spaceId: string;
    spaceName: string;
    previous: PreviousRole;
  }[];
}

/** A person the change is about (a grant's grantee, a deleted user): they never count as approver. */
export interface Subject {
  arizeUserId?: string;
  email?: string;
}

/** Text an approver must type, exactly, for their approval to count. */
export interface TypedConfirmation {
  /** What to type, in words: `organization name`. */
  label: string;
  /** The exact text, taken from the pre-state read when the plan was built. */
  expected: string;
}

/** Why a typed confirmation does not match (shown under the input), or undefined when it does. */
export function confirmationMismatch(
  confirmation: TypedConfirmation,
  typed: string | undefined,
): string | undefined {
  if (typed === undefined || typed.trim() === '') {
    return `Type the ${confirmation.label} to approve.`;
  }
  if (typed === confirmation.expected) return undefined;
  const hint =
    typed.trim() === confirmation.expected
      ? ' (without the spaces around it)'
      : typed.toLowerCase() === confirmation.expected.toLowerCase()
        ? ' (letter case counts)'
        : '';
  return `That is not the ${confirmation.label}: type “${confirmation.expected}” exactly${hint}.`;
}

/**
 * What will happen, read from live Arize state before anyone votes: the targets with ids, the
 * pre-state that matters, the effect and its cascades, and what could not be read.
 */
export interface Plan {
  /** One line, e.g. `Delete space staging (U3BhY2U6Mg==) in Acme ML`. */
  effect: string;
  targets: Field[];
  preState: Field[];
  cascades: string[];
  /** Honest gaps: e.g. "current org role: not readable". */
  notes: string[];
  subjects: Subject[];
  /** API keys the change acts on, when known (the never-list refuses USER keys and the bot's). */
  apiKeys?: { id: string; keyType: string }[];
  /**
   * When the change removes an admin: the admins of that scope who remain afterwards (read live).
   * The never-list refuses a change that leaves none a person can use.
   */
  remainingAdmins?: { scope: string; admins: Subject[] };
  /**
   * Set when an approver must type a name to approve (an org delete: its name): the plan builder
   * decides, from the pre-state it read, and the Approve click opens a modal asking for it.
   */
  confirmation?: TypedConfirmation;
  /** Set for `--for`: the grants the execution records, each with the role read before. */
  timeBound?: TimeBound;
  /** Set for a self-service request: what its approval is decided on, at every click. */
  selfService?: SelfServicePlan;
  /** Only the fields whose change makes an approval stale; hashed into `planHash`. */
  projection: Record<string, unknown>;
}

/**
 * A self-service request's approval: the rule it was made under (looked up again in the current
 * policy at each click), what was asked, and the Slack ids of the admins behind each `arize:*`
 * approver of the rule as Arize listed them when the plan was read (the click path has no Arize).
 */
export interface SelfServicePlan {
  rule: string;
  target: AccessTarget;
  role: SpaceRole;
  seconds: number;
  arizeAdmins: Partial<Record<ArizeAdminToken, string[]>>;
  /** The approvers and quorum when the request was made (what the message shows). */
  approvers: string[];
  quorum: number;
}

/** The hash an approval is bound to: sha256 of the canonical projection. */
export const projectionHash = (projection: Record<string, unknown>): string => sha256Of(projection);

/** The projected fields that differ, named by dotted path (for the STALE message). */
export function describeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix = '',
): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => {
    const a = before[key];
    const b = after[key];
    const path = prefix ? `${prefix}.${key}` : key;
    if (isRecord(a) && isRecord(b)) return describeChanges(a, b, path);
    if (sha256Of(a ?? null) === sha256Of(b ?? null)) return [];
    return [`${path}: ${show(a)} → ${show(b)}`];
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const show = (value: unknown): string =>
  value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value);
