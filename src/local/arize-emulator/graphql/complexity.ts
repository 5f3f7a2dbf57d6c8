import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_FIRST } from './nodes.ts';

/**
 * Query cost (the emulator's model of Arize's complexity limit; see choices.ts): every field
 * returning an object costs 1; scalars and enums are free; inside a connection, `edges`/`nodes`
 * and everything under them are multiplied by the connection's `first` (default 50).
 */
export function queryComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const root =
    operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 1;

  const argNumber = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return typeof v === 'number' ? v : undefined;
    }
    return undefined;
  };

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    first: number | undefined,
    seen: Set<string>,
  ): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const name = sel.typeCondition?.name.value;
        const type = name ? schema.getType(name) : parent;
        if (type && isCompositeType(type))
          cost += walk(sel.selectionSet, type, multiplier, first, seen);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        const type = schema.getType(frag.typeCondition.name.value);
        if (type && isCompositeType(type)) {
          cost += walk(
            frag.selectionSet,
            type,
            multiplier,
            first,
            new Set([...seen, frag.name.value]),
          );
        }
        continue;
      }
      if (sel.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent)))
        continue;
      const field = parent.getFields()[sel.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const isPage =
        first !== undefined && (sel.name.value === 'edges' || sel.name.value === 'nodes');
      const own = isPage ? multiplier * first : multiplier;
      cost += own;
      if (!sel.selectionSet) continue;
      const firstArg = sel.arguments?.find((a) => a.name.value === 'first');
      const childFirst = named.name.endsWith('Connection')
        ? Math.max(0, argNumber(firstArg?.value) ?? DEFAULT_FIRST)
        : undefined;
      cost += walk(sel.selectionSet, named, own, childFirst, seen);
    }
    return cost;
  };
  return Math.max(1, walk(operation.selectionSet, root, 1, undefined, new Set()));
}
