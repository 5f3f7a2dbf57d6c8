import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDesiredAccessText } from '../src/domain/drift/desired-access.ts';

/** The desired-access files to bundle: the folder (absolute) and the file names. */
export interface DesiredAccessFiles {
  readonly dir: string;
  readonly files: readonly string[];
}

/** Where the files are in the scheduled function's bundle (Lambda's task root). */
export const bundledDesiredAccessDir = '/var/task/desired-access';

/** File names the bundling command copies as they are (no quoting needed, nothing hidden). */
const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;

/**
 * Reads and validates `desiredAccessDir` at synth with the drift job's own parser, throwing one
 * error that names every problem (a file that does not parse, two files for one organization,
 * a folder with no `.json` file), so a bad file never reaches the function.
 */
export function loadDesiredAccessDir(dir: string): DesiredAccessFiles {
  const where = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(where)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`desiredAccessDir: ${dir} cannot be read (${code})`);
  }
  const problems: string[] = [];
  if (names.length === 0) problems.push(`${dir} has no .json file`);
  const byOrg = new Map<string, string>();
  for (const name of names) {
    if (!safeName.test(name)) {
      problems.push(`${name}: name it with letters, digits, '.', '_' or '-' only`);
      continue;
    }
    const parsed = parseDesiredAccessText(readFileSync(resolve(where, name), 'utf8'));
    if (!parsed.ok) {
      problems.push(`${name}: ${parsed.error.replaceAll('\n', '; ')}`);
      continue;
    }
    const org = parsed.value.organization;
    const first = byOrg.get(org);
    if (first) problems.push(`${name}: organization ${org} is declared in ${first} already`);
    else byOrg.set(org, name);
  }
  if (problems.length > 0) throw new Error(`desiredAccessDir: ${problems.join('; ')}`);
  return { dir: where, files: names };
}

const quoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** The commands that copy the files into the bundle (run by the CDK after esbuild). */
export function copyDesiredAccessCommands(files: DesiredAccessFiles, outputDir: string): string[] {
  const target = `${outputDir}/desired-access`;
  return [
    `mkdir -p ${quoted(target)}`,
    ...files.files.map(
      (name) => `cp ${quoted(`${files.dir}/${name}`)} ${quoted(`${target}/${name}`)}`,
    ),
  ];
}
