import type { WebClient } from '@slack/web-api';
import { createTargetResolver } from '../../src/adapters/arize/target-resolver.ts';
import { SlackGroupDirectory } from '../../src/adapters/slack/slack-group-directory.ts';
import { systemClock } from '../../src/adapters/system-clock.ts';
import { type AccessContext, makeAccessContext } from '../../src/app/access/access-context.ts';
import { makeCachedSlackIds } from '../../src/app/access/cached-slack-ids.ts';
import { type GrantExtension, makeGrantExtension } from '../../src/app/grants/grant-extension.ts';
import type { ArizeGateway, AuditLog, Log } from '../../src/app/ports.ts';
import type { Policy } from '../../src/domain/policy/policy.ts';
import type { GrantParts } from './grant-parts.ts';

/**
 * What self-service and extensions need in an execution context. The worker and the scheduled
 * function build it the same way: the sweep re-plans and re-reads a `request space` or
 * `request extend` it recovers, and both read these parts.
 */
export interface AccessParts {
  access: AccessContext;
  grantExtension: GrantExtension;
}

export function accessPartsFrom(input: {
  policy: Policy;
  web: WebClient;
  botToken: () => Promise<string>;
  gateway: ArizeGateway;
  grants: GrantParts;
  audit: AuditLog;
  log: Log;
}): AccessParts {
  return {
    access: makeAccessContext({
      policy: input.policy,
      groups: new SlackGroupDirectory(input.web, input.botToken, systemClock),
      slackIdOf: makeCachedSlackIds({ lookup: input.grants.slackIdOf, clock: systemClock }),
      newResolver: () => createTargetResolver(input.gateway),
      log: input.log,
    }),
    grantExtension: makeGrantExtension({
      store: input.grants.store,
      audit: input.audit,
      clock: systemClock,
      log: input.log,
    }),
  };
}
