import type { GrantStore } from '../app/ports.ts';
import type { ArizeEmulator, FaultConfig } from './arize-emulator/index.ts';
import {
  NO_FAULTS,
  type SandboxAccount,
  type SandboxFaults,
} from './slack-standin/sandbox-account.ts';

/** The panel's switches as an emulator FaultConfig; the storm lets one call in per second. */
export function faultConfigOf(faults: SandboxFaults): FaultConfig {
  return {
    ...(faults.latencyMs > 0 ? { latencyMs: faults.latencyMs } : {}),
    ...(faults.rateLimitStorm
      ? { rateLimit: { capacity: 1, refillPerSecond: 1, retryAfterSeconds: 1 } }
      : {}),
    ...(faults.errorShare > 0 ? { errorRate: faults.errorShare, errorStatus: 503 } : {}),
    ...(faults.hangShare > 0 ? { hangRate: faults.hangShare } : {}),
  };
}

/** The sandbox's view of the emulated account: what the panel shows and the faults it toggles. */
export function emulatedSandboxAccount(
  emulator: ArizeEmulator,
  grants: Pick<GrantStore, 'listActive'>,
  /** Forgets what the bot stored (approvals, grants, contexts), so a reset starts afresh. */
  clearBotData: () => Promise<unknown>,
): SandboxAccount {
  let faults = NO_FAULTS;
  return {
    snapshot: async () => ({
      account: emulator.account(),
      grants: (await grants.listActive()).map((g) => ({
        id: g.id,
        email: g.subject.email,
        spaceName: g.spaceName,
        role: g.role,
        status: g.status,
        endsAt: g.endsAt,
      })),
      faults,
      faultCounts: emulator.faultCounts(),
    }),
    names() {
      const { orgs, users } = emulator.account();
      return {
        orgs: orgs.map((org) => org.name),
        spaces: orgs.flatMap((org) =>
          org.spaces.map((space) => ({ name: space.name, org: org.name })),
        ),
        users: users.map((user) => ({ email: user.email, name: user.name })),
      };
    },
    setFaults(next) {
      emulator.setFaults(faultConfigOf(next));
      faults = next;
    },
    async reset() {
      emulator.reset();
      faults = NO_FAULTS;
      await clearBotData();
    },
  };
}
