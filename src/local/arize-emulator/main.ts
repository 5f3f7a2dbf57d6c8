import { emulatorConfigSchema, parseConfig } from '../../config.ts';
import { type FaultConfig, faultConfigSchema } from './faults.ts';
import { DEMO_ADMIN_API_KEY } from './seed/demo-seed.ts';
import { loadSeedFile } from './seed/seed-schema.ts';
import { startArizeEmulator } from './server.ts';

/**
 * CLI entry (`npm run emulator`). Flags win over the environment (read by src/config.ts):
 * ARIZE_EMULATOR_PORT (default 4010), ARIZE_EMULATOR_HOST (default 127.0.0.1),
 * ARIZE_EMULATOR_SEED (JSON seed file; or --seed file.json), ARIZE_EMULATOR_ADMIN_KEY,
 * ARIZE_EMULATOR_FAULTS (JSON FaultConfig).
 */
function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const env = parseConfig(emulatorConfigSchema);
  const port = Number(argValue('--port') ?? env.ARIZE_EMULATOR_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid port '${port}'`);
  const seedPath = argValue('--seed') ?? env.ARIZE_EMULATOR_SEED;
  const faultsJson = argValue('--faults') ?? env.ARIZE_EMULATOR_FAULTS;
  const faults: FaultConfig | undefined = faultsJson
    ? (faultConfigSchema.parse(JSON.parse(faultsJson)) as FaultConfig)
    : undefined;
  const adminApiKey = env.ARIZE_EMULATOR_ADMIN_KEY ?? DEMO_ADMIN_API_KEY;
  const emulator = await startArizeEmulator({
    port,
    host: argValue('--host') ?? env.ARIZE_EMULATOR_HOST,
    seed: seedPath ? loadSeedFile(seedPath) : 'demo',
    adminApiKey,
    ...(faults ? { faults } : {}),
  });
  console.log(`arize emulator listening on ${emulator.url}`);
  console.log(`  REST:    ${emulator.url}/v2   (Authorization: Bearer <key>)`);
  console.log(`  GraphQL: ${emulator.url}/graphql   (x-api-key: <key>)`);
  console.log(`  admin key: ${adminApiKey}`);
  console.log(`  seed: ${seedPath ?? 'demo'}`);
  const stop = (): void => {
    emulator.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('arize emulator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
