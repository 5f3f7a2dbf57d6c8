import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findEnvReaders, readsEnvironment } from '../../scripts/env-readers.ts';

const root = process.cwd();
const depcruise = join(root, 'node_modules/.bin/depcruise');

function cruise(cwd: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(
      depcruise,
      [
        'functions',
        'src',
        'cdk',
        '--config',
        join(root, '.dependency-cruiser.cjs'),
        '--output-type',
        'err',
      ],
      {
        cwd,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    return { ok: true, output };
  } catch (error: unknown) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'arize-ops-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeTree(files: Record<string, string>) {
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), code);
  }
}

describe('the layer rules', () => {
  it('hold for the code base', () => {
    const result = cruise(root);

    expect(result.output).not.toMatch(/error/);
    expect(result.ok).toBe(true);
  });

  it('fail on each kind of wrong-way import', () => {
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      '{"compilerOptions":{"allowImportingTsExtensions":true,"noEmit":true,"module":"preserve","moduleResolution":"bundler"}}',
    );
    writeTree({
      'src/domain/pure.ts': "import { x } from '../adapters/thing.ts';\nexport const y = x;\n",
      'src/domain/sdk.ts': "import { App } from '@slack/bolt';\nexport const a = App;\n",
      'src/app/use-case.ts':
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const c = DynamoDBClient;\n",
      'src/adapters/thing.ts':
        "import { start } from '../local/emulator.ts';\nexport const x = start;\n",
      'src/adapters/config-user.ts': "import { cfg } from '../config.ts';\nexport const z = cfg;\n",
      'src/adapters/slack/uses-arize.ts':
        "import { listSpaces } from '@arizeai/ax-client';\nexport const l = listSpaces;\n",
      'src/local/emulator.ts': 'export const start = 1;\n',
      'src/config.ts': 'export const cfg = 1;\n',
      'cdk/app.ts': 'export const app = 1;\n',
      'src/domain/cycle-a.ts': "import { b } from './cycle-b.ts';\nexport const a = () => b;\n",
      'src/domain/cycle-b.ts': "import { a } from './cycle-a.ts';\nexport const b = () => a;\n",
      'functions/handler.ts':
        "import { start } from '../src/local/emulator.ts';\nexport const h = start;\n",
    });
    const { ok, output } = cruise(scratch);

    expect(ok).toBe(false);
    for (const rule of [
      'domain-is-pure',
      'app-depends-on-domain-only',
      'adapters-point-inward',
      'nothing-imports-local',
      'config-read-by-composition-roots-only',
      'ax-client-only-in-arize-adapter',
      'no-circular',
    ]) {
      expect(output, rule).toContain(rule);
    }
  });
});

describe('the environment', () => {
  it('is read by src/config.ts only', () => {
    expect(findEnvReaders(root)).toEqual([]);
  });

  it.each([
    ['const a = process.env.X;', true],
    ["const a = process['env'];", true],
    ['const { X } = process . env;', true],
    ['// process.env is read in config.ts only', false],
    ['/* process.env */ const a = 1;', false],
    ['const environment = processEnvLike;', false],
  ])('detects access in %s: %s', (code, expected) => {
    expect(readsEnvironment(code)).toBe(expected);
  });
});
