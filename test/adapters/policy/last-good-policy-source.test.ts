import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filePolicyText } from '../../../src/adapters/policy/file-policy-text.ts';
import { LastGoodPolicySource } from '../../../src/adapters/policy/last-good-policy-source.ts';
import type { Log } from '../../../src/app/ports.ts';
import { parsePolicy, policySha } from '../../../src/domain/policy/policy.ts';

const repoPolicy = readFileSync(join(import.meta.dirname, '../../../policy/policy.json'), 'utf8');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function policyFile(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  dirs.push(dir);
  const path = join(dir, 'policy.json');
  writeFileSync(path, text);
  return { path, write: (next: string) => writeFileSync(path, next) };
}

function recordingLog() {
  const errors: Array<{ message: string; data?: Record<string, unknown> }> = [];
  const log: Log = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (message, data) => void errors.push({ message, ...(data ? { data } : {}) }),
  };
  return { log, errors };
}

const repoSha = () => {
  const parsed = parsePolicy(JSON.parse(repoPolicy));
  if (!parsed.ok) throw new Error(parsed.error);
  return policySha(parsed.value);
};

describe('LastGoodPolicySource', () => {
  it('loads the file with the sha256 a request pins', async () => {
    const file = policyFile(repoPolicy);
    const { log } = recordingLog();
    const loaded = await new LastGoodPolicySource(filePolicyText(file.path), log).current();
    expect(loaded.sha).toBe(repoSha());
    expect(loaded.policy.version).toBe(3);
  });

  it('applies an edit at the next read', async () => {
    const file = policyFile(repoPolicy);
    const { log } = recordingLog();
    const source = new LastGoodPolicySource(filePolicyText(file.path), log);
    await source.current();
    file.write(JSON.stringify({ ...JSON.parse(repoPolicy), expiryMinutes: 30 }));
    const edited = await source.current();
    expect(edited.policy.expiryMinutes).toBe(30);
    expect(edited.sha).not.toBe(repoSha());
  });

  it('keeps the last good policy when the document stops validating, and logs why', async () => {
    const file = policyFile(repoPolicy);
    const { log, errors } = recordingLog();
    const source = new LastGoodPolicySource(filePolicyText(file.path), log);
    await source.current();
    file.write(JSON.stringify({ ...JSON.parse(repoPolicy), teamId: 'not-a-team' }));
    expect((await source.current()).sha).toBe(repoSha());
    file.write('{ not json');
    expect((await source.current()).sha).toBe(repoSha());
    expect(errors.map((e) => e.data?.problem)).toEqual([
      expect.stringContaining('teamId: must be a Slack team id'),
      expect.stringContaining('not JSON'),
    ]);
    expect(errors[0]?.data?.keptSha).toBe(repoSha());
  });

  it('keeps the last good policy when the store cannot be read', async () => {
    const file = policyFile(repoPolicy);
    const { log, errors } = recordingLog();
    const source = new LastGoodPolicySource(filePolicyText(file.path), log);
    await source.current();
    rmSync(file.path);
    expect((await source.current()).sha).toBe(repoSha());
    expect(errors[0]?.message).toContain('could not read the policy');
  });

  it("refuses to start on an invalid first document with the parser's message", async () => {
    const file = policyFile(JSON.stringify({ ...JSON.parse(repoPolicy), version: 9 }));
    const { log } = recordingLog();
    await expect(
      new LastGoodPolicySource(filePolicyText(file.path), log).current(),
    ).rejects.toThrow(/invalid policy: version/);
  });
});
