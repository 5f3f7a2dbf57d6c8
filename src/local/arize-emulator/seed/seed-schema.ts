import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ACCOUNT_ROLES, ORG_ROLES, SPACE_ROLES, USER_STATUSES } from '../model.ts';

const isoDate = z.iso.datetime({ offset: true });
const orgRole = z.union([z.enum(ORG_ROLES), z.object({ custom: z.string().min(1) })]);
const spaceRole = z.union([z.enum(SPACE_ROLES), z.object({ custom: z.string().min(1) })]);

const seedUser = z.object({
  name: z.string().min(1).max(255),
  email: z.email(),
  role: z.enum(ACCOUNT_ROLES).default('MEMBER'),
  status: z.enum([...USER_STATUSES, 'INACTIVE']).default('ACTIVE'),
  isDeveloper: z.boolean().optional(),
  createdAt: isoDate.optional(),
});

const seedMember = <T extends z.ZodType>(role: T) => z.object({ email: z.email(), role });

const seedSpace = z.object({
  name: z.string().min(1).max(255),
  description: z.string().max(1000).default(''),
  isPrivate: z.boolean().default(false),
  createdAt: isoDate.optional(),
  members: z.array(seedMember(spaceRole)).default([]),
});

const seedOrg = z.object({
  name: z.string().min(1).max(255),
  description: z.string().max(1000).default(''),
  createdAt: isoDate.optional(),
  members: z.array(seedMember(orgRole)).default([]),
  spaces: z.array(seedSpace).default([]),
});

const keyCommon = {
  name: z.string().min(1).max(256),
  description: z.string().max(1000).optional(),
  /** The raw secret the key authenticates with. */
  key: z.string().min(8),
  createdAt: isoDate.optional(),
  expiresAt: isoDate.optional(),
  status: z.enum(['ACTIVE', 'REVOKED']).default('ACTIVE'),
};

const seedApiKey = z.discriminatedUnion('type', [
  z.object({ type: z.literal('USER'), ownerEmail: z.email(), ...keyCommon }),
  z.object({
    type: z.literal('SERVICE'),
    createdByEmail: z.email(),
    accountRole: z.enum(['ADMIN', 'MEMBER']).default('MEMBER'),
    organizations: z
      .array(
        z.object({
          org: z.string().min(1),
          role: z.enum(['ADMIN', 'MEMBER', 'READ_ONLY']).default('READ_ONLY'),
          spaces: z
            .array(z.object({ space: z.string().min(1), role: spaceRole.default('MEMBER') }))
            .min(1),
        }),
      )
      .min(1),
    ...keyCommon,
  }),
]);

/** A seed file: users, orgs with nested spaces and members (referenced by email), API keys. */
export const emulatorSeedSchema = z.object({
  account: z
    .object({
      name: z.string().default('Demo Account'),
      auditLogging: z.boolean().default(true),
      /** SAML/IdP login enforced for the account: invitations cannot be resent (400). */
      samlEnforced: z.boolean().default(false),
    })
    .default({ name: 'Demo Account', auditLogging: true, samlEnforced: false }),
  /** Owner of the admin key (`adminApiKey`); defaults to the first active account admin. */
  adminEmail: z.email().optional(),
  customRoles: z.array(z.object({ name: z.string().min(1) })).default([]),
  users: z.array(seedUser),
  organizations: z.array(seedOrg).default([]),
  apiKeys: z.array(seedApiKey).default([]),
});

/** What a seed may contain (defaults optional); see README "Seeds". */
export type EmulatorSeed = z.input<typeof emulatorSeedSchema>;
export type ParsedSeed = z.output<typeof emulatorSeedSchema>;

/** Validates a seed object; throws a readable error naming the first bad path. */
export function parseSeed(seed: unknown): ParsedSeed {
  const result = emulatorSeedSchema.safeParse(seed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`invalid emulator seed at ${issue?.path.join('.') ?? '?'}: ${issue?.message}`);
  }
  return result.data;
}

/** Reads and validates a JSON seed file. */
export function loadSeedFile(path: string): EmulatorSeed {
  const text = readFileSync(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`emulator seed ${path} is not valid JSON`, { cause: error });
  }
  return parseSeed(json);
}
