import 'reflect-metadata';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { nodeOutboxResolvers } from './node-outbox.js';
import { exchangeStates, receiveBatch, type ApplyRecord, type ExchangeState, type ScreenRecords } from './receiver.js';
import { DateTimeScalar, JSONObjectScalar } from '../scalars.js';
import type { BaseContext } from '../subgraph-server.js';
import type { NodeRecord } from './types.js';

@InputType({ description: 'One change a provincial node stored, as it travels to the cluster' })
export class NodeRecordInput {
  @Field(() => Int, { description: "Position in the node's outbox; never reused by that node" })
  seq!: number;

  @Field(() => ID, { description: 'Identity of the record; the cluster applies a record id at most once' })
  recordId!: string;

  @Field()
  kind!: string;

  @Field(() => ID)
  provinceId!: string;

  @Field(() => JSONObjectScalar)
  payload!: Record<string, unknown>;

  @Field(() => DateTimeScalar)
  recordedAt!: string;
}

@InputType({ description: "A batch of a node's outbox, oldest first" })
export class NodeBatchInput {
  @Field(() => ID)
  nodeId!: string;

  @Field(() => Int, { description: "The newest sequence number in the node's outbox" })
  headSeq!: number;

  @Field(() => [NodeRecordInput])
  records!: NodeRecordInput[];
}

@Directive('@shareable')
@ObjectType({ description: 'A node record the cluster refused, and why' })
export class RejectedNodeRecord {
  @Field(() => Int)
  seq!: number;

  @Field(() => ID)
  recordId!: string;

  @Field()
  reason!: string;
}

@Directive('@shareable')
@ObjectType({ description: "The cluster's answer to a node batch" })
export class NodeBatchResult {
  @Field(() => Int, { description: 'Every record up to here is settled: applied, already had, or rejected' })
  lastSeq!: number;

  @Field(() => [RejectedNodeRecord])
  rejected!: RejectedNodeRecord[];
}

@Directive('@shareable')
@ObjectType({ description: "What the cluster knows of one node's exchange for one subgraph" })
export class ExchangeStatus {
  @Field(() => ID)
  nodeId!: string;

  @Field(() => DateTimeScalar, { description: 'When the cluster first heard from this node' })
  registeredAt!: Date;

  @Field(() => DateTimeScalar, { description: 'The last successful exchange' })
  lastExchangeAt!: Date;

  @Field(() => Int)
  lastSeq!: number;

  @Field(() => Int, { description: 'Records the node had queued at its last exchange that have not arrived yet' })
  pending!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;
}

export interface ExchangeContext extends BaseContext {
  db: DataSource;
}

export interface ExchangeResolverOptions {
  /** The receiving mutation, e.g. `receiveMetricsRecords`. */
  mutation: string;
  /** The field this subgraph adds to ProvincialNode, e.g. `metrics`. */
  statusField: string;
  /** This subgraph's Province stub class. */
  province: ClassType<{ id: string }>;
  apply: ApplyRecord;
  /** Refuses records of a batch before any is applied, given the request's context (its service links). */
  screen?: (records: NodeRecord[], ctx: ExchangeContext) => ReturnType<ScreenRecords>;
}

const stateLoaders = new WeakMap<object, DataLoader<string, ExchangeState | null>>();

function stateLoader(ctx: ExchangeContext): DataLoader<string, ExchangeState | null> {
  let loader = stateLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (provinceIds) => {
      const states = await exchangeStates(ctx.db, provinceIds);
      // A province's newest node is the one that counts (a reinstalled node gets a new id).
      return provinceIds.map((id) => states.find((state) => state.provinceId === id) ?? null);
    });
    stateLoaders.set(ctx, loader);
  }
  return loader;
}

/**
 * The GraphQL side of the exchange for one subgraph: the receiving mutation,
 * `Province.node` and this subgraph's field on `ProvincialNode` (the cluster's
 * view), and `nodeOutbox` with the dead-letter mutations (the node's view).
 * Returns the resolver classes to add to the schema and the reference resolvers.
 */
export function exchangeResolvers(options: ExchangeResolverOptions) {
  // One class per subgraph: type-graphql binds field resolvers to the class,
  // so a shared class would carry every subgraph's field into every schema.
  @Directive('@key(fields: "provinceId")')
  @ObjectType('ProvincialNode', {
    description: 'A provincial node: a department running its own subgraphs for its own data',
  })
  class ProvincialNode {
    @Field(() => ID)
    provinceId!: string;
  }

  @Resolver()
  class ExchangeMutationResolver {
    @Mutation(() => NodeBatchResult, {
      name: options.mutation,
      description:
        "Receives a provincial node's records, in order (the node's own credential from registerNode; nothing else)",
    })
    async receive(
      @Arg('batch', () => NodeBatchInput) batch: NodeBatchInput,
      @Ctx() ctx: ExchangeContext,
    ): Promise<NodeBatchResult> {
      const screened = options.screen ? await options.screen(batch.records, ctx) : undefined;
      return receiveBatch(ctx.db, ctx, batch, options.apply, screened);
    }
  }

  @Resolver(() => options.province)
  class ProvinceNodeResolver {
    @Directive('@shareable')
    @FieldResolver(() => ProvincialNode, { nullable: true, description: "The province's node, as the cluster sees it" })
    node(@Root() province: { id: string }): ProvincialNode {
      return Object.assign(new ProvincialNode(), { provinceId: province.id });
    }
  }

  @Resolver(() => ProvincialNode)
  class ProvincialNodeResolver {
    @FieldResolver(() => ExchangeStatus, {
      name: options.statusField,
      nullable: true,
      description: `The ${options.statusField} exchange; null when the node has sent nothing yet`,
    })
    status(@Root() node: ProvincialNode, @Ctx() ctx: ExchangeContext): Promise<ExchangeState | null> {
      return stateLoader(ctx).load(node.provinceId);
    }
  }

  const outbox = nodeOutboxResolvers(options.statusField);

  return {
    ProvincialNode,
    resolvers: [ExchangeMutationResolver, ProvinceNodeResolver, ProvincialNodeResolver, ...outbox.resolvers] as const,
    referenceResolvers: {
      ProvincialNode: {
        __resolveReference: (reference: { provinceId: string }) =>
          Object.assign(new ProvincialNode(), { provinceId: reference.provinceId }),
      },
      ...outbox.referenceResolvers,
    },
  };
}
