import type { Principal } from './access.ts';
import type { FaultInjector } from './faults.ts';
import type { MutationRecord } from './model.ts';
import type { EmulatorSeed } from './seed/seed-schema.ts';
import type { AccountStore } from './store.ts';
import { iso } from './wire.ts';

/** A state change to record in the mutation log and in the account's audit log. */
export interface ChangeRecord {
  method: string;
  path: string;
  operation: string;
  resourceId?: string;
  principal: Principal;
  ip: string;
  operationText: string | null;
  variables: string | null;
}

/** The emulator's mutable core, shared by the REST, GraphQL and admin handlers. */
export class EmulatorRuntime {
  store: AccountStore;
  private log: MutationRecord[] = [];
  private seq = 0;

  constructor(
    private seed: EmulatorSeed,
    private readonly build: (seed: EmulatorSeed) => AccountStore,
    readonly faults: FaultInjector,
    readonly now: () => Date,
    private readonly onReset: () => void,
  ) {
    this.store = build(seed);
  }

  nowMs(): number {
    return this.now().getTime();
  }

  record(change: ChangeRecord): void {
    const ms = this.nowMs();
    this.seq += 1;
    this.log.push({
      seq: this.seq,
      at: iso(ms),
      method: change.method,
      path: change.path,
      operation: change.operation,
      ...(change.resourceId !== undefined ? { resourceId: change.resourceId } : {}),
    });
    this.store.addAudit({
      ms,
      userN: change.principal.user.n,
      ip: change.ip,
      operationType: 'MUTATION',
      operationName: change.operation,
      operationText: change.operationText,
      variables: change.variables,
    });
  }

  mutations(): MutationRecord[] {
    return this.log.map((m) => ({ ...m }));
  }

  reset(): void {
    this.store = this.build(this.seed);
    this.log = [];
    this.seq = 0;
    this.faults.set({});
    this.onReset();
  }

  seedFrom(seed: EmulatorSeed): void {
    const store = this.build(seed);
    this.seed = seed;
    this.store = store;
    this.log = [];
    this.seq = 0;
    this.onReset();
  }
}
