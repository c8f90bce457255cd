import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ConfigError } from './config.js';

/** How big one operation may be. The gateway and every subgraph apply them (defence in depth). */
export interface OperationLimits {
  /** Deepest nesting of fields (introspection aside). */
  maxDepth: number;
  maxAliases: number;
  /**
   * How often one field (`Type.field`) may appear on one path from the root:
   * bounds circular selections such as `cluster { seasons { cluster { seasons … } } }`.
   */
  maxFieldRepeats: number;
  /**
   * Largest response, in values (each field value and each list item counts one):
   * refused before execution when the estimate is over it, and cut off during
   * execution if the real response grows past it.
   */
  maxResponseSize: number;
}

export const defaultOperationLimits: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxFieldRepeats: 2,
  maxResponseSize: 250_000,
};

/** The years a history covers (seasons since 2015, with room to grow) and the indicators defined. */
const years = 15;
const indicators = 50;
/** Members of a season: clusters have 5 to 12; room to grow. */
const members = 20;
const seasons = 20;

/** A list's assumed length, or how its arguments narrow it (in the manner of `@listSize(slicingArguments:)`). */
export type ListSize = number | ((args: Record<string, unknown>) => number);

/**
 * How long a list is assumed to be when the response size is estimated, in the
 * manner of the demand-control `@listSize(assumedSize:)`: what real data has,
 * with room to grow. The estimate refuses what multiplies out of proportion
 * before it runs; where real data outgrows an assumption, the count during
 * execution still stops the response at the same limit.
 */
export const assumedListSizes: Readonly<Record<string, ListSize>> = {
  // 63 provinces before the 2025 merge, 34 after; a merged province has a few predecessors.
  'Query.provinces': 70,
  'Province.predecessors': 5,
  'Observation.derivedFrom': 5,
  // A dozen emulation clusters, one season a year.
  'Query.clusters': 12,
  'Cluster.seasons': seasons,
  // Everything listed per member of a season.
  'ClusterSeason.members': members,
  'ClusterSeason.ictRanking': members,
  'ClusterSeason.standings': members,
  'ClusterSeason.indicatorRanking': members,
  'ClusterSeason.indexRanking': members,
  'ClusterSeason.nominations': members,
  'ClusterSeason.adoptionThresholdHistory': 10,
  'ClusterSeason.revisions': 20,
  'SeasonRevision.memberIds': members,
  'Nomination.votes': members,
  'Query.indicatorRanking': 70,
  'Query.indexRanking': 70,
  // Catalogues.
  'Query.commendationCatalogue': 20,
  'CatalogueEntry.recipientKinds': 3,
  'CatalogueEntry.pointsHistory': 20,
  'Query.indicators': indicators,
  'Query.indices': 20,
  'Index.components': 20,
  // Observations: one per province, indicator and year; each filter narrows the list.
  'Province.observations': (args) => (args.indicator ? 1 : indicators) * (args.year ? 1 : years),
  'Query.observations': (args) =>
    (args.provinceId ? 1 : 70) * (args.indicator ? 1 : indicators) * (args.year ? 1 : years),
  'Mutation.recordObservations': 500,
  // What a province accumulates over the years, and what a correction keeps.
  'Province.commendations': 200,
  'Province.commendationTallies': 20,
  'Commendation.history': 10,
  'Observation.history': 10,
  'NodeBatchResult.rejected': 200,
  // The emulation year: a sheet of a few dozen criteria in a few groups, each member's assessment of it,
  // a few files of evidence per item, an election of a round or two, the year's log.
  'ScoringSheet.criteria': 40,
  'ScoringSheet.groups': 10,
  'ClusterSeason.assessments': members,
  'ClusterSeason.sheetRanking': members,
  'Assessment.items': 40,
  'AssessmentItem.evidence': 5,
  'Compact.signatories': members,
  'SeasonRules.caps': 10,
  'ClusterSeason.history': 300,
  'ClusterSeason.headElectionRounds': 3,
  'HeadElection.candidates': members,
  'HeadElection.tally': members,
  'HeadElection.voters': members,
  'HeadElection.runoff': members,
  'SeasonResults.standings': members,
  'SeasonResults.sheetRanking': members,
  'SeasonResults.adopted': members,
  'SeasonResults.cataloguePoints': 20,
  'SeasonResults.commendations': 200,
  'SeasonResults.figures': members * indicators,
  'Query.seasonLocks': (args) => (Array.isArray(args.cells) ? args.cells.length : 50),
};

