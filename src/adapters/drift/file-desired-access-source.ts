import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DesiredAccessSource } from '../../app/ports.ts';
import { parseDesiredAccessText } from '../../domain/drift/desired-access.ts';
import { err } from '../../domain/result.ts';

/** The `.json` files of a directory, read on every run (bundled in AWS, any folder locally). */
export function fileDesiredAccessSource(dir: string): DesiredAccessSource {
  return {
    list: async () => {
      const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
      return Promise.all(
        names.map(async (file) => {
          try {
            return {
              file,
              desired: parseDesiredAccessText(await readFile(join(dir, file), 'utf8')),
            };
          } catch (error: unknown) {
            const code = (error as NodeJS.ErrnoException).code ?? 'error';
            return { file, desired: err(`cannot be read (${code})`) };
          }
        }),
      );
    },
  };
}
