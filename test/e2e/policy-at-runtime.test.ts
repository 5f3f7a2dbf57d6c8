import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicyText, policySha } from '../../src/domain/policy/policy.ts';
import { type LocalStack, REPO_POLICY_FILE, startLocalStack } from '../../src/local/local-stack.ts';
import { shownText, stackClient } from '../support/stack-client.ts';

const repoText = readFileSync(REPO_POLICY_FILE, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'arize-ops-policy-'));
const policyFile = join(dir, 'policy.json');

/** The repo policy with Dave also allowed to make write changes. */
const withDaveWriting = (() => {
  const document = JSON.parse(repoText) as { requesters: Record<string, string[]> };
  document.requesters.write = [...(document.requesters.write ?? []), 'U0DAVE001'];
  return JSON.stringify(document, null, 2);
})();
const shaOf = (text: string) => {
  const parsed = parsePolicyText(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return policySha(parsed.value).slice(0, 12);
};

let stack: LocalStack;
let client: ReturnType<typeof stackClient>;
beforeAll(async () => {
  writeFileSync(policyFile, repoText);
  stack = await startLocalStack({
    port: 0,
    emulatorPort: 0,
    logLevel: 'SILENT',
    visibilityTimeoutMs: 200,
    policyFile,
  });
  client = stackClient(stack);
});
afterAll(async () => {
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Alice asks to delete a space; resolves with the policy sha the approval message pins. */
async function pinnedSha(space: string, org: string): Promise<string> {
  await client.command(`space delete ${space} --org "${org}"`, 'U0ALICE01');
  const posted = await client.waitFor((all) =>
    all.find((m) => m.channel === 'C0APPROVE1' && shownText(m).includes(`space delete ${space}`)),
  );
  const sha = /policy ([0-9a-f]{12})/.exec(shownText(posted))?.[1];
  if (!sha) throw new Error(`no policy sha in ${shownText(posted)}`);
  return sha;
}

describe('the policy read at runtime (a file locally, AppConfig in AWS)', () => {
  it('applies an edit from the next request; requests pin the sha they were decided under', async () => {
    const refused = await client.command('space create dave-space --org "Acme ML"', 'U0DAVE001');
    expect(refused.ack.text).toContain('You are not allowed to run write commands');
    expect(await pinnedSha('staging', 'Acme ML')).toBe(shaOf(repoText));

    writeFileSync(policyFile, withDaveWriting);

    const accepted = await client.command('space create dave-space --org "Acme ML"', 'U0DAVE001');
    expect(accepted.ack.text).toContain('Running /arize space create');
    // The worker read the same edit: the request it prepared pins the new policy's sha.
    expect(await pinnedSha('experiments', 'Research Lab')).toBe(shaOf(withDaveWriting));
  });

  it('keeps the last good policy when the file stops validating', async () => {
    writeFileSync(policyFile, withDaveWriting);
    await client.command('space list', 'U0DAVE001');
    for (const bad of ['{ not json', JSON.stringify({ ...JSON.parse(repoText), teamId: 'x' })]) {
      writeFileSync(policyFile, bad);
      const kept = await client.command('space create dave-two --org "Acme ML"', 'U0DAVE001');
      expect(kept.ack.text).toContain('Running /arize space create');
    }
    expect(await pinnedSha('production', 'Research Lab')).toBe(shaOf(withDaveWriting));
  });
});
