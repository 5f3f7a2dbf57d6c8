import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_POLICY_FILE } from '../../src/local/local-stack.ts';
import { runPolicyCli } from '../../src/local/policy-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'arize-ops-policy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const repoPolicy = JSON.parse(readFileSync(REPO_POLICY_FILE, 'utf8')) as Record<string, unknown>;

function fileWith(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPolicyCli(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The table line that starts with `first` (cells two spaces or more apart). */
const rowOf = (output: string, first: string): string[] | undefined =>
  output
    .split('\n')
    .map((line) => line.split(/ {2,}/))
    .find((cells) => cells[0] === first);

describe('npm run policy -- check FILE', () => {
  it('prints who may request and approve what for a valid policy', async () => {
    const { code, stdout, stderr } = await run('check', REPO_POLICY_FILE);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/policy v3 for Slack team T0LOCAL01, sha256 [0-9a-f]{64}/);
    expect(stdout).toContain('approvals channel C0APPROVE1; requests expire after 1h');
    expect(rowOf(stdout, 'read')).toEqual([
      'read',
      'U0ALICE01, U0BOB0001, U0CAROL01, U0DAVE001',
      'none needed',
    ]);
    expect(rowOf(stdout, 'destructive')).toEqual([
      'destructive',
      'U0ALICE01, U0CAROL01',
      'U0ALICE01, U0BOB0001, S0ADMINS1',
      '1',
    ]);
    expect(rowOf(stdout, 'org.delete')).toEqual(['org.delete', "the risk's approvers", '2']);
    expect(rowOf(stdout, 'acme-ml')).toEqual([
      'acme-ml',
      'U0DAVE001, U0CAROL01, S0ADMINS1',
      'any space in Acme ML',
      'read-only, member',
      '8h',
      'arize:space-admins',
      '1',
    ]);
  });

  it('says a policy without approvals refuses the approval risks', async () => {
    const v1 = fileWith(
      'v1.json',
      JSON.stringify({ version: 1, teamId: 'T0LOCAL01', requesters: { read: ['U0ALICE01'] } }),
    );
    const { code, stdout } = await run('check', v1);
    expect(code).toBe(0);
    expect(rowOf(stdout, 'secret')).toEqual(['secret', 'nobody', 'refused: approvals are off']);
  });

  it('exits 1 with every problem of a file that does not validate', async () => {
    const bad = fileWith(
      'bad.json',
      JSON.stringify({ ...repoPolicy, teamId: 'acme', quorum: { destructive: 9 } }),
    );
    const { code, stdout, stderr } = await run('check', bad);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      `${bad} is not a valid policy:\n` +
        '  teamId: must be a Slack team id like T0123ABCD\n' +
        '  quorum.destructive: quorum 9 exceeds the 3 eligible approver(s) of destructive\n',
    );
  });

  it('exits 1 on a file that is not JSON or cannot be read', async () => {
    const cut = await run('check', fileWith('cut.json', '{ "version": 3,'));
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/is not a valid policy:\n {2}not JSON \(/);
    const missing = await run('check', join(dir, 'absent.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('absent.json: cannot read it (ENOENT');
  });

  it('exits 2 with the usage on anything but `check FILE`', async () => {
    for (const argv of [[], ['lint', 'x.json'], ['check'], ['check', 'a.json', 'b.json']]) {
      const { code, stderr } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toContain('usage: npm run policy -- check FILE');
    }
  });
});
