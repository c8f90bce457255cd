import {
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type GraphQLFieldConfigArgumentMap,
} from 'graphql';
import { maskError } from '../errors.js';
import { inputLiteralsRule, variablesError, type InputGuardOptions } from '../input-guard.js';
import { DateScalar, inputScalars, JSONObjectScalar } from '../scalars.js';

/** A schema shaped like thidua's: a Float, text, a Date, an input object with a list. */
function schemaWith(date: GraphQLScalarType, json: GraphQLScalarType): GraphQLSchema {
  const ComponentInput = new GraphQLInputObjectType({
    name: 'ComponentInput',
    fields: { indicator: { type: new GraphQLNonNull(GraphQLID) }, weight: { type: new GraphQLNonNull(GraphQLFloat) } },
  });
  const args: GraphQLFieldConfigArgumentMap = {
    points: { type: GraphQLFloat },
    year: { type: GraphQLInt },
    name: { type: GraphQLString },
    id: { type: GraphQLID },
    asOf: { type: date },
    days: { type: new GraphQLList(date) },
    payload: { type: json },
    components: { type: new GraphQLList(new GraphQLNonNull(ComponentInput)) },
  };
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { run: { type: GraphQLString, args } } }),
  });
}

const subgraphSchema = schemaWith(DateScalar, JSONObjectScalar);
// The gateway's view: the supergraph names the scalars and knows nothing of them.
const gatewaySchema = schemaWith(
  new GraphQLScalarType({ name: 'Date' }),
  new GraphQLScalarType({ name: 'JSONObject' }),
);
const gateway: InputGuardOptions = { opaqueScalars: inputScalars };

/** Validates like Apollo Server does, then formats like the kit's servers do. */
function literalErrors(schema: GraphQLSchema, query: string, options: InputGuardOptions = {}) {
  return validate(schema, parse(query), [...specifiedRules, inputLiteralsRule(options)]).map((error) => {
    // Apollo wraps every validation error the same way before formatError sees it.
    const wrapped = new GraphQLError(error.message, {
      nodes: error.nodes,
      originalError: error.originalError ?? error,
      extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    return maskError(wrapped.toJSON(), wrapped);
  });
}

function variableError(schema: GraphQLSchema, query: string, variables: Record<string, unknown>, options = {}) {
  const document = parse(query);
  return variablesError(schema, document, getOperationAST(document)!, variables, options);
}

describe('literals', () => {
  test.each([
    ['a Float too large for a double', '{ run(points: 1e999) }', 'points', '1e999'],
    [
      'an integer literal too large for a Float',
      `{ run(points: 1${'0'.repeat(400)}) }`,
      'points',
      `1${'0'.repeat(400)}`,
    ],
    ['a NUL in a String', '{ run(name: "a\\u0000b") }', 'name', 'a\u0000b'],
    ['a NUL in an ID', '{ run(id: "x\\u0000") }', 'id', 'x\u0000'],
    [
      'a Float inside a list of input objects',
      '{ run(components: [{indicator: "a", weight: 1}, {indicator: "b", weight: -1e400}]) }',
      'components[1].weight',
      '-1e400',
    ],
    ['a NUL inside a JSON object', '{ run(payload: {note: "\\u0000"}) }', 'payload.note', '\u0000'],
    ['a variable default', 'query($p: Float = 1e999) { run(points: $p) }', '$p', '1e999'],
  ])('%s is BAD_USER_INPUT naming the argument and the value', (_case, query, field, value) => {
    for (const [schema, options] of [
      [subgraphSchema, {}],
      [gatewaySchema, gateway],
    ] as const) {
      const errors = literalErrors(schema, query, options);
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, value });
      expect(errors[0].message.startsWith(`${field}: `)).toBe(true);
    }
  });

  test.each([
    ['not a date', '{ run(asOf: "not-a-date") }', 'asOf', 'not-a-date'],
    ['the 30th of February', '{ run(asOf: "2025-02-30") }', 'asOf', '2025-02-30'],
    ['a JSON scalar given a string', '{ run(payload: "x") }', 'payload', 'x'],
  ])(
    'a custom scalar refusing %s is one BAD_USER_INPUT naming the argument, at a subgraph and at the gateway',
    (_case, query, field, value) => {
      for (const [schema, options] of [
        [subgraphSchema, {}],
        [gatewaySchema, gateway],
      ] as const) {
        const errors = literalErrors(schema, query, options);
        expect(errors).toHaveLength(1);
        expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, value });
      }
    },
  );

  test.each([
    ['an Int too large for 32 bits', `{ run(year: 1${'0'.repeat(12)}) }`, 'year', Number(`1${'0'.repeat(12)}`)],
    ['a string for an Int', '{ run(year: "2019") }', 'year', '2019'],
    [
      'a float for an Int, inside a list',
      '{ run(components: [{indicator: "a", weight: 1}, {indicator: 7.5, weight: 1}]) }',
      'components[1].indicator',
      7.5,
    ],
  ])(
    'a literal the type system refuses (%s) is one BAD_USER_INPUT naming the argument',
    (_case, query, field, value) => {
      const errors = literalErrors(subgraphSchema, query);
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field, value });
      expect(errors[0].message.startsWith(`${field}: `)).toBe(true);
    },
  );

  test.each([
    ['an unknown argument', '{ run(nope: 1) }'],
    ['an unknown field', '{ nope }'],
    ['a variable used where its type does not fit', 'query($n: String) { run(year: $n) }'],
    ['an undefined variable', '{ run(year: $y) }'],
  ])('a mistake in the document itself (%s) stays GRAPHQL_VALIDATION_FAILED', (_case, query) => {
    const errors = literalErrors(subgraphSchema, query);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((error) => error.extensions?.code)).toEqual(errors.map(() => 'GRAPHQL_VALIDATION_FAILED'));
  });

  test('a JSON object given a list is one error, whatever the list holds', () => {
    const errors = literalErrors(gatewaySchema, '{ run(payload: [1, "a", {b: 2}]) }', gateway);
    expect(errors.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'payload', value: [1, 'a', { b: 2 }] },
    ]);
  });

  test('a list of dates is checked item by item', () => {
    expect(literalErrors(gatewaySchema, '{ run(days: ["2025-01-01", "2025-01-02"]) }', gateway)).toEqual([]);
    const errors = literalErrors(gatewaySchema, '{ run(days: ["2025-01-01", "2025-01-32"]) }', gateway);
    expect(errors.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'days[1]', value: '2025-01-32' },
    ]);
  });

  test('good values pass', () => {
    const query =
      '{ run(points: 1.5e3, name: "Vĩnh Phúc", asOf: "2025-07-01", payload: {a: [1, "b"]}, components: [{indicator: "a", weight: 2}]) }';
    expect(literalErrors(subgraphSchema, query)).toEqual([]);
    expect(literalErrors(gatewaySchema, query, gateway)).toEqual([]);
  });
});

