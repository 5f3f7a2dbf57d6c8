import { runPolicyCli } from '../src/local/policy-cli.ts';

const code = await runPolicyCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exit(code);
