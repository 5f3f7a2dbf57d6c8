import { listApiKeys } from '@arizeai/ax-client';
import type { ArizeKeyOwner, ArizeKeyProbe, ArizeKeyProblem } from '../../app/ports.ts';
import type { ApiKey, User } from '../../domain/arize.ts';
import { ErrorCodes } from '../../domain/errors.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import { translateArizeError } from './arize-errors.ts';
import type { ArizeGraphql } from './arize-graphql.ts';
import type { GatewayContext } from './gateway-context.ts';
import { collectAll } from './iterate-all.ts';
import { toApiKey, toPage } from './wire-mapping.ts';

export interface ArizeKeyProbeParts {
  ctx: GatewayContext;
  graphql: ArizeGraphql;
  apiKey: () => Promise<string>;
  getUser: (userId: string) => Promise<User>;
}

const problemKinds: Partial<Record<string, ArizeKeyProblem['kind']>> = {
  [ErrorCodes.arizeAuthFailed]: 'refused',
  [ErrorCodes.arizeForbidden]: 'forbidden',
  [ErrorCodes.arizeNotConfigured]: 'not-configured',
};

const problemOf = (error: unknown, action: string): ArizeKeyProblem => {
  const translated = translateArizeError(error, { action, secrets: [] });
  return { kind: problemKinds[translated.code] ?? 'unreachable', detail: translated.message };
};

/** `ak-abc...xyz` is the raw key's first and last characters around an ellipsis. */
const redacts = (redacted: string, raw: string): boolean => {
  const [head, tail] = redacted.split('...');
  return head !== undefined && tail !== undefined && raw.startsWith(head) && raw.endsWith(tail);
};

/**
 * Arize has no "who am I": the admin key's owner is the creator of the user key Arize lists that
 * redacts to it (listing user keys is itself for account admins and developers), read back as a
 * user. The developer key answers the smallest GraphQL query.
 */
export function createArizeKeyProbe(parts: ArizeKeyProbeParts): ArizeKeyProbe {
  const { ctx, graphql } = parts;
  const userKeys = () =>
    collectAll((cursor) =>
      ctx.call({ action: 'list your user API keys' }, async () =>
        toPage(
          await listApiKeys({
            client: ctx.client,
            keyType: 'USER',
            limit: 100,
            ...(cursor ? { cursor } : {}),
          }),
          toApiKey,
        ),
      ),
    );
  return {
    async adminKey(): Promise<Result<ArizeKeyOwner, ArizeKeyProblem>> {
      let own: ApiKey | undefined;
      try {
        const raw = await parts.apiKey();
        own = (await userKeys()).find((key) => redacts(key.redactedKey, raw));
        if (!own) {
          return err({
            kind: 'forbidden',
            detail:
              'The key works, but Arize lists no user key of its owner that matches it (a service key?).',
          });
        }
        const owner = await parts.getUser(own.createdByUserId);
        return ok({ email: owner.email, accountAdmin: owner.role === 'ADMIN' });
      } catch (error: unknown) {
        return err(problemOf(error, 'tell whose key it is'));
      }
    },
    async developerKey(): Promise<Result<void, ArizeKeyProblem>> {
      try {
        await graphql.query('query doctor { account { id } }', {});
        return ok(undefined);
      } catch (error: unknown) {
        return err(problemOf(error, 'answer a GraphQL query with the developer key'));
      }
    },
  };
}
