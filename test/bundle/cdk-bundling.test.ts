import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda, repoRoot } from '../../bench/bundle-harness.ts';
import { ArizeOpsStack } from '../../cdk/arize-ops-stack.ts';

interface SourceMap {
  sources: string[];
  [field: string]: unknown;
}

/** The map with its sources made absolute: they are relative to the bundle's directory. */
const readMap = async (dir: string): Promise<SourceMap> => {
  const map = JSON.parse(await readFile(join(dir, 'index.mjs.map'), 'utf8')) as SourceMap;
  return { ...map, sources: map.sources.map((source) => resolve(dir, source)) };
};

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

let outdir: string;
/** Every asset the CDK bundled, by the text of its `index.mjs`. */
let cdkAssets: { dir: string; code: string; map: SourceMap }[];

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'arize-ops-cdk-bundling-'));
  const { context } = JSON.parse(await readFile(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  // Unlike test/cdk, bundling stays on: the assets are the point.
  const app = new App({ context, outdir: join(outdir, 'cdk.out') });
  new ArizeOpsStack(app, 'ArizeOps', {
    settings: { slackTeamId: 'T0TESTTEAM', slackApiAppId: 'A0TESTAPP' },
  });
  app.synth();
  const assetDirs = (await readdir(join(outdir, 'cdk.out'))).filter((d) => d.startsWith('asset.'));
  cdkAssets = await Promise.all(
    assetDirs.map(async (dir) => ({
      dir,
      code: await readFile(join(outdir, 'cdk.out', dir, 'index.mjs'), 'utf8'),
      map: await readMap(join(outdir, 'cdk.out', dir)),
    })),
  );
}, 240_000); // a synchronous synth of every bundle: minutes on a loaded 2-core machine

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('the bundle harness', () => {
  it.each(['functions/slack.ts', 'functions/worker.ts', 'functions/scheduled.ts'])(
    'bundles %s byte for byte as cdk synth does',
    async (entry) => {
      const bundle = await bundleLambda(entry, join(outdir, 'harness', entry));
      const code = await readFile(bundle, 'utf8');
      const map = await readMap(join(bundle, '..'));

      const same = cdkAssets.filter((asset) => asset.code === code);
      expect(same.map((asset) => asset.dir)).toHaveLength(1);
      expect(same[0]?.map.sources).toEqual(map.sources);
      expect(digest(same[0]?.map)).toBe(digest(map));
    },
    30_000,
  );
});
