import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { SlackGroupDirectory } from '../../../src/adapters/slack/slack-group-directory.ts';

function setup(answers: (() => Promise<{ users?: string[] }>)[]) {
  let now = 0;
  const calls: string[] = [];
  const web = {
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          calls.push(usergroup);
          const next = answers.shift();
          if (!next) throw new Error('unexpected call');
          return next();
        },
      },
    },
  } as unknown as WebClient;
  const directory = new SlackGroupDirectory(web, async () => 'xoxb-test', {
    now: () => new Date(now),
  });
  const advance = (ms: number) => {
    now += ms;
  };
  return { directory, calls, advance };
}

describe('SlackGroupDirectory', () => {
  it('caches members for a minute, then asks Slack again', async () => {
    const { directory, calls, advance } = setup([
      async () => ({ users: ['U0ALICE01', 'U0BOB0001'] }),
      async () => ({ users: ['U0ALICE01'] }),
    ]);

    const first = await directory.members('S0ADMINS1');
    advance(59_999);
    const cached = await directory.members('S0ADMINS1');
    advance(1);
    const fresh = await directory.members('S0ADMINS1');

    expect(first).toEqual(['U0ALICE01', 'U0BOB0001']);
    expect(cached).toEqual(first);
    expect(fresh).toEqual(['U0ALICE01']);
    expect(calls).toEqual(['S0ADMINS1', 'S0ADMINS1']);
  });

  it('throws Slack errors and does not cache them (the caller fails closed)', async () => {
    const { directory, calls } = setup([
      async () => {
        throw new Error('ratelimited');
      },
      async () => ({ users: ['U0BOB0001'] }),
    ]);

    await expect(directory.members('S0ADMINS1')).rejects.toThrow('ratelimited');
    expect(await directory.members('S0ADMINS1')).toEqual(['U0BOB0001']);
    expect(calls).toHaveLength(2);
  });
});
