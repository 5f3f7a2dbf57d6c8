import type { ExecutionContext } from '../../../src/app/operations/executor.ts';
import { executors } from '../../../src/app/operations/executors.ts';
import type { ArizeGateway, TargetResolver } from '../../../src/app/ports.ts';
import type { ApiKey, Organization, Space, User } from '../../../src/domain/arize.ts';
import { parseCommand } from '../../../src/domain/grammar/parse-command.ts';
import { catalogue } from '../../../src/domain/operations/catalogue.ts';
import type { Reply } from '../../../src/domain/reply.ts';

export const makeOrg = (overrides: Partial<Organization> = {}): Organization => ({
  id: 'T3JnYW5pemF0aW9uOjE=',
  name: 'Acme',
  description: '',
  createdAt: '2024-01-01T00:00:00Z',
  ...overrides,
});

export const makeSpace = (overrides: Partial<Space> = {}): Space => ({
  id: 'U3BhY2U6MQ==',
  name: 'prod',
  description: '',
  createdAt: '2024-01-01T00:00:00Z',
  isPrivate: false,
  ...overrides,
});

export const makeUser = (overrides: Partial<User> = {}): User => ({
  id: 'VXNlcjox',
  name: 'Ann',
  email: 'ann@x.io',
  createdAt: '2024-01-01T00:00:00Z',
  status: 'ACTIVE',
  role: 'MEMBER',
  isDeveloper: false,
  ...overrides,
});

export const makeKey = (overrides: Partial<ApiKey> = {}): ApiKey => ({
  id: 'QXBpS2V5OjE=',
  name: 'ci',
  description: '',
  keyType: 'SERVICE',
  status: 'ACTIVE',
  redactedKey: 'ak-1...z',
  createdAt: '2024-01-01T00:00:00Z',
  createdByUserId: 'VXNlcjox',
  ...overrides,
});

/** A gateway whose every method fails loudly unless the test provides it. */
export const fakeGateway = (methods: Partial<ArizeGateway>): ArizeGateway =>
  new Proxy(methods, {
    get(target, name) {
      const method = target[name as keyof ArizeGateway];
      if (method) return method;
      return () => Promise.reject(new Error(`unexpected gateway call ${String(name)}`));
    },
  }) as ArizeGateway;

export const fakeResolver = (overrides: Partial<TargetResolver> = {}): TargetResolver => ({
  organization: async () => makeOrg(),
  space: async () => makeSpace({ organizationId: makeOrg().id }),
  user: async () => makeUser(),
  ...overrides,
});

export function makeContext(overrides: Partial<ExecutionContext> = {}): ExecutionContext {
  return {
    gateway: fakeGateway({}),
    resolver: fakeResolver(),
    requester: { teamId: 'T1', userId: 'U1' },
    context: {},
    appUrl: 'https://app.test',
    catalogue,
    clock: { now: () => new Date('2026-01-01T00:00:00.000Z') },
    ...overrides,
  };
}

/** Parses `text` and runs its executor with `ctx`. */
export async function run(text: string, ctx: ExecutionContext): Promise<Reply> {
  const parsed = parseCommand(text, catalogue);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const executor = executors[parsed.command.operation.id];
  if (!executor) throw new Error('no executor');
  return executor(parsed.command.args, ctx);
}
