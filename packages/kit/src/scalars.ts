import { GraphQLError, GraphQLScalarType, valueFromASTUntyped, type ValueNode } from 'graphql';
import { DateResolver, DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { badInput, ErrorCode } from './errors.js';
import { literalPath } from './literal-paths.js';

/*
 * The custom scalars every thidua schema uses. They parse as graphql-scalars'
 * do; a value they refuse is BAD_USER_INPUT naming the argument it was given
 * for (a literal) and the value, where graphql-scalars' own error names neither.
 */

const reasons = new WeakMap<GraphQLScalarType, string>();

function strict(scalar: GraphQLScalarType, reason: string): GraphQLScalarType {
  const config = scalar.toConfig();
  const parseValue = config.parseValue!;
  const parseLiteral = config.parseLiteral!;
  const checked = new GraphQLScalarType({
    ...config,
    parseValue(value) {
      try {
        return parseValue(value);
      } catch {
        // graphql-js prefixes this with the variable's name and value.
        throw new GraphQLError(`the value ${reason}`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      }
    },
    parseLiteral(node, variables) {
      try {
        return parseLiteral(node, variables);
      } catch {
        const named = badInput(literalPath(node) ?? scalar.name, valueFromASTUntyped(node, variables), reason);
        throw new GraphQLError(named.message, { nodes: node, extensions: named.extensions });
      }
    },
  });
  reasons.set(checked, reason);
  return checked;
}

/** A calendar day, "2025-07-01" (RFC 3339 full-date). */
export const DateScalar = strict(DateResolver, 'is not a date of the form YYYY-MM-DD, e.g. "2025-07-01"');

/** An instant with its offset, "2025-07-01T08:30:00Z" (RFC 3339 date-time). */
export const DateTimeScalar = strict(
  DateTimeResolver,
  'is not a date-time with a time zone, e.g. "2025-07-01T08:30:00Z"',
);

/** A JSON object. */
export const JSONObjectScalar = strict(JSONObjectResolver, 'is not a JSON object');

/** The kit's scalars by name: what the gateway, which knows them only by name, checks values against. */
export const inputScalars: Readonly<Record<string, GraphQLScalarType>> = Object.freeze({
  Date: DateScalar,
  DateTime: DateTimeScalar,
  JSONObject: JSONObjectScalar,
});

/** Checks a variable value against one of the kit's scalars: the BAD_USER_INPUT error naming `field`, or undefined. */
export function scalarValueError(scalar: GraphQLScalarType, field: string, value: unknown): GraphQLError | undefined {
  try {
    scalar.parseValue(value);
    return undefined;
  } catch {
    return badInput(field, value, reasons.get(scalar) ?? `is not a valid ${scalar.name}`);
  }
}

/** Checks a literal against one of the kit's scalars: the BAD_USER_INPUT error naming `field`, or undefined. */
export function scalarLiteralError(
  scalar: GraphQLScalarType,
  field: string,
  node: ValueNode,
): GraphQLError | undefined {
  try {
    scalar.parseLiteral(node, undefined);
    return undefined;
  } catch {
    const named = badInput(field, valueFromASTUntyped(node), reasons.get(scalar) ?? `is not a valid ${scalar.name}`);
    return new GraphQLError(named.message, { nodes: node, extensions: named.extensions });
  }
}
