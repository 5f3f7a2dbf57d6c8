import { readFile } from 'node:fs/promises';
import { createArizeGateway } from '../adapters/arize/arize-gateway.ts';
import { createTargetResolver } from '../adapters/arize/target-resolver.ts';
import { makeCheckDrift } from '../app/drift/check-drift.ts';
import { driftCliConfigSchema, parseConfig } from '../config.ts';
import { parseDesiredAccessText } from '../domain/drift/desired-access.ts';
import { driftPlanText } from '../domain/drift/drift-plan.ts';
import { isAppError } from '../domain/errors.ts';
import { DEMO_ADMIN_API_KEY, startArizeEmulator } from './arize-emulator/index.ts';

export interface DriftCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const usage = [
  'usage: npm run drift -- FILE',
  '',
  'Compares a desired-access file (one organization: spaces → members by e-mail → role, see',
  'docs/access-as-code.md) with Arize (ARIZE_BASE_URL and ARIZE_API_KEY; else the emulator) and',
  'prints the plan. Exit 0: no drift; 1: drift; 2: a bad file or usage; 3: Arize could not be read.',
].join('\n');

/** `npm run drift`: the plan on stdout and the exit code (0 none, 1 drift, 2 bad file, 3 Arize). */
export async function runDriftCli(argv: readonly string[], io: DriftCliIo): Promise<number> {
  const [file, ...extra] = argv;
  if (!file || extra.length > 0 || file.startsWith('-')) {
    io.stderr(`${usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    io.stderr(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return 2;
  }
  const desired = parseDesiredAccessText(text);
  if (!desired.ok) {
    io.stderr(`${file}: ${desired.error}\n`);
    return 2;
  }
  const config = parseConfig(driftCliConfigSchema, io.env);
  const emulator =
    config.ARIZE_BASE_URL && config.ARIZE_API_KEY
      ? undefined
      : await startArizeEmulator({ port: 0 });
  try {
    const apiKey = emulator ? DEMO_ADMIN_API_KEY : (config.ARIZE_API_KEY as string);
    const gateway = createArizeGateway({
      baseUrl: emulator ? emulator.url : (config.ARIZE_BASE_URL as string),
      appUrl: emulator ? emulator.url : (config.ARIZE_BASE_URL as string),
      apiKey: async () => apiKey,
      developerKey: async () => (emulator ? apiKey : (config.ARIZE_DEVELOPER_KEY ?? apiKey)),
    });
    const check = makeCheckDrift({ gateway, resolver: createTargetResolver(gateway) });
    const plan = await check(desired.value);
    io.stdout(`${driftPlanText(plan)}\n`);
    return plan.spaces.length === 0 ? 0 : 1;
  } catch (error: unknown) {
    io.stderr(
      `${isAppError(error) ? error.message : `Arize could not be read: ${String(error)}`}\n`,
    );
    return isAppError(error) && error.code === 'ARIZE.NOT_FOUND' ? 2 : 3;
  } finally {
    await emulator?.close();
  }
}
