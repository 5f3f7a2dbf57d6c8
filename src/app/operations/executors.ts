import type { Executor } from './executor.ts';
import { helpExecutors } from './help-executors.ts';
import { spaceExecutors } from './space-executors.ts';

/** The executor of every catalogue id; a test fails when an id has none. */
export const executors: Readonly<Record<string, Executor>> = {
  ...spaceExecutors,
  ...helpExecutors,
};
