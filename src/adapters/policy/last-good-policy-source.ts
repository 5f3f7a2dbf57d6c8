import type { LoadedPolicy, Log, PolicySource } from '../../app/ports.ts';
import { parsePolicyText, policySha } from '../../domain/policy/policy.ts';

/** Reads the policy document's text as stored (AppConfig, a file). */
export type PolicyText = () => Promise<string>;

/**
 * Parses the document `read` returns with the same zod parser as `cdk synth` and `npm run policy
 * -- check`. A document that is not JSON or does not validate is logged and never replaces the
 * last good one; before any good one, `current()` throws the parser's message.
 */
export class LastGoodPolicySource implements PolicySource {
  private lastText: string | undefined;
  private lastGood: LoadedPolicy | undefined;

  constructor(
    private readonly read: PolicyText,
    private readonly log: Log,
  ) {}

  async current(): Promise<LoadedPolicy> {
    const text = await this.readOrKeep();
    if (text === undefined || text === this.lastText) return this.kept();
    this.lastText = text;
    const parsed = parsePolicyText(text);
    if (!parsed.ok) {
      this.log.error('policy rejected; the last good one stays in force', {
        problem: parsed.error,
        ...(this.lastGood ? { keptSha: this.lastGood.sha } : {}),
      });
      return this.kept(parsed.error);
    }
    const loaded = { policy: parsed.value, sha: policySha(parsed.value) };
    if (loaded.sha !== this.lastGood?.sha) {
      this.log.info('policy loaded', { version: loaded.policy.version, sha: loaded.sha });
    }
    this.lastGood = loaded;
    return loaded;
  }

  private async readOrKeep(): Promise<string | undefined> {
    try {
      return await this.read();
    } catch (error: unknown) {
      if (!this.lastGood) throw error;
      this.log.error('could not read the policy; the last good one stays in force', {
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  private kept(problem?: string): LoadedPolicy {
    if (this.lastGood) return this.lastGood;
    throw new Error(problem ?? 'no valid policy has been loaded');
  }
}
