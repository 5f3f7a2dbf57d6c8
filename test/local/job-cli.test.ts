import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJobCli } from '../../src/local/job-cli.ts';

/** Runs `npm run job -- …` in-process and keeps what it printed. */
async function job(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runJobCli(argv, {
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    env: { LOG_LEVEL: 'SILENT', SCHEDULER_TICK_SECONDS: '0' },
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('npm run job (src/local/job-cli.ts)', () => {
  it('--list names every job with its schedule', async () => {
    const { code, stdout } = await job('--list');

    expect(code).toBe(0);
    expect(stdout).toMatch(/^sweep\s+rate\(5 minutes\) UTC\s+Approvals sweep/m);
    expect(stdout).toMatch(/^access-report\s+cron\(0 8 \? \* MON \*\) UTC\s+Access report/m);
  });

  it.each([
    [['swep'], /No job "swep" \(did you mean sweep\?\)/],
    [['sweep', '--at', 'monday'], /--at monday is not an ISO time/],
    [['sweep', 'grant-ends'], /One job at a time/],
    [[], /Name a job: sweep, grant-ends, access-report/],
  ])('%j is a usage error with a clear message (exit 2)', async (argv, message) => {
    const { code, stderr } = await job(...argv);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('usage: npm run job -- NAME');
  });

  it('runs the access report on the stand-ins, prints what it posted and saves the CSV', async () => {
    const out = await mkdtemp(join(tmpdir(), 'arize-ops-job-'));

    const { code, stdout } = await job(
      'access-report',
      '--at',
      '2026-12-07T08:00:00Z',
      '--out',
      out,
    );

    expect(code).toBe(0);
    expect(stdout).toContain(
      'access-report as of 2026-12-07T08:00:00.000Z finished: spaces 5, memberships 25, posted 1.',
    );
    expect(stdout).toContain('Arize access report (account), 2026-12-07');
    const csv = await readFile(join(out, 'arize-access-2026-12-07.csv'), 'utf8');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(26);
  }, 30_000);

  it('runs the invitations job on the stand-ins and prints its message', async () => {
    const { code, stdout } = await job('invitations', '--at', '2026-12-07T09:00:00Z');

    expect(code).toBe(0);
    expect(stdout).toContain(
      'invitations as of 2026-12-07T09:00:00.000Z finished: reported 1, expired 1, posted 1.',
    );
    expect(stdout).toContain('Arize invitations, 2026-12-07');
    expect(stdout).toContain('Grace Expired <grace@example.com>');
  }, 30_000);
});
