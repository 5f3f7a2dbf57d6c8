import { silenceArizePrereleaseWarning } from '../src/config.ts';
import { runJobCli } from '../src/local/job-cli.ts';
import { quietSdkNodeVersionWarning } from '../src/local/quiet-sdk-warnings.ts';

silenceArizePrereleaseWarning();
quietSdkNodeVersionWarning();
const code = await runJobCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
process.exit(code);
