export type { AccountSnapshot, SnapshotMember } from './account-snapshot.ts';
export { DOCUMENTED_CHOICES, type DocumentedChoice } from './choices.ts';
export type { FaultConfig, FaultCounts, FaultMatch, FaultRule, RateLimitFault } from './faults.ts';
export { ARIZE_GRAPHQL_LIMITS, type GraphqlLimits } from './graphql/handler.ts';
export type { MutationRecord } from './model.ts';
export {
  DEMO_ADMIN_API_KEY,
  DEMO_ADMIN_EMAIL,
  DEMO_SERVICE_KEYS,
  DEMO_USER_KEYS,
  demoSeed,
  emptySeed,
} from './seed/demo-seed.ts';
export { generateLargeSeed, type LargeSeedOptions } from './seed/large-seed.ts';
export { type EmulatorSeed, loadSeedFile } from './seed/seed-schema.ts';
export { type ArizeEmulator, type ArizeEmulatorOptions, startArizeEmulator } from './server.ts';
