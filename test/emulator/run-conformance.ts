/**
 * `npm run conformance [-- --live]`: runs the shared conformance suite (test/emulator/conformance.test.ts)
 * against a fresh emulator, or with --live against the Arize account in ARIZE_BASE_URL /
 * ARIZE_API_KEY (reads, plus one throwaway organization that is created and deleted).
 */
import { startVitest } from 'vitest/node';

const live = process.argv.includes('--live');
if (live && (!process.env.ARIZE_BASE_URL || !process.env.ARIZE_API_KEY)) {
  console.error('--live needs ARIZE_BASE_URL and ARIZE_API_KEY (a real Arize account).');
  process.exit(2);
}
process.env.DISABLE_PRERELEASE_WARNING = 'true';
const pattern = live ? '^conformance: live Arize' : '^conformance: emulator';
console.log(`conformance target: ${live ? process.env.ARIZE_BASE_URL : 'fresh emulator'}`);
const vitest = await startVitest('test', ['test/emulator/conformance.test.ts'], {
  run: true,
  watch: false,
  testNamePattern: pattern,
});
const failed = vitest?.state.getCountOfFailedTests() ?? 1;
await vitest?.close();
process.exit(failed > 0 || !vitest ? 1 : 0);
