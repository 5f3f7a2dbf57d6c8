import type { EmulatorSeed } from './seed-schema.ts';

/** The bot admin's raw key in the demo seed (a USER key of `arize-ops-bot@example.com`). */
export const DEMO_ADMIN_API_KEY = 'ak-arizeops-local-admin-0001';

/** Raw USER keys of a few demo people, for tests that act as someone other than the bot. */
export const DEMO_USER_KEYS = {
  alice: 'ak-alice-local-user-0001',
  bob: 'ak-bob-local-user-0001',
  dave: 'ak-dave-local-user-0001',
  /** Erin is not a developer in the seed: her key is refused (403) until is_developer is set. */
  erin: 'ak-erin-local-user-0001',
} as const;

/** Raw SERVICE keys seeded in Acme ML / production. */
export const DEMO_SERVICE_KEYS = {
  ciPipeline: 'ak-svc-ci-pipeline-0001',
  modelMonitor: 'ak-svc-model-monitor-0001',
} as const;

export const DEMO_ADMIN_EMAIL = 'arize-ops-bot@example.com';

const at = (day: string): string => `${day}T09:00:00.000Z`;

/** The demo account that `npm start` and most tests use (README "Demo seed"). */
export function demoSeed(): EmulatorSeed {
  return {
    account: { name: 'Acme Corp', auditLogging: true },
    adminEmail: DEMO_ADMIN_EMAIL,
    customRoles: [{ name: 'Dataset Curator' }],
    users: [
      {
        name: 'arize-ops bot',
        email: DEMO_ADMIN_EMAIL,
        role: 'ADMIN',
        isDeveloper: true,
        createdAt: at('2024-01-02'),
      },
      {
        name: 'Alice Admin',
        email: 'alice@example.com',
        role: 'ADMIN',
        createdAt: at('2024-01-03'),
      },
      {
        name: 'Bob Approver',
        email: 'bob@example.com',
        role: 'MEMBER',
        createdAt: at('2024-01-04'),
      },
      {
        name: 'Carol Operator',
        email: 'carol@example.com',
        role: 'MEMBER',
        createdAt: at('2024-01-05'),
      },
      {
        name: 'Dave Reader',
        email: 'dave@example.com',
        role: 'MEMBER',
        createdAt: at('2024-01-06'),
      },
      {
        name: 'Erin Annotator',
        email: 'erin@example.com',
        role: 'ANNOTATOR',
        createdAt: at('2024-01-07'),
      },
      {
        name: 'Frank Invited',
        email: 'frank@example.com',
        role: 'MEMBER',
        status: 'INVITED',
        createdAt: at('2024-01-08'),
      },
      {
        name: 'Grace Expired',
        email: 'grace@example.com',
        role: 'MEMBER',
        status: 'EXPIRED',
        createdAt: at('2024-01-09'),
      },
      {
        name: 'Heidi Scientist',
        email: 'heidi@example.com',
        role: 'MEMBER',
        createdAt: at('2024-01-10'),
      },
      {
        name: 'Ivan Former',
        email: 'ivan@example.com',
        role: 'MEMBER',
        status: 'INACTIVE',
        createdAt: at('2024-01-11'),
      },
    ],
    organizations: [
      {
        name: 'Acme ML',
        description: 'Production machine learning',
        createdAt: at('2024-02-01'),
        members: [
          { email: 'alice@example.com', role: 'ADMIN' },
          { email: 'bob@example.com', role: 'MEMBER' },
          { email: 'carol@example.com', role: 'MEMBER' },
          { email: 'dave@example.com', role: 'READ_ONLY' },
          { email: 'erin@example.com', role: 'ANNOTATOR' },
          { email: 'frank@example.com', role: 'MEMBER' },
        ],
        spaces: [
          {
            name: 'production',
            description: 'Live models',
            createdAt: at('2024-02-02'),
            members: [
              { email: 'bob@example.com', role: 'ADMIN' },
              { email: 'carol@example.com', role: 'MEMBER' },
              { email: 'dave@example.com', role: 'READ_ONLY' },
            ],
          },
          {
            name: 'staging',
            description: 'Pre-production checks',
            createdAt: at('2024-02-03'),
            members: [
              { email: 'carol@example.com', role: 'ADMIN' },
              { email: 'bob@example.com', role: 'MEMBER' },
              { email: 'erin@example.com', role: 'ANNOTATOR' },
            ],
          },
          {
            name: 'fraud-detection',
            description: 'Restricted: fraud models',
            isPrivate: true,
            createdAt: at('2024-02-04'),
            members: [
              { email: 'bob@example.com', role: 'MEMBER' },
              { email: 'carol@example.com', role: { custom: 'Dataset Curator' } },
            ],
          },
        ],
      },
      {
        name: 'Research Lab',
        description: 'Exploratory research',
        createdAt: at('2024-03-01'),
        members: [
          { email: 'alice@example.com', role: 'ADMIN' },
          { email: 'dave@example.com', role: 'MEMBER' },
          { email: 'carol@example.com', role: 'MEMBER' },
          { email: 'heidi@example.com', role: 'MEMBER' },
        ],
        spaces: [
          {
            name: 'experiments',
            description: 'Notebooks and trials',
            createdAt: at('2024-03-02'),
            members: [
              { email: 'dave@example.com', role: 'ADMIN' },
              { email: 'heidi@example.com', role: 'MEMBER' },
              { email: 'carol@example.com', role: 'READ_ONLY' },
            ],
          },
          {
            name: 'production',
            description: 'Research models serving traffic',
            createdAt: at('2024-03-03'),
            members: [
              { email: 'dave@example.com', role: 'MEMBER' },
              { email: 'heidi@example.com', role: 'ADMIN' },
            ],
          },
        ],
      },
    ],
    apiKeys: [
      {
        type: 'USER',
        name: 'arize-ops admin',
        ownerEmail: DEMO_ADMIN_EMAIL,
        key: DEMO_ADMIN_API_KEY,
        createdAt: at('2024-01-02'),
      },
      {
        type: 'USER',
        name: 'alice laptop',
        ownerEmail: 'alice@example.com',
        key: DEMO_USER_KEYS.alice,
        createdAt: at('2024-04-01'),
      },
      {
        type: 'USER',
        name: 'bob laptop',
        ownerEmail: 'bob@example.com',
        key: DEMO_USER_KEYS.bob,
        createdAt: at('2024-04-02'),
      },
      {
        type: 'USER',
        name: 'dave notebook',
        ownerEmail: 'dave@example.com',
        key: DEMO_USER_KEYS.dave,
        createdAt: at('2024-04-03'),
      },
      {
        type: 'USER',
        name: 'erin annotations',
        ownerEmail: 'erin@example.com',
        key: DEMO_USER_KEYS.erin,
        createdAt: at('2024-04-04'),
      },
      {
        type: 'SERVICE',
        name: 'ci-pipeline',
        description: 'Uploads evaluation results from CI',
        createdByEmail: 'bob@example.com',
        key: DEMO_SERVICE_KEYS.ciPipeline,
        createdAt: at('2024-05-01'),
        organizations: [{ org: 'Acme ML', spaces: [{ space: 'production', role: 'MEMBER' }] }],
      },
      {
        type: 'SERVICE',
        name: 'model-monitor',
        description: 'Reads production metrics',
        createdByEmail: 'alice@example.com',
        key: DEMO_SERVICE_KEYS.modelMonitor,
        createdAt: at('2024-05-02'),
        expiresAt: '2030-01-01T00:00:00.000Z',
        organizations: [{ org: 'Acme ML', spaces: [{ space: 'production', role: 'READ_ONLY' }] }],
      },
    ],
  };
}

/** An account with only the bot admin (and its key). */
export function emptySeed(): EmulatorSeed {
  return {
    adminEmail: DEMO_ADMIN_EMAIL,
    users: [
      {
        name: 'arize-ops bot',
        email: DEMO_ADMIN_EMAIL,
        role: 'ADMIN',
        createdAt: at('2024-01-02'),
      },
    ],
  };
}
