import { isOutcomeUnknown } from './transport-errors.ts';

export interface ReconcileOptions<T> {
  /** Sends the create once (the fetch layer never repeats it blindly). */
  create: () => Promise<T>;
  /** Reads what the create would have made; undefined when it does not exist. */
  find: () => Promise<T | undefined>;
  /** How many creates may be sent in total, each preceded by a read after the first. */
  maxCreates?: number;
  /**
   * Waits before reading: a request we gave up on may still be running at Arize, so reading at
   * once could miss what it creates.
   */
  settle?: () => Promise<void>;
  onReconciled?: (how: 'found' | 'retried') => void;
}

/**
 * Creates something at most once: when a create fails without a known outcome, reads before
 * any retry, and returns what the first attempt made if it is there. A 409 after an unknown
 * outcome is also resolved by reading.
 */
export async function reconcileCreate<T>(options: ReconcileOptions<T>): Promise<T> {
  const maxCreates = options.maxCreates ?? 3;
  let lastUnknown: unknown;
  for (let attempt = 0; attempt < maxCreates; attempt++) {
    if (attempt > 0) {
      await options.settle?.();
      const existing = await options.find();
      if (existing !== undefined) {
        options.onReconciled?.('found');
        return existing;
      }
      options.onReconciled?.('retried');
    }
    try {
      return await options.create();
    } catch (error) {
      if (lastUnknown !== undefined && isConflict(error)) {
        const existing = await options.find();
        if (existing !== undefined) return existing;
      }
      if (!isOutcomeUnknown(error)) throw error;
      lastUnknown = error;
    }
  }
  throw lastUnknown;
}

const isConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 409;
