import type { ActiveContext } from '../../../src/app/ports.ts';
import { encodeResourceId } from '../../../src/domain/operations/resource-ids.ts';
import type { Reply } from '../../../src/domain/reply.ts';

/** Ids of demo entities, read from the emulator once (they are stable across resets). */
export interface DemoIds {
  acme: string;
  lab: string;
  acmeProduction: string;
  labProduction: string;
  staging: string;
  fraud: string;
}

const model = encodeResourceId('Model', '41');
const enc = encodeURIComponent;

/** One catalogue operation, run end to end: the reply it gives and the changes Arize sees. */
export interface CatalogueRow {
  id: string;
  text: (ids: DemoIds) => string;
  context?: (ids: DemoIds) => ActiveContext;
  kind: Reply['kind'];
  /** Substrings the reply shows. */
  says: (ids: DemoIds) => string[];
  /** Operations in the emulator's mutation log, in order. */
  mutations: string[];
  /** The context the command saves, when it saves one. */
  saves?: (ids: DemoIds) => ActiveContext;
}

const row = (r: CatalogueRow): CatalogueRow => r;
const acmeContext = (ids: DemoIds): ActiveContext => ({ orgId: ids.acme, orgName: 'Acme ML' });
const labContext = (ids: DemoIds): ActiveContext => ({ orgId: ids.lab, orgName: 'Research Lab' });

