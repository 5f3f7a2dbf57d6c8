import type { WebClient } from '@slack/web-api';
import type { Clock, GroupDirectory } from '../../app/ports.ts';

const ttlMs = 60_000;

/**
 * User-group members from `usergroups.users.list`, cached for a minute per container. Errors are
 * thrown (and not cached): the caller then treats the group as empty, failing closed.
 */
export class SlackGroupDirectory implements GroupDirectory {
  private readonly cache = new Map<string, { at: number; members: readonly string[] }>();

  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
    private readonly clock: Clock,
  ) {}

  async members(groupId: string): Promise<readonly string[]> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(groupId);
    if (hit && now - hit.at < ttlMs) return hit.members;
    const token = await this.botToken();
    const result = await this.web.usergroups.users.list({ token, usergroup: groupId });
    const members = result.users ?? [];
    this.cache.set(groupId, { at: now, members });
    return members;
  }
}
