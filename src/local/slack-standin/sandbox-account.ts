import * as z from 'zod';
import type { CompletionNames } from './sandbox-completion.ts';

/** The fault switches the sandbox panel offers; the local stack turns them into the emulator's. */
export const SandboxFaults = z
  .object({
    /** Added to every Arize answer. */
    latencyMs: z.number().int().min(0).max(10_000),
    /** Arize answers most calls with 429 and a short Retry-After. */
    rateLimitStorm: z.boolean(),
    /** Share of Arize calls answered with a 503. */
    errorShare: z.number().min(0).max(1),
    /** Share of Arize calls never answered. */
    hangShare: z.number().min(0).max(1),
  })
  .strict();
export type SandboxFaults = z.infer<typeof SandboxFaults>;

export const NO_FAULTS: SandboxFaults = {
  latencyMs: 0,
  rateLimitStorm: false,
  errorShare: 0,
  hangShare: 0,
};

/** The Arize account behind the bot, as the sandbox panel sees and steers it. */
export interface SandboxAccount {
  /** The account now (no secret in it), active grants, the faults in force and what they answered. */
  snapshot(): Promise<unknown>;
  /** Names of the orgs, spaces and users now, for the composer's completion. */
  names(): CompletionNames;
  setFaults(faults: SandboxFaults): void;
  /** Back to the demo account, faults off, nothing the bot stored kept. */
  reset(): Promise<void>;
}
