import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { badInput } from './errors.js';
import { literalPath, noteLiteralPath } from './literal-paths.js';
import { scalarLiteralError, scalarValueError } from './scalars.js';
import { isWellFormedText } from './validation.js';

/*
 * What no resolver should ever see, refused for every argument of every
 * operation before anything runs: a number too large for a Float (a literal
 * such as 1e999 parses to Infinity), a string with a NUL character or a lone
 * surrogate (Postgres cannot store either), a value the schema's custom
 * scalars refuse. Each refusal is BAD_USER_INPUT naming the argument path
 * (`input.recipientName`, `components[1].weight`) and the value.
 */

export interface InputGuardOptions {
  /**
   * Scalars the schema knows only by name, checked here with their real
   * implementation: the gateway's schema comes from the supergraph, where
   * `Date` accepts any value. A subgraph's schema has the real scalars.
   */
  opaqueScalars?: Readonly<Record<string, GraphQLScalarType>>;
}

type Scalars = Readonly<Record<string, GraphQLScalarType>>;

/** Notes the argument path of a literal and of everything inside it. */
function notePaths(node: ValueNode, path: string): void {
  noteLiteralPath(node, path);
  if (node.kind === Kind.LIST) node.values.forEach((item, i) => notePaths(item, `${path}[${i}]`));
  else if (node.kind === Kind.OBJECT)
    node.fields.forEach((field) => notePaths(field.value, `${path}.${field.name.value}`));
}

const tooLarge = 'is not a finite number: it is too large for a 64-bit float';

function stringProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains the control character U+0000 (NUL)';
  if (!isWellFormedText(value)) return 'is not well-formed Unicode (it has a lone surrogate)';
  return undefined;
}

/** Built-in scalars graphql-js range-checks itself (Int) or reads as text (ID, String). */
const rangeChecked = new Set(['Int', 'ID', 'String', 'Boolean']);

function needsFiniteCheck(type: GraphQLNamedType | undefined): boolean {
  return !type || !rangeChecked.has(type.name);
}

/**
 * The validation rule for literals in the document (arguments and variable
 * defaults). It also notes each literal's path, which the kit's scalars put
 * in their own errors.
 */
export function inputLiteralsRule(options: InputGuardOptions = {}): ValidationRule {
  const opaque: Scalars = options.opaqueScalars ?? {};
  return (context: ValidationContext): ASTVisitor => {
    const report = (node: ValueNode, reason: string, value: unknown) => {
      const named = badInput(literalPath(node) ?? 'argument', value, reason);
      context.reportError(new GraphQLError(named.message, { nodes: node, extensions: named.extensions }));
    };
    // Literals inside one an opaque scalar took whole (the items of a JSON list): checked with it.
    const insideScalar = new Set<ValueNode>();
    const markInside = (node: ValueNode): void => {
      const children =
        node.kind === Kind.LIST ? node.values : node.kind === Kind.OBJECT ? node.fields.map((f) => f.value) : [];
      for (const child of children) {
        insideScalar.add(child);
        markInside(child);
      }
    };
    const checkOpaque = (node: ValueNode): boolean => {
      if (insideScalar.has(node) || node.kind === Kind.VARIABLE) return true;
      // Entering a list, TypeInfo already holds its item type: the list's own type is one level up.
      const here = node.kind === Kind.LIST ? context.getParentInputType() : context.getInputType();
      const type = getNullableType(here ?? undefined);
      const scalar = type && isScalarType(type) ? opaque[type.name] : undefined;
      if (!scalar) return true;
      markInside(node);
      const error = scalarLiteralError(scalar, literalPath(node) ?? 'argument', node);
      if (error) context.reportError(error);
      return !error;
    };
    const checkNumber = (node: ValueNode & { value: string }) => {
      if (!checkOpaque(node)) return;
      const type = getNamedType(context.getInputType() ?? undefined);
      if (needsFiniteCheck(type) && !Number.isFinite(Number(node.value))) {
        report(node, tooLarge, node.value);
      }
    };
    return {
      Argument(node) {
        notePaths(node.value, node.name.value);
      },
      VariableDefinition(node) {
        if (node.defaultValue) notePaths(node.defaultValue, `$${node.variable.name.value}`);
      },
      IntValue: checkNumber,
      FloatValue: checkNumber,
      StringValue(node) {
        if (!checkOpaque(node)) return;
        const problem = stringProblem(node.value);
        if (problem) report(node, problem, node.value);
      },
      ObjectValue: (node) => void checkOpaque(node),
      ListValue: (node) => void checkOpaque(node),
      BooleanValue: (node) => void checkOpaque(node),
      EnumValue: (node) => void checkOpaque(node),
    };
  };
}

/**
 * Where a walk through a variable's value is (`$input[2].name`): one list of
 * steps for the whole walk, pushed and popped, written out only for an error.
 * A walk that named every value it passed made a string per value; the
 * representations of a federation fetch have hundreds.
 */
class ValuePath {
  private readonly steps: (string | number)[] = [];

