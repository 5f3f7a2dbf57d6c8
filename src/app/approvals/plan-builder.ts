import type { Plan } from '../../domain/approvals/plan.ts';
import type { Space, User } from '../../domain/arize.ts';
import type { ExecutionContext } from '../operations/executor.ts';

/** A command whose targets are pinned to Arize ids, with the plan read from live state. */
export interface PlannedCommand {
  /** The arguments with every name replaced by its id: execution acts on exactly these. */
  args: Record<string, unknown>;
  plan: Plan;
}

/**
 * Builds the plan of one operation. Called at prepare time with what the person typed, and again
 * before execution with the pinned arguments: the projections of the two are then compared.
 */
export type PlanBuilder = (
  args: Record<string, unknown>,
  ctx: ExecutionContext,
) => Promise<PlannedCommand>;

/** What a fresh read says about an approved change: done, not done, or cannot be told. */
export type PostState = 'reached' | 'not-reached' | 'unknown';

/**
 * Reads whether the change of one operation has happened, from its pinned arguments (deleted →
 * not found; a role → the new role). The sweep asks it when a worker stopped mid-execution.
 * Arize errors other than "not found" are thrown: the sweep then tries again later.
 */
export type PostStateCheck = (
  args: Record<string, unknown>,
  ctx: ExecutionContext,
) => Promise<PostState>;

/** An operation whose outcome cannot be read back (org roles, secrets), and why. */
export interface CannotTell {
  cannotTell: string;
}

/** What an approval operation needs beyond its executor: its plan and what success looks like. */
export interface ApprovalSteps {
  /** Reads the pre-state into the plan people vote on; again before it runs (staleness). */
  plan: PlanBuilder;
  /** Reads whether the change happened, for the sweep; `cannotTell(why)` when it cannot be read. */
  postState: PostStateCheck | CannotTell;
}

/** Members of a space with roles (GraphQL); undefined when they cannot be read. */
export async function readMembers(
  ctx: ExecutionContext,
  spaceId: string,
): Promise<{ userId: string; role: string }[] | undefined> {
  try {
    const members: { userId: string; role: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.gateway.listSpaceMembers(spaceId, { cursor, limit: 100 });
      for (const m of page.items) {
        if (m.membership === 'EXPLICIT_MEMBERSHIP')
          members.push({ userId: m.user.id, role: m.role });
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return members.sort((a, b) => (a.userId < b.userId ? -1 : 1));
  } catch {
    return undefined;
  }
}

/** Active API keys of a space; undefined when they cannot be read. */
export async function countActiveKeys(
  ctx: ExecutionContext,
  spaceId: string,
): Promise<number | undefined> {
  try {
    let count = 0;
    let cursor: string | undefined;
    do {
      const page = await ctx.gateway.listApiKeys({ spaceId, status: 'ACTIVE', cursor, limit: 100 });
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return count;
  } catch {
    return undefined;
  }
}

/** The fields of a space whose change makes an approval stale. */
export const spaceProjection = (space: Space) => ({
  id: space.id,
  name: space.name,
  isPrivate: space.isPrivate,
});

/** The fields of a user whose change makes an approval stale (not last login, not name). */
export const userProjection = (user: User) => ({
  id: user.id,
  email: user.email.toLowerCase(),
  role: user.role,
  isDeveloper: user.isDeveloper,
  status: user.status,
});

export const subjectOf = (user: User) => ({ arizeUserId: user.id, email: user.email });
