import { readFile } from 'node:fs/promises';
import { parsePolicyText } from '../domain/policy/policy.ts';
import { describePolicy } from '../domain/policy/policy-table.ts';

export interface PolicyCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const usage = [
  'usage: npm run policy -- check FILE',
  '',
  'Validates a policy file offline with the parser cdk synth and the functions use, and prints',
  'who may request and approve what. Exit 1 when the file does not validate.',
].join('\n');

/** `npm run policy`: the exit code (0 valid, 1 not valid or unreadable, 2 a usage error). */
export async function runPolicyCli(argv: readonly string[], io: PolicyCliIo): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command !== 'check' || !file || rest.length > 0) {
    const problem =
      command === 'check' ? 'name one policy file' : `unknown command ${command ?? ''}`;
    io.stderr(`${problem.trim()}\n\n${usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    io.stderr(`${file}: cannot read it (${error instanceof Error ? error.message : error})\n`);
    return 1;
  }
  const parsed = parsePolicyText(text);
  if (!parsed.ok) {
    const problems = parsed.error.replace(/^invalid policy: /, '').split('; ');
    io.stderr(`${file} is not a valid policy:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 1;
  }
  io.stdout(`${file}: valid\n\n${describePolicy(parsed.value)}\n`);
  return 0;
}
