import { silenceArizePrereleaseWarning } from '../src/config.ts';
import { runDriftCli } from '../src/local/drift-cli.ts';
import { quietSdkNodeVersionWarning } from '../src/local/quiet-sdk-warnings.ts';

silenceArizePrereleaseWarning();
quietSdkNodeVersionWarning();
const code = await runDriftCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exit(code);