describe('variables, named by the argument they are used in', () => {
  const query =
    'query($p: Float, $n: String, $d: Date, $c: [ComponentInput!], $j: JSONObject) { run(points: $p, name: $n, asOf: $d, components: $c, payload: $j) }';

  test.each([
    ['Infinity (JSON 1e999)', { p: Infinity }, 'points', 'Infinity'],
    ['a NUL in a string', { n: 'a\u0000' }, 'name', 'a\u0000'],
    ['a lone surrogate (the parser refuses one in a literal)', { n: 'x\uD800' }, 'name', 'x\uD800'],
    ['a NUL deep in an input object', { c: [{ indicator: 'x\u0000', weight: 1 }] }, 'c', undefined],
    ['a NUL deep in a JSON object', { j: { list: ['ok', 'no\u0000'] } }, 'payload.list[1]', 'no\u0000'],
  ])('%s', (_case, variables, field, value) => {
    const error = variableError(subgraphSchema, query, variables);
    const expectedField = field === 'c' ? 'components[0].indicator' : field;
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expectedField });
    if (value !== undefined) expect(error?.extensions.value).toBe(value);
  });

  test('the gateway checks a Date it knows only by name', () => {
    expect(variableError(gatewaySchema, query, { d: '2025-02-30' }, gateway)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'asOf',
      value: '2025-02-30',
    });
    expect(variableError(gatewaySchema, query, { d: '2025-02-28' }, gateway)).toBeUndefined();
  });

  test('a variable used inside a literal is named by its place in it', () => {
    const nested = 'query($w: Float!) { run(components: [{indicator: "a", weight: 1}, {indicator: "b", weight: $w}]) }';
    expect(variableError(subgraphSchema, nested, { w: -Infinity })?.extensions).toMatchObject({
      field: 'components[1].weight',
    });
  });
});
