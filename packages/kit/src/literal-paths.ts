import type { ValueNode } from 'graphql';

/*
 * Where each literal of a document sits among its operation's arguments
 * (`input.year`, `provinceIds[2]`), noted by the input rule as validation
 * starts, so that a scalar refusing a literal, or a validation error about
 * one, can name the argument. Keyed by the document's own nodes: nothing
 * outlives the document.
 */
const paths = new WeakMap<ValueNode, string>();

/** Notes the argument path of a literal value node. */
export function noteLiteralPath(node: ValueNode, path: string): void {
  paths.set(node, path);
}

/** The argument path noted for a literal, if any. */
export function literalPath(node: ValueNode): string | undefined {
  return paths.get(node);
}
