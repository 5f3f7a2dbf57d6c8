import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The one file allowed to read the environment. */
export const allowedEnvReader = 'src/config.ts';

// The product's code; bench fixtures and scripts imitate or drive it from outside.
const sourceRoots = ['functions', 'src', 'cdk'];
const envAccess = /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*['"]env['"]\s*\]/;

/** Files (relative to `root`) that read `process.env`, other than src/config.ts. */
export function findEnvReaders(root: string): string[] {
  const offenders: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'cdk.out') continue;
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.[cm]?tsx?$/.test(name) && readsEnvironment(readFileSync(path, 'utf8'))) {
        offenders.push(relative(root, path));
      }
    }
  };
  for (const dir of sourceRoots) {
    try {
      visit(join(root, dir));
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return offenders.filter((file) => file !== allowedEnvReader && file !== 'scripts/env-readers.ts');
}

/** True when code (comments excluded) touches `process.env`. */
export function readsEnvironment(code: string): boolean {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return envAccess.test(withoutComments);
}
