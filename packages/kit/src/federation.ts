import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

/** The Federation 2 directives the subgraphs use. */
const federationLink = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (...args: any[]) => unknown }>;

/**
 * Builds a type-graphql schema and turns it into an Apollo subgraph schema.
 * Every `__resolveReference` must be passed here: type-graphql's resolver map
 * does not carry them, and buildSubgraphSchema only wires what it is given.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  plainPropertyFields(options);
  const schema = await buildSchema({ ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  directFieldResolvers(options, resolvers);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${federationLink}\n${printSchemaWithDirectives(schema)}`),
    // type-graphql's map is structurally a resolver map but typed loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    resolvers: resolvers as any,
  });
}

/** Whether the schema's options put something around every field: a global middleware or an authorisation check. */
function runsAroundEveryField(options: Omit<BuildSchemaOptions, 'skipCheck'>): boolean {
  return Boolean(options.globalMiddlewares?.length || options.authChecker);
}

/**
 * A field that only reads its object's property gets no resolver of its own.
 * Without this, type-graphql gives every such field a resolver that builds a
 * middleware call for each value (one object and one closure per field per
 * row), and a compiled operation (executor.ts) must call it where it could
 * read the property inline: about 5,000 calls for a province page's
 * observations. graphql-js's default resolver reads the same property (a
 * field's schema name is its property name: a type with a renamed field keeps
 * type-graphql's resolvers). Only when nothing runs around fields: no
 * middleware, no authorisation checks.
 */
function plainPropertyFields(options: Omit<BuildSchemaOptions, 'skipCheck'>): void {
  const storage = getMetadataStorage();
  if (runsAroundEveryField(options)) return;
  if (storage.middlewares.length || storage.authorizedFields.length || storage.authorizedResolver.length) return;
  const renamed = new Set(storage.fields.filter((field) => field.schemaName !== field.name).map((f) => f.target));
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) {
    if (!renamed.has(type.target)) type.simpleResolvers ??= true;
  }
}

type Resolve = (root: unknown, args: unknown, context: unknown, info: unknown) => unknown;

/**
 * A field resolver that takes no arguments is called straight, as graphql-js
 * calls a resolver, instead of through type-graphql's handler. That handler,
 * on every call and so for every row of a list, looks the resolver's instance
 * up in its container, sorts and maps the method's parameters, runs the
 * middleware chain and copies the root into a new instance of its class
 * (`new Observation()` and `Object.assign`) even when the method only reads two
 * properties of it: about a tenth of a province page's CPU, three resolvers
 * for each of hundreds of observations.
 *
 * Only where that changes nothing the method can see: its parameters are the
 * root, the context (or one property of it) and `info`; nothing runs around
 * fields (no middleware, no authorisation, no container); and the root's class
 * adds nothing to a copy of the root (no methods, getters or default values),
 * so the method reads the same properties it would have read from the copy.
 * Anything else keeps type-graphql's handler.
 */
function directFieldResolvers(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  resolvers: Record<string, Record<string, unknown>>,
): void {
  const storage = getMetadataStorage();
  if (runsAroundEveryField(options) || options.container) return;
  const classes = new Set<unknown>(options.resolvers as readonly unknown[]);
  const instances = new Map<unknown, Record<string, (...params: unknown[]) => unknown>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || !classes.has(resolver.target)) continue;
    if (resolver.middlewares?.length || resolver.roles) continue;
    const objectType = resolver.getObjectType?.();
    const typeName = storage.objectTypes.find((type) => type.target === objectType)?.name;
    const field = typeName ? resolvers[typeName]?.[resolver.schemaName] : undefined;
    if (!typeName || typeof field !== 'function') continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    const readers = params.map((param): ((root: unknown, context: unknown, info: unknown) => unknown) | null => {
      switch (param.kind) {
        case 'root':
          // Without a type (an interface declared it), type-graphql hands the root over as it is.
          if (param.propertyName || (param.getType && !copyAddsNothing(param.getType()))) return null;
          return (root) => root;
        case 'context': {
          const property = param.propertyName;
          return property
            ? (_root, context) => (context as Record<string, unknown>)[property]
            : (_root, context) => context;
        }
        case 'info':
          return (_root, _context, info) => info;
        default:
          return null;
      }
    });
    if (readers.some((reader) => reader === null) || readers.some((_, i) => params[i].index !== i)) continue;
    let instance = instances.get(resolver.target);
    if (!instance) {
      instance = new (resolver.target as new () => Record<string, (...params: unknown[]) => unknown>)();
      instances.set(resolver.target, instance);
    }
    const target = instance;
    const method = target[resolver.methodName];
    const read = readers as ((root: unknown, context: unknown, info: unknown) => unknown)[];
    const direct: Resolve =
      read.length === 1
        ? (root, _args, context, info) => method.call(target, read[0](root, context, info))
        : read.length === 2
          ? (root, _args, context, info) =>
              method.call(target, read[0](root, context, info), read[1](root, context, info))
          : (root, _args, context, info) =>
              method.apply(
                target,
                read.map((r) => r(root, context, info)),
              );
    resolvers[typeName][resolver.schemaName] = direct;
  }
}

/**
 * Whether type-graphql's copy of a root into `new Target()` gives the method
 * nothing the root does not have: a class with no methods or accessors of its
 * own or inherited, whose new instance holds no value (TypeScript declares
 * its fields as undefined, and type-graphql drops those the root lacks).
 */
function copyAddsNothing(target: unknown): boolean {
  if (typeof target !== 'function' || !target.prototype) return false;
  for (let proto = target.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) return false;
  }
  let instance: Record<string, unknown>;
  try {
    instance = new (target as new () => Record<string, unknown>)();
  } catch {
    return false;
  }
  return Object.values(instance).every((value) => value === undefined);
}

/** The subgraph SDL as the gateway sees it (what `schema.graphql` holds). */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
