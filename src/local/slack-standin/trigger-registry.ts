import { randomBytes } from 'node:crypto';

/** Slack's trigger_id lifetime: a modal must be opened within 3 seconds of the interaction. */
export const TRIGGER_TTL_MS = 3_000;

export type TriggerUse =
  | { ok: true; user: string | undefined }
  | { ok: false; error: 'expired_trigger_id' | 'exchanged_trigger_id' };

export interface TriggerRegistry {
  issue(user?: string): string;
  consume(id: string): TriggerUse;
  clear(): void;
}

export const createTriggerRegistry = (now: () => Date): TriggerRegistry => {
  const issued = new Map<string, { at: number; user: string | undefined; used: boolean }>();
  let seq = 0;
  return {
    issue(user) {
      seq += 1;
      const at = now().getTime();
      // Slack's shape: "<seconds>.<number>.<hex>".
      const id = `${Math.floor(at / 1000)}.${1000 + seq}.${randomBytes(16).toString('hex')}`;
      issued.set(id, { at, user, used: false });
      return id;
    },
    consume(id) {
      const trigger = issued.get(id);
      // An id we never issued is treated like an expired one: Slack cannot tell them apart either.
      if (!trigger || now().getTime() - trigger.at >= TRIGGER_TTL_MS) {
        return { ok: false, error: 'expired_trigger_id' };
      }
      if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
      trigger.used = true;
      return { ok: true, user: trigger.user };
    },
    clear: () => issued.clear(),
  };
};