  constructor(private readonly root: string) {}

  enter(step: string | number): void {
    this.steps.push(step);
  }

  leave(): void {
    this.steps.pop();
  }

  toString(): string {
    return this.root + this.steps.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');
  }
}

/** A string or number anywhere in a value (JSON scalars included) that no resolver should see. */
function deepError(value: unknown, path: ValuePath): GraphQLError | undefined {
  if (typeof value === 'string') {
    const problem = stringProblem(value);
    return problem ? badInput(String(path), value, problem) : undefined;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : badInput(String(path), value, tooLarge);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.enter(i);
      const error = deepError(value[i], path);
      path.leave();
      if (error) return error;
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      path.enter(key);
      const error = deepError((value as Record<string, unknown>)[key], path);
      path.leave();
      if (error) return error;
    }
  }
  return undefined;
}

/** The first problem in a variable's value, checked at the argument position it is used in. */
function valueError(
  value: unknown,
  type: GraphQLInputType | undefined,
  path: ValuePath,
  opaque: Scalars,
): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = type ? getNullableType(type) : undefined;
  if (nullable && isListType(nullable)) {
    if (!Array.isArray(value)) return valueError(value, nullable.ofType, path, opaque);
    for (let i = 0; i < value.length; i++) {
      path.enter(i);
      const error = valueError(value[i], nullable.ofType, path, opaque);
      path.leave();
      if (error) return error;
    }
    return undefined;
  }
  if (nullable && isInputObjectType(nullable) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = nullable.getFields();
    for (const key of Object.keys(value)) {
      path.enter(key);
      const error = valueError((value as Record<string, unknown>)[key], fields[key]?.type, path, opaque);
      path.leave();
      if (error) return error;
    }
    return undefined;
  }
  const scalar = nullable && isScalarType(nullable) ? opaque[nullable.name] : undefined;
  const scalarError = scalar ? scalarValueError(scalar, String(path), value) : undefined;
  return scalarError ?? deepError(value, path);
}

/** Where an operation uses a variable: its name, the argument path, the input type there. */
interface VariableUse {
  name: string;
  path: string;
  type: GraphQLInputType | undefined;
}

/**
 * The variable uses of each operation, in document order, found once per
 * operation node: Apollo Server keeps parsed documents, so an operation sent
 * again is the same node and costs no walk with TypeInfo.
 */
const variableUses = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, VariableUse[]>>();

function usesOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): VariableUse[] {
  let bySchema = variableUses.get(schema);
  if (!bySchema) variableUses.set(schema, (bySchema = new WeakMap()));
  const known = bySchema.get(operation);
  if (known) return known;
  const typeInfo = new TypeInfo(schema);
  const uses: VariableUse[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Argument(node) {
        notePaths(node.value, node.name.value);
      },
      Variable(node) {
        const path = literalPath(node);
        if (path !== undefined) uses.push({ name: node.name.value, path, type: typeInfo.getInputType() ?? undefined });
      },
    }),
  );
  bySchema.set(operation, uses);
  return uses;
}

/** The first problem in the operation's variables, named by the argument path each is used at. */
export function variablesError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  options: InputGuardOptions = {},
): GraphQLError | undefined {
  const opaque: Scalars = options.opaqueScalars ?? {};
  for (const { name, path, type } of usesOf(schema, document, operation)) {
    if (!(name in variables)) continue;
    const found = valueError(variables[name], type, new ValuePath(path), opaque);
    if (found) return found;
  }
  return undefined;
}

function withBadRequestStatus(error: GraphQLError): GraphQLError {
  (error.extensions as Record<string, unknown>).http = { status: 400 };
  return error;
}

/** Names the operation a request asked for that its document does not have. */
function operationError(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const message = operationName
    ? `Unknown operation named "${operationName}": the document has ${
        document.definitions
          .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [`"${d.name.value}"`] : []))
          .join(', ') || 'no named operation'
      }`
    : 'The document has several operations: name the one to run in operationName';
  return new GraphQLError(message, {
    extensions: {
      code: 'OPERATION_RESOLUTION_FAILURE',
      field: 'operationName',
      value: operationName ?? null,
      http: { status: 400 },
    },
  });
}

/**
 * Checks variables where they are used, and answers 400 for an operationName
 * that names no operation (the gateway would otherwise fail inside its query
 * planner with a 500).
 */
export function inputGuardPlugin<TContext extends BaseContext>(
  options: InputGuardOptions = {},
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) throw operationError(document, request.operationName);
          const error = variablesError(schema, document, operation, request.variables ?? {}, options);
          if (error) throw withBadRequestStatus(error);
        },
      };
    },
  };
}

/** The validation rule and the plugin, for ApolloServer's `validationRules` and `plugins`. */
export function inputGuard<TContext extends BaseContext>(options: InputGuardOptions = {}) {
  return {
    validationRules: [inputLiteralsRule(options)],
    plugins: [inputGuardPlugin<TContext>(options)],
  };
}
