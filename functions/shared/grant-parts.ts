import type { WebClient } from '@slack/web-api';
import { DynamoGrantStore } from '../../src/adapters/dynamodb/dynamo-grant-store.ts';
import type { DynamoTable } from '../../src/adapters/dynamodb/dynamo-table.ts';
import {
  SlackGrantMessenger,
  SlackWebEmailLookup,
} from '../../src/adapters/slack/slack-grant-messenger.ts';
import { systemClock } from '../../src/adapters/system-clock.ts';
import { type GrantNews, makeGrantNews } from '../../src/app/grants/grant-news.ts';
import type { Log } from '../../src/app/ports.ts';
import type { Policy } from '../../src/domain/policy/policy.ts';

/** What the worker and the scheduled jobs share for time-bound grants. */
export interface GrantParts {
  store: DynamoGrantStore;
  news: GrantNews;
  /** A subject's Slack id: the policy's mapping first (its e-mail may differ), then Slack. */
  slackIdOf: (email: string) => Promise<string | undefined>;
}

export function grantPartsFrom(input: {
  table: DynamoTable;
  web: WebClient;
  botToken: () => Promise<string>;
  log: Log;
  policy?: Pick<Policy, 'userMappings'>;
}): GrantParts {
  const lookup = new SlackWebEmailLookup(input.web, input.botToken);
  const mapped = new Map(
    Object.entries(input.policy?.userMappings ?? {}).map(([slackId, email]) => [
      email.toLowerCase(),
      slackId,
    ]),
  );
  return {
    store: new DynamoGrantStore(input.table),
    news: makeGrantNews({
      messenger: new SlackGrantMessenger(input.web, input.botToken),
      log: input.log,
      clock: systemClock,
    }),
    slackIdOf: async (email) => mapped.get(email.toLowerCase()) ?? lookup.userIdByEmail(email),
  };
}
