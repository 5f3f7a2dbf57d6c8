import type { ReportStore } from '../../src/app/ports.ts';

/** Report parts and snapshots in memory, as JSON text (what DynamoReportStore keeps). */
export class MemoryReportStore implements ReportStore {
  private readonly saved = new Map<string, string>();

  async putPart(runId: string, part: string, value: unknown): Promise<void> {
    this.saved.set(`${runId} part#${part}`, JSON.stringify(value));
  }

  async parts(runId: string, prefix: string): Promise<unknown[]> {
    return [...this.saved.entries()]
      .filter(([key]) => key.startsWith(`${runId} part#${prefix}`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, text]) => JSON.parse(text) as unknown);
  }

  async lastSnapshot(scope: string): Promise<unknown> {
    const text = this.saved.get(`snapshot#${scope}`);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  async saveSnapshot(scope: string, at: string, snapshot: unknown): Promise<void> {
    const before = (await this.lastSnapshot(scope)) as { at?: string } | undefined;
    if (!before?.at || before.at < at)
      this.saved.set(`snapshot#${scope}`, JSON.stringify(snapshot));
  }
}
