import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Per field of a parsed operation (Apollo Server keeps parsed documents, so across requests too). */
const known = new WeakMap<FieldNode, ReadonlySet<string>>();

/**
 * The names of the fields the field being resolved selects on its value,
 * directly, in inline fragments and in named fragments (each read once). A
 * loader that reads many rows asks this to read only the columns a query
 * needs (docs/architecture.md, "Reading only what is asked"). A field asked
 * once in its operation is walked once, however many objects it is resolved
 * for (every season of every cluster: each season's members).
 */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ReadonlySet<string> {
  const [only] = info.fieldNodes;
  const single = info.fieldNodes.length === 1;
  const cached = single ? known.get(only) : undefined;
  if (cached) return cached;
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  if (single) known.set(only, names);
  return names;
}