export const catalogueRows: CatalogueRow[] = [
  row({
    id: 'org.list',
    text: () => 'org list --name research',
    kind: 'list',
    says: (ids) => ['Organizations', 'Research Lab', ids.lab, 'matching "research"'],
    mutations: [],
  }),
  row({
    id: 'org.get',
    text: () => 'org get',
    context: acmeContext,
    kind: 'detail',
    says: (ids) => [
      'Acme ML',
      '(from your context)',
      'spaces: production, staging, fraud-detection',
      `https://app.arize.test/organizations/${enc(ids.acme)}`,
    ],
    mutations: [],
  }),
  row({
    id: 'org.create',
    text: () => 'org create "Fraud Team" --description "Fraud models" --space first',
    kind: 'detail',
    says: () => [
      'Organization Fraud Team is ready',
      'step 1: organization: created: Fraud Team',
      'step 2: first space: created: first',
      'now Fraud Team / first',
    ],
    mutations: ['createOrganization', 'createSpace'],
    saves: () => ({ orgName: 'Fraud Team', spaceName: 'first' }),
  }),
  row({
    id: 'org.update',
    text: () => 'org update "Research Lab" --name Research --description ""',
    kind: 'detail',
    says: (ids) => [
      'Updated organization Research',
      'name: Research Lab → Research',
      'description: (cleared)',
      ids.lab,
    ],
    mutations: ['updateOrganization'],
  }),
  row({
    id: 'org.delete',
    text: () => 'org delete "Research Lab"',
    context: labContext,
    kind: 'detail',
    says: () => [
      'Deleted organization Research Lab',
      'spaces deleted with it (2): experiments, production',
      'API keys',
      'your context: cleared',
      'cannot be undone',
    ],
    mutations: ['deleteOrganization'],
    saves: () => ({}),
  }),
  row({
    id: 'org.add-user',
    text: () => 'org add-user "Research Lab" bob@example.com,<@UERIN>,<@UBOB> --role member',
    kind: 'list',
    says: () => [
      'Organization Research Lab: member role',
      'Bob Approver (bob@example.com)',
      'result: member in Research Lab',
      'Erin Annotator (erin@example.com)',
      'failed: ',
      '1 done, 1 failed',
      'not readable',
    ],
    mutations: ['addOrganizationUser'],
  }),
  row({
    id: 'org.remove-user',
    text: () => 'org remove-user "Acme ML" dave@example.com,heidi@example.com',
    kind: 'list',
    says: () => [
      'removed from Acme ML and all its spaces',
      'was not a member of Acme ML',
      'also removes its space memberships',
    ],
    mutations: ['removeOrganizationUser'],
  }),
  row({
    id: 'space.list',
    text: () => 'space list',
    context: acmeContext,
    kind: 'list',
    says: (ids) => [
      'in Acme ML (from your context)',
      'production',
      'staging',
      'fraud-detection',
      'visibility: private',
      `/organizations/${enc(ids.acme)}/spaces/${enc(ids.fraud)}`,
    ],
    mutations: [],
  }),
  row({
    id: 'space.get',
    text: () => 'space get production',
    context: labContext,
    kind: 'detail',
    says: (ids) => [
      'production',
      '(from your context)',
      ids.labProduction,
      'Research models serving traffic',
      `/organizations/${enc(ids.lab)}/spaces/${enc(ids.labProduction)}`,
    ],
    mutations: [],
  }),
  row({
    id: 'space.create',
    text: () => 'space create churn --description "Churn models" --private',
    context: acmeContext,
    kind: 'detail',
    says: (ids) => [
      'Created space churn',
      'in Acme ML (from your context)',
      'visibility: private',
      `/organizations/${enc(ids.acme)}/spaces/`,
    ],
    mutations: ['createSpace'],
  }),
  row({
    id: 'space.update',
    text: () => 'space update fraud-detection --name fraud --private false',
    kind: 'detail',
    says: (ids) => [
      'Updated space fraud',
      'name: fraud-detection → fraud',
      'visibility: private → public',
      ids.fraud,
    ],
    mutations: ['updateSpace'],
  }),
  row({
    id: 'space.delete',
    text: () => 'space delete staging --org "Acme ML"',
    context: (ids) => ({ ...acmeContext(ids), spaceId: ids.staging, spaceName: 'staging' }),
    kind: 'detail',
    says: (ids) => [
      'Deleted space staging',
      ids.staging,
      'models, monitors, dashboards',
      'your context: space cleared',
    ],
    mutations: ['deleteSpace'],
    saves: acmeContext,
  }),
  row({
    id: 'space.add-user',
    text: () =>
      'space add-user carol@example.com,heidi@example.com --space production,staging --role read-only',
    context: acmeContext,
    kind: 'list',
    says: () => [
      'Space read-only role',
      'Carol Operator (carol@example.com) → production',
      'result: read-only in production',
      'result: read-only in staging',
      'Heidi Scientist (heidi@example.com) → staging',
      'failed: ',
      'org add-user first',
      '2 done, 2 failed',
      'Spaces (from your context)',
    ],
    mutations: ['addSpaceUser', 'addSpaceUser'],
  }),
  row({
    id: 'request.space',
    text: () => 'request space staging --org "Acme ML" --role member --for 4h',
    kind: 'list',
    says: () => [
      'Access to space staging: member role',
      'Alice Admin (alice@example.com) → staging',
      'result: member in staging for 4 hours',
      'It ends by itself',
    ],
    mutations: ['addSpaceUser'],
  }),
  row({
    id: 'request.extend',
    text: () => 'request extend G0123456789ABCDEF0123 --for 2h',
    kind: 'detail',
    says: () => [
      'Access extended: member in space production for dave@example.com',
      'ends: 2026-01-01T10:00:00.000Z (in 10 h)',
      'was: 2026-01-01T08:00:00.000Z (in 8 h)',
    ],
    mutations: [],
  }),
  row({
    id: 'space.remove-user',
    text: (ids) => `space remove-user dave@example.com --space ${ids.acmeProduction},staging`,
    kind: 'list',
    says: () => ['removed from production', 'was not a member of staging', 'all 2 done'],
    mutations: ['removeSpaceUser'],
  }),
  row({
    id: 'space.change-members',
    text: () =>
      'space change-members staging --org "Acme ML" --admin bob@example.com --read-only dave@example.com --remove carol@example.com',
    kind: 'list',
    says: () => [
      'Members of space staging changed',
      'Bob Approver (bob@example.com)',
      'result: admin in staging',
      'result: read-only in staging',
      'result: removed from staging',
      'all 3 done',
    ],
    mutations: ['addSpaceUser', 'addSpaceUser', 'removeSpaceUser'],
  }),
  row({
    id: 'space.members',
    text: () => 'space members staging',
    kind: 'list',
    says: () => [
      'Members of staging',
      'Carol Operator (carol@example.com)',
      'role: admin',
      'Erin Annotator (erin@example.com)',
      'role: annotator',
      'access through: space membership',
    ],
    mutations: [],
  }),
  row({
    id: 'user.list',
    text: () => 'user list --status invited,expired',
    kind: 'list',
    says: () => [
      'Users',
      'status invited or expired',
      'Frank Invited',
      'frank@example.com',
      'status: invited',
      'Grace Expired',
      'status: expired',
    ],
    mutations: [],
  }),
  row({
    id: 'user.find',
    text: () => 'user find OPERATOR',
    kind: 'list',
    says: () => [
      'Users matching "OPERATOR"',
      'Carol Operator',
      'carol@example.com',
      'role: member',
    ],
    mutations: [],
  }),
  row({
    id: 'user.get',
    text: () => 'user get <@UALICE>',
    kind: 'detail',
    says: () => [
      'Alice Admin',
      'e-mail: alice@example.com',
      'status: active',
      'account role: admin',
    ],
    mutations: [],
  }),
  row({
    id: 'user.invite',
    text: () => 'user invite jo@example.com --name "Jo Park" --role annotator --mode password',
    kind: 'detail',
    says: () => [
      'Invited Jo Park (jo@example.com)',
      'status: invited',
      'account role: annotator',
      'developer access: no',
      'temporary password (shown once): ',
      'private channel',
    ],
    mutations: ['createUser'],
  }),
  row({
    id: 'user.update',
    text: () => 'user update dave@example.com --name "David Reader" --developer false',
    kind: 'detail',
    says: () => [
      'Updated David Reader (dave@example.com)',
      'name: Dave Reader → David Reader',
      'developer access: yes → no',
    ],
    mutations: ['updateUser'],
  }),
  row({
    id: 'user.delete',
    text: () => 'user delete heidi@example.com',
    kind: 'detail',
    says: () => [
      'Deleted Heidi Scientist (heidi@example.com)',
      'heidi@example.com can never be invited again',
      'memberships',
    ],
    mutations: ['deleteUser'],
  }),
  row({
    id: 'user.resend-invite',
    text: () => 'user resend-invite frank@example.com',
    kind: 'text',
    says: () => ['Sent Frank Invited (frank@example.com) a new invitation e-mail.'],
    mutations: ['resendUserInvitation'],
  }),
  row({
    id: 'user.reset-password',
    text: () => 'user reset-password bob@example.com',
    kind: 'text',
    says: () => [
      'Sent Bob Approver (bob@example.com) a link to set a new password; it works for 30 minutes.',
    ],
    mutations: ['resetUserPassword'],
  }),
  row({
    id: 'key.list',
    text: () => 'key list --space production',
    context: acmeContext,
    kind: 'list',
    says: () => [
      'Active service API keys',
      'in production (from your context)',
      'ci-pipeline',
      'model-monitor',
      'expires: 2030-01-01T00:00:00.000Z',
    ],
    mutations: [],
  }),
  row({
    id: 'key.create',
    text: () => 'key create ingest --space staging --expires 30d',
    kind: 'detail',
    says: () => [
      'Service API key ingest for staging',
      'secret (shown once): ak-',
      'expires: 2026-01-31T00:00:00.000Z',
      'space role: admin',
      'lifetime: 30 days',
      'keeps no copy',
    ],
    mutations: ['createApiKey'],
  }),
  row({
    id: 'key.refresh',
    text: (ids) => `key refresh model-monitor --space ${ids.acmeProduction} --grace 1h`,
    kind: 'detail',
    says: () => [
      'Refreshed service API key model-monitor',
      'secret (shown once): ak-',
      'expires: 2030-01-01T00:00:00.000Z',
      'old secret: keeps working for 1 hour',
    ],
    mutations: ['refreshApiKey'],
  }),
  row({
    id: 'key.revoke',
    text: () => 'key revoke ci-pipeline --space production --org "Acme ML"',
    kind: 'detail',
    says: () => ['Revoked API key ci-pipeline', 'cannot be undone'],
    mutations: ['revokeApiKey'],
  }),
  row({
    id: 'url.org',
    text: () => 'url org "Acme ML"',
    kind: 'detail',
    says: (ids) => [`link: https://app.arize.test/organizations/${enc(ids.acme)}`],
    mutations: [],
  }),
  row({
    id: 'url.space',
    text: () => 'url space fraud-detection',
    kind: 'detail',
    says: (ids) => [
      `link: https://app.arize.test/organizations/${enc(ids.acme)}/spaces/${enc(ids.fraud)}`,
    ],
    mutations: [],
  }),
  ...(
    [
      ['url.model', `url model ${model}`, `/models/${enc(model)}`],
      [
        'url.metric',
        `url metric ${model} ${encodeResourceId('CustomMetric', '5')}`,
        `/models/${enc(model)}/custom_metrics/${enc(encodeResourceId('CustomMetric', '5'))}`,
      ],
      [
        'url.monitor',
        `url monitor ${encodeResourceId('Monitor', '6')}`,
        `/monitors/${enc(encodeResourceId('Monitor', '6'))}`,
      ],
      [
        'url.prompt',
        `url prompt ${encodeResourceId('Prompt', '7')}`,
        `/prompt-hub/${enc(encodeResourceId('Prompt', '7'))}`,
      ],
      [
        'url.prompt-version',
        `url prompt-version ${encodeResourceId('Prompt', '7')} ${encodeResourceId('PromptVersion', '8')}`,
        `/prompt-hub/${enc(encodeResourceId('Prompt', '7'))}?version=${enc(encodeResourceId('PromptVersion', '8'))}`,
      ],
      [
        'url.dashboard',
        `url dashboard ${encodeResourceId('Dashboard', '9')}`,
        `/dashboards/${enc(encodeResourceId('Dashboard', '9'))}`,
      ],
    ] as const
  ).map(([id, text, tail]) =>
    row({
      id,
      text: () => text,
      context: (ids) => ({ ...acmeContext(ids), spaceId: ids.fraud, spaceName: 'fraud-detection' }),
      kind: 'detail',
      says: (ids) => [
        'in fraud-detection',
        '(from your context)',
        `link: https://app.arize.test/organizations/${enc(ids.acme)}/spaces/${enc(ids.fraud)}${tail}`,
      ],
      mutations: [],
    }),
  ),
  row({
    id: 'use',
    text: () => 'use --space production --org "Research Lab"',
    context: acmeContext,
    kind: 'detail',
    says: () => [
      'Context set',
      'was: organization Acme ML',
      'now: organization Research Lab, space production',
      'never use it',
    ],
    mutations: [],
    saves: (ids) => ({
      orgId: ids.lab,
      orgName: 'Research Lab',
      spaceId: ids.labProduction,
      spaceName: 'production',
    }),
  }),
  row({
    id: 'whoami',
    text: () => 'whoami',
    context: acmeContext,
    kind: 'detail',
    says: () => [
      'Slack team: T0DEMO',
      'Slack user: UALICE',
      'e-mail: alice@example.com',
      'Arize user: Alice Admin (alice@example.com), admin',
      'context: organization Acme ML',
      'permissions: not reported',
    ],
    mutations: [],
  }),
  row({
    id: 'help',
    text: () => 'help space',
    kind: 'list',
    says: () => [
      'Commands for "space"',
      'space add-user USER,… [--space SPACE,…] --role ROLE',
      'risk: privilege (approval)',
    ],
    mutations: [],
  }),
  row({
    id: 'approvals',
    text: () => 'approvals --mine',
    kind: 'list',
    says: () => [
      'Your pending approval requests',
      'R0A1B2C3D4E5F: /arize space delete staging',
      'approvals: 0 of 1',
      'reason: cleanup',
    ],
    mutations: [],
  }),
  row({
    id: 'cancel',
    text: () => 'cancel r0a1b2c3d4e5f',
    kind: 'text',
    says: () => ['R0A1B2C3D4E5F: Cancelled: nothing will run.'],
    mutations: [],
  }),
  row({
    id: 'grants',
    text: () => 'grants --mine',
    kind: 'list',
    says: () => [
      'Active time-bound grants (yours)',
      'dave@example.com: member in production',
      'ends: 2026-01-01T08:00:00.000Z',
      'then: restore read-only',
    ],
    mutations: [],
  }),
  row({
    id: 'audit',
    text: () => 'audit --user <@UALICE> --since 2d',
    kind: 'list',
    says: () => ['arize-ops audit trail', 'requested · request R0A1B2C3D4E5F', 'by: UALICE'],
    mutations: [],
  }),
  row({
    id: 'doctor',
    text: () => 'doctor',
    kind: 'list',
    says: () => [
      'arize-ops is healthy',
      '8 of 8 checks pass',
      'it belongs to arize-ops-bot@example.com, an account admin',
      'version 1, sha256 ',
    ],
    mutations: [],
  }),
  row({
    id: 'report.access',
    text: () => 'report access --org "Research Lab"',
    kind: 'text',
    says: () => [
      'Sent the access report of Research Lab (',
      'in a direct message from the bot, with arize-access-Research-Lab-2026-01-01.csv',
    ],
    mutations: [],
  }),
];
