import { afterAll, beforeAll, describe } from 'vitest';
import { defineSharedConformance } from './conformance/shared-suite.ts';
import { type EmulatorTarget, liveTargetFromEnv, startEmulatorTarget } from './support/target.ts';

describe('conformance: emulator', () => {
  let target: EmulatorTarget;
  beforeAll(async () => {
    target = await startEmulatorTarget();
  });
  afterAll(() => target.close());
  defineSharedConformance(() => target);
});

const live = liveTargetFromEnv();
// Skipped unless ARIZE_BASE_URL and ARIZE_API_KEY point at a real Arize account (it reads, and
// creates then deletes one throwaway organization). Run it with `npm run conformance -- --live`.
describe.skipIf(live === undefined)(
  'conformance: live Arize (needs ARIZE_BASE_URL and ARIZE_API_KEY)',
  () => {
    defineSharedConformance(() => {
      if (!live) throw new Error('live target not configured');
      return live;
    });
  },
);