/** Any other list. */
export const defaultListSize = 50;

type Env = Record<string, string | undefined>;

function readPositive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name}=${raw} must be a positive whole number`);
  return value;
}

/** MAX_QUERY_DEPTH, MAX_QUERY_ALIASES, MAX_FIELD_REPEATS, MAX_RESPONSE_SIZE (the gateway's values). */
export function readOperationLimits(env: Env): OperationLimits {
  return {
    maxDepth: readPositive(env, 'MAX_QUERY_DEPTH', defaultOperationLimits.maxDepth),
    maxAliases: readPositive(env, 'MAX_QUERY_ALIASES', defaultOperationLimits.maxAliases),
    maxFieldRepeats: readPositive(env, 'MAX_FIELD_REPEATS', defaultOperationLimits.maxFieldRepeats),
    maxResponseSize: readPositive(env, 'MAX_RESPONSE_SIZE', defaultOperationLimits.maxResponseSize),
  };
}

/**
 * A subgraph's limits, given the gateway's: the query planner wraps entity
 * fetches in `_entities`, adds keys and `@requires` selections, and may alias,
 * so a subgraph leaves room for that. The response size limit is the same.
 */
export function subgraphLimits(gateway: OperationLimits): OperationLimits {
  return {
    maxDepth: gateway.maxDepth + 3,
    maxAliases: gateway.maxAliases + 20,
    maxFieldRepeats: gateway.maxFieldRepeats + 1,
    maxResponseSize: gateway.maxResponseSize,
  };
}

/** What an operation would cost, measured on its document before it runs. */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  /** The field that appears most often on one path, with that path. */
  repeated?: { coordinate: string; count: number; path: string[] };
  /** Values in the response if every list is as long as assumed (`_entities`: as many as sent). */
  estimatedSize: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  memo: Map<string, { depth: number; aliases: number; size: number }>;
}

function fieldOf(parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/** How many items a list field holds: `_entities` as many as it is sent, others as assumed. */
function items(walk: Walk, parent: GraphQLNamedType | undefined, node: FieldNode, type: GraphQLOutputType): number {
  let unwrapped: GraphQLOutputType = isNonNullType(type) ? type.ofType : type;
  if (!isListType(unwrapped)) return 1;
  const args = Object.fromEntries(
    (node.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, walk.variables)]),
  );
  const assumed = assumedListSizes[`${parent?.name}.${node.name.value}`] ?? defaultListSize;
  let count: number;
  if ('representations' in args)
    count = Array.isArray(args.representations) ? args.representations.length : defaultListSize;
  else count = typeof assumed === 'function' ? assumed(args) : assumed;
  // A list of lists: every inner list as long as the default.
  for (unwrapped = unwrapped.ofType; ; unwrapped = unwrapped.ofType) {
    if (isNonNullType(unwrapped)) unwrapped = unwrapped.ofType;
    if (!isListType(unwrapped)) break;
    count *= defaultListSize;
  }
  return Math.max(1, count);
}

/** Depth, aliases and estimated size of a selection set; a named fragment is measured once. */
function measure(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  visiting = new Set<string>(),
): { depth: number; aliases: number; size: number } {
  const total = { depth: 0, aliases: 0, size: 0 };
  const add = (part: { depth: number; aliases: number; size: number }, deeper = 0) => {
    total.depth = Math.max(total.depth, part.depth + deeper);
    total.aliases += part.aliases;
    total.size += part.size;
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      // Introspection is bounded by the schema itself; __typename is one value.
      if (name.startsWith('__')) {
        add({ depth: 0, aliases: selection.alias ? 1 : 0, size: 1 });
        continue;
      }
      const field = fieldOf(parent, name);
      const child = selection.selectionSet
        ? measure(walk, selection.selectionSet, field && getNamedType(field.type), visiting)
        : { depth: 0, aliases: 0, size: 0 };
      const count = field ? items(walk, parent, selection, field.type) : 1;
      add(
        { depth: child.depth, aliases: child.aliases + (selection.alias ? 1 : 0), size: count * (1 + child.size) },
        1,
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      add(measure(walk, selection.selectionSet, type, visiting));
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      let known = walk.memo.get(name);
      if (!known) {
        visiting.add(name);
        known = measure(walk, fragment.selectionSet, walk.schema.getType(fragment.typeCondition.name.value), visiting);
        visiting.delete(name);
        walk.memo.set(name, known);
      }
      add(known);
    }
  }
  return total;
}

/**
 * The field that repeats most on one path. Walks the operation with every
 * fragment spread out, so it runs only once the estimated size is within the
 * limit (which bounds how many fields that walk can meet).
 */
function mostRepeated(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  path: string[],
  counts: Map<string, number>,
  best: { coordinate: string; count: number; path: string[] } | undefined,
): { coordinate: string; count: number; path: string[] } | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__')) continue;
      const coordinate = `${parent?.name}.${name}`;
      const count = (counts.get(coordinate) ?? 0) + 1;
      const here = [...path, coordinate];
      if (!best || count > best.count) best = { coordinate, count, path: here };
      if (selection.selectionSet) {
        counts.set(coordinate, count);
        const field = fieldOf(parent, name);
        best = mostRepeated(walk, selection.selectionSet, field && getNamedType(field.type), here, counts, best);
        counts.set(coordinate, count - 1);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      best = mostRepeated(walk, selection.selectionSet, type, path, counts, best);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      best = mostRepeated(walk, fragment.selectionSet, type, path, counts, best);
    }
  }
  return best;
}

/** The error that refuses an operation over one of the limits (`status`: its HTTP status, if any). */
export function refused(
  message: string,
  limit: keyof OperationLimits,
  value: number,
  max: number,
  status?: number,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
      limit,
      value,
      max,
      ...(status ? { http: { status } } : {}),
    },
  });
}

/**
 * Measures an operation against `limits` and returns the error that refuses
 * it, or undefined when it may run. `variables` give the length of lists sent
 * as arguments (a gateway's `_entities` representations).
 */
export function checkOperation(
  schema: GraphQLSchema,
  fragments: Iterable<FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): { measure: OperationMeasure; error?: GraphQLError } {
  const walk: Walk = {
    schema,
    fragments: new Map([...fragments].map((fragment) => [fragment.name.value, fragment])),
    variables,
    memo: new Map(),
  };
  const root = schema.getRootType(operation.operation) ?? undefined;
  const { depth, aliases, size } = measure(walk, operation.selectionSet, root);
  const result: { measure: OperationMeasure; error?: GraphQLError } = {
    measure: { depth, aliases, estimatedSize: size },
  };
  if (depth > limits.maxDepth) {
    result.error = refused(
      `Query refused: it nests fields ${depth} levels deep, over the limit of ${limits.maxDepth}`,
      'maxDepth',
      depth,
      limits.maxDepth,
      400,
    );
  } else if (aliases > limits.maxAliases) {
    result.error = refused(
      `Query refused: it uses ${aliases} aliases, over the limit of ${limits.maxAliases}`,
      'maxAliases',
      aliases,
      limits.maxAliases,
      400,
    );
  } else if (size > limits.maxResponseSize) {
    result.error = refused(
      `Query refused before it ran: its response could hold about ${Math.round(size).toLocaleString('en')} values, ` +
        `over the limit of ${limits.maxResponseSize.toLocaleString('en')}. Ask for fewer nested lists ` +
        `(a season is assumed to have up to ${members} members, a cluster up to ${seasons} seasons).`,
      'maxResponseSize',
      Math.round(size),
      limits.maxResponseSize,
      400,
    );
  } else {
    const repeated = mostRepeated(walk, operation.selectionSet, root, [], new Map(), undefined);
    result.measure.repeated = repeated;
    if (repeated && repeated.count > limits.maxFieldRepeats) {
      result.error = refused(
        `Query refused: ${repeated.coordinate} appears ${repeated.count} times on one path ` +
          `(${repeated.path.join(' → ')}), over the limit of ${limits.maxFieldRepeats}`,
        'maxFieldRepeats',
        repeated.count,
        limits.maxFieldRepeats,
        400,
      );
    }
  }
  return result;
}
