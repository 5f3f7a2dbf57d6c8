import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { contextKeys, parseContextSettings } from '../../cdk/context-settings.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const run = promisify(execFile);

/** The README's Deploy section, up to the next second-level heading. */
const deploySection = readme.slice(
  readme.indexOf('\n## Deploy\n'),
  readme.indexOf('\n## ', readme.indexOf('\n## Deploy\n') + 1),
);
/** Every `npx cdk …` line of the section's shell blocks, as written. */
const cdkCommands = [...deploySection.matchAll(/^```sh\n([\s\S]*?)^```/gm)]
  .flatMap((block) => (block[1] ?? '').split('\n'))
  .filter((line) => line.startsWith('npx cdk '));
const synthCommands = cdkCommands.filter((line) => line.startsWith('npx cdk synth '));

/** The `-c key=value` pairs of a command line (values without spaces or quotes in the guide). */
const contextOf = (line: string): Record<string, string> =>
  Object.fromEntries(
    [...line.replace(/#.*$/, '').matchAll(/-c\s+([^=\s]+)=(\S+)/g)].map((m) => [m[1], m[2]]),
  );

let clone: string | undefined;
afterAll(() => {
  if (clone) rmSync(clone, { recursive: true, force: true });
});

/** The files a fresh clone has (tracked and new, not ignored), with this checkout's node_modules. */
async function freshClone(): Promise<string> {
  const { stdout } = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
    },
  );
  const dir = mkdtempSync(join(tmpdir(), 'arize-ops-readme-'));
  for (const file of stdout.split('\0').filter(Boolean)) {
    try {
      cpSync(join(root, file), join(dir, file));
    } catch (error) {
      // A file deleted in the working tree but still tracked is not in a fresh clone either.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe("the README's deploy guide", () => {
  it('has synth, bootstrap and deploy commands, in that order', () => {
    const verbs = cdkCommands.map((line) => line.split(/\s+/)[2]);
    expect(verbs).toEqual(['synth', 'bootstrap', 'deploy']);
  });

  it.each(cdkCommands.filter((line) => /^npx cdk (synth|deploy) /.test(line)))(
    'passes only valid context: %s',
    (line) => {
      const context = contextOf(line);
      expect(Object.keys(context).length).toBeGreaterThan(0);
      expect(() => parseContextSettings({ slackTeamId: 'T0LOCAL01', ...context })).not.toThrow();
    },
  );

  it.each(synthCommands)(
    'runs offline exactly as written in a fresh clone: %s',
    async (line) => {
      clone ??= await freshClone();
      const { stdout } = await run('bash', ['-c', line], {
        cwd: clone,
        env: {
          PATH: process.env.PATH,
          HOME: clone,
          CDK_DISABLE_CLI_TELEMETRY: 'true',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toMatch(/AWS::Serverless|AWS::Lambda::Function/);
      const assembly = readdirSync(join(clone, 'cdk.out'));
      expect(assembly).toContain('ArizeOps.template.json');
    },
    180_000,
  );

  it('documents every context key once, with its default, in the configuration reference', () => {
    const table = readme.slice(
      readme.indexOf('<!-- context:start -->'),
      readme.indexOf('<!-- context:end -->'),
    );
    const rows = [...table.matchAll(/^\| `([A-Za-z]+)` \| ([^|]+) \|/gm)].map((m) => ({
      key: m[1] ?? '',
      documentedDefault: (m[2] ?? '').trim(),
    }));
    expect(rows.map((row) => row.key)).toEqual([...contextKeys]);

    const defaults = parseContextSettings({ slackTeamId: 'T0LOCAL01', slackApiAppId: 'A00000000' });
    for (const { key, documentedDefault } of rows) {
      const value = defaults[key as keyof typeof defaults];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        if (key === 'slackTeamId' || key === 'slackApiAppId') continue;
        expect(documentedDefault, key).toBe(`\`${String(value)}\``);
      }
    }
  });
});
