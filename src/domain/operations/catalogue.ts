import { help } from './help-operations.ts';
import type { OperationDefinition } from './operation.ts';
import { spaceList } from './space-operations.ts';

/** Every operation the bot knows, defined once; parser, help, policy and README derive from it. */
export const catalogue: readonly OperationDefinition[] = [
  spaceList,
  help,
] as unknown as readonly OperationDefinition[];

export const findOperation = (id: string): OperationDefinition | undefined =>
  catalogue.find((operation) => operation.id === id);
