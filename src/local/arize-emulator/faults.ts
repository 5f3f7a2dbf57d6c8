import { z } from 'zod';

/** A token bucket: `capacity` requests at once, refilled at `refillPerSecond`. */
export interface RateLimitFault {
  capacity: number;
  refillPerSecond: number;
  /** `Retry-After` in whole seconds (0 allowed); default: time until the next token, rounded up. */
  retryAfterSeconds?: number;
}

export interface FaultMatch {
  /** Operation names: REST (`createSpace`, `list_spaces` also accepted) or GraphQL operationName / mutation field. */
  operation?: string | string[];
  /** HTTP method, e.g. `POST`. */
  method?: string;
  /** Path pattern: `*` matches within a segment, `**` across segments (e.g. `/v2/spaces/<star>/users`, where <star> is `*`). */
  path?: string;
}

export interface FaultRule {
  match?: FaultMatch;
  /** Fixed delay before answering. */
  latencyMs?: number;
  /** Extra uniformly random delay in [0, jitterMs). */
  jitterMs?: number;
  /**
   * Probability in [0, 1] of answering with `errorStatus` (400-599, default 503) and a problem body;
   * a 4xx stands for a refusal a seed cannot set up (a user who accepted between a list and a call).
   */
  errorRate?: number;
  errorStatus?: number;
  /** Probability in [0, 1] of never answering (the client must time out). */
  hangRate?: number;
  rateLimit?: RateLimitFault;
}

/** Fault injection: a global rule for every request, plus per-route rules (later ones win). */
export interface FaultConfig extends Omit<FaultRule, 'match'> {
  routes?: FaultRule[];
  /** Seed of the PRNG behind error, hang and jitter draws (deterministic runs). */
  randomSeed?: number;
}

const ruleShape = {
  latencyMs: z.number().min(0).max(600_000).optional(),
  jitterMs: z.number().min(0).max(600_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.number().int().min(400).max(599).optional(),
  hangRate: z.number().min(0).max(1).optional(),
  rateLimit: z
    .object({
      capacity: z.number().int().min(0),
      refillPerSecond: z.number().min(0),
      retryAfterSeconds: z.number().int().min(0).optional(),
    })
    .optional(),
};

export const faultConfigSchema = z.object({
  ...ruleShape,
  randomSeed: z.number().int().optional(),
  routes: z
    .array(
      z.object({
        match: z
          .object({
            operation: z.union([z.string(), z.array(z.string())]).optional(),
            method: z.string().optional(),
            path: z.string().optional(),
          })
          .optional(),
        ...ruleShape,
      }),
    )
    .optional(),
});

export interface RequestInfo {
  method: string;
  path: string;
  operations: string[];
}

/** What to do with a request: answer now with an error, hang, or go on after a delay. */
export type FaultDecision =
  | { kind: 'pass'; delayMs: number }
  | { kind: 'rate-limited'; retryAfterSeconds: number; delayMs: number }
  | { kind: 'error'; status: number; delayMs: number }
  | { kind: 'hang' };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function globToRegex(glob: string): RegExp {
  const parts = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'));
  return new RegExp(`^${parts.join('.*')}$`);
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function matches(match: FaultMatch | undefined, info: RequestInfo): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== info.method) return false;
  if (match.path && !globToRegex(match.path).test(info.path)) return false;
  if (match.operation !== undefined) {
    const wanted = Array.isArray(match.operation) ? match.operation : [match.operation];
    const names = new Set(info.operations.flatMap((op) => [op, snake(op)]));
    if (!wanted.some((w) => names.has(w))) return false;
  }
  return true;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

/** How many requests each kind of fault answered since the config was last set. */
export type FaultCounts = Record<Exclude<FaultDecision['kind'], 'pass'>, number>;

const noFaults = (): FaultCounts => ({ 'rate-limited': 0, error: 0, hang: 0 });

/** Applies a FaultConfig; buckets, PRNG state and counts live here and reset with the config. */
export class FaultInjector {
  private config: FaultConfig = {};
  private counted: FaultCounts = noFaults();
  private random: () => number = mulberry32(1);
  private buckets = new Map<FaultRule | FaultConfig, Bucket>();

  constructor(private readonly nowMs: () => number) {}

  set(config: FaultConfig): void {
    this.config = faultConfigSchema.parse(config) as FaultConfig;
    this.random = mulberry32(this.config.randomSeed ?? 1);
    this.buckets = new Map();
    this.counted = noFaults();
  }

  get(): FaultConfig {
    return this.config;
  }

  counts(): FaultCounts {
    return { ...this.counted };
  }

  decide(info: RequestInfo): FaultDecision {
    const decision = this.draw(info);
    if (decision.kind !== 'pass') this.counted[decision.kind] += 1;
    return decision;
  }

  private draw(info: RequestInfo): FaultDecision {
    const rules: Array<FaultRule | FaultConfig> = [
      this.config,
      ...(this.config.routes ?? []).filter((r) => matches(r.match, info)),
    ];
    const pick = <K extends Exclude<keyof FaultRule, 'match'>>(
      key: K,
    ): FaultRule[K] | undefined => {
      let value: FaultRule[K] | undefined;
      for (const rule of rules) if (rule[key] !== undefined) value = rule[key];
      return value;
    };
    const jitter = pick('jitterMs') ?? 0;
    const delayMs = (pick('latencyMs') ?? 0) + (jitter > 0 ? this.random() * jitter : 0);
    for (const rule of rules) {
      if (!rule.rateLimit) continue;
      const retry = this.take(rule, rule.rateLimit);
      if (retry !== undefined) return { kind: 'rate-limited', retryAfterSeconds: retry, delayMs };
    }
    const hangRate = pick('hangRate') ?? 0;
    if (hangRate > 0 && this.random() < hangRate) return { kind: 'hang' };
    const errorRate = pick('errorRate') ?? 0;
    if (errorRate > 0 && this.random() < errorRate) {
      return { kind: 'error', status: pick('errorStatus') ?? 503, delayMs };
    }
    return { kind: 'pass', delayMs };
  }

  /** Takes a token; returns the Retry-After seconds when the bucket is empty. */
  private take(rule: FaultRule | FaultConfig, limit: RateLimitFault): number | undefined {
    const now = this.nowMs();
    const bucket = this.buckets.get(rule) ?? { tokens: limit.capacity, lastMs: now };
    bucket.tokens = Math.min(
      limit.capacity,
      bucket.tokens + (Math.max(0, now - bucket.lastMs) / 1000) * limit.refillPerSecond,
    );
    bucket.lastMs = now;
    this.buckets.set(rule, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    if (limit.retryAfterSeconds !== undefined) return limit.retryAfterSeconds;
    if (limit.refillPerSecond <= 0) return 60;
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.refillPerSecond));
  }
}
