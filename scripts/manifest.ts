/**
 * `npm run manifest -- --url API_URL [--name NAME]`: prints the Slack app manifest (JSON) for a
 * deployment on stdout, ready for "Create an app → From a manifest"; the scopes it asks for, and
 * why, go to stderr. API_URL is the stack's `ApiUrl` output.
 */
import { fileURLToPath } from 'node:url';
import { buildSlackManifest, parseApiUrl } from '../src/adapters/slack/slack-manifest.ts';
import { botScopes } from '../src/adapters/slack/slack-scopes.ts';

/** What the command prints and its exit code, for a list of arguments. */
export function runManifestCommand(args: readonly string[]): {
  code: number;
  stdout: string;
  stderr: string;
} {
  const usage =
    "usage: npm run manifest -- --url API_URL [--name NAME]   (API_URL: the stack's ApiUrl output)\n";
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i] ?? '';
    const value = args[i + 1];
    if (!['--url', '--name'].includes(flag) || value === undefined) {
      return { code: 2, stdout: '', stderr: `unknown or incomplete option ${flag}\n${usage}` };
    }
    options.set(flag, value);
  }
  const urlText = options.get('--url');
  if (urlText === undefined) return { code: 2, stdout: '', stderr: `--url is required\n${usage}` };
  const url = parseApiUrl(urlText);
  if (!url.ok) return { code: 2, stdout: '', stderr: `${url.error}\n` };
  const name = options.get('--name') ?? 'arize-ops';
  if (!/^[a-z0-9][a-z0-9._-]{0,34}$/.test(name)) {
    return {
      code: 2,
      stdout: '',
      stderr: `--name ${name}: lower-case letters, digits, '.', '_' or '-', at most 35\n`,
    };
  }
  const manifest = buildSlackManifest(url.url, name);
  const width = Math.max(...Object.keys(botScopes).map((scope) => scope.length));
  const reasons = Object.entries(botScopes)
    .map(([scope, why]) => `  ${scope.padEnd(width)}  ${why}`)
    .join('\n');
  return {
    code: 0,
    stdout: `${JSON.stringify(manifest, null, 2)}\n`,
    stderr: `bot scopes requested, and why:\n${reasons}\n`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = runManifestCommand(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
