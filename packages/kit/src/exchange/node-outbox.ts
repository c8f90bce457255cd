import 'reflect-metadata';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireRole, requireViewer } from '../auth.js';
import { forbidden } from '../errors.js';
import { checkText } from '../validation.js';
import { deadLetters, discardDeadLetter, retryDeadLetter, type DeadLetterRecord as DeadLetterRow } from './outbox.js';
import { clusterReachability, exchangeStatus } from './shipper.js';
import type { ExchangeContext } from './graphql.js';

/*
 * The node's side of the exchange as its operator sees it (GraphQL on the
 * node): how far behind the node is, and the records the cluster refused —
 * the dead letters — which the operator retries or discards. A refused
 * record never holds up the records after it.
 */

@Directive('@shareable')
@ObjectType({ description: 'A record the cluster refused; the stream went on without it' })
export class DeadLetter {
  @Field(() => Int, { description: 'Its place in the outbox' })
  seq!: number;

  @Field(() => ID)
  recordId!: string;

  @Field()
  kind!: string;

  @Field(() => ID)
  provinceId!: string;

  @Field(() => JSONObjectResolver, { description: 'What was sent, as it was sent' })
  payload!: Record<string, unknown>;

  @Field(() => DateTimeResolver)
  recordedAt!: Date;

  @Field(() => DateTimeResolver)
  rejectedAt!: Date;

  @Field({ description: "The cluster's reason" })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'retried or discarded; null while it waits for the operator' })
  resolution!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolvedBy!: string | null;

  @Field(() => String, { nullable: true, description: "The operator's note or reason" })
  resolutionNote!: string | null;

  @Field(() => Int, { nullable: true, description: 'For a retried record: the seq of the copy sent in its place' })
  retriedAs!: number | null;
}

@Directive('@shareable')
@ObjectType({ description: "One subgraph's outbox on a provincial node" })
export class OutboxStatus {
  @Field(() => ID, { nullable: true, description: "The node's stream id for this subgraph" })
  nodeId!: string | null;

  @Field({ description: 'reachable, unreachable, refusing (it answered with an error), not configured, not yet tried' })
  cluster!: string;

  @Field(() => String, { nullable: true })
  upstream!: string | null;

  @Field(() => Int, { description: 'Records waiting to be sent' })
  pending!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the oldest waiting record was stored' })
  oldestPendingAt!: Date | null;

  @Field(() => Int, { description: 'Records the cluster ever refused' })
  rejected!: number;

  @Field(() => DateTimeResolver, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  lastSuccessAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the last exchange failed; null after a success' })
  lastError!: string | null;

  @Field(() => [DeadLetter], { description: 'Refused records waiting for the operator, oldest first' })
  deadLetters!: DeadLetter[];

  @Field(() => [DeadLetter], {
    description: 'The latest 100 refused records the operator retried or discarded, newest first',
  })
  resolvedDeadLetters!: DeadLetter[];
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return Object.assign(new DeadLetter(), row);
}

/** On a node: its officers and admins may look; on the cluster there is nothing to see. */
function requireNodeReader(ctx: ExchangeContext, action: string): void {
  const who = requireViewer(ctx.viewer);
  if (!ctx.node) throw forbidden(`${action} is for provincial nodes; this is the cluster`);
  if (who.role === 'admin') return;
  if (who.role === 'province' && who.province === ctx.node.province) return;
  throw forbidden(`${action} needs an admin token of this node or an officer of ${ctx.node.province}`);
}

function requireNodeOperator(ctx: ExchangeContext, action: string) {
  const who = requireRole(ctx.viewer, ['admin'], action);
  if (!ctx.node) throw forbidden(`${action} is for provincial nodes; this is the cluster`);
  return who;
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The node outbox's GraphQL for one subgraph: `nodeOutbox { <statusField> }`
 * and the operator's `retry<Status>Record` / `discard<Status>Record`.
 */
export function nodeOutboxResolvers(statusField: string) {
  // One class per subgraph, as for ProvincialNode: each adds its own field.
  @Directive('@key(fields: "provinceId")')
  @ObjectType('NodeOutbox', {
    description: 'On a provincial node: what waits to go to the cluster and what the cluster refused, per subgraph',
  })
  class NodeOutbox {
    @Field(() => ID)
    provinceId!: string;
  }

  const subject = capitalised(statusField);

  @Resolver(() => NodeOutbox)
  class NodeOutboxResolver {
    @Directive('@shareable')
    @Query(() => NodeOutbox, { nullable: true, description: "This provincial node's outbox; null on the cluster" })
    nodeOutbox(@Ctx() ctx: ExchangeContext): NodeOutbox | null {
      return ctx.node ? Object.assign(new NodeOutbox(), { provinceId: ctx.node.province }) : null;
    }

    @FieldResolver(() => OutboxStatus, { name: statusField, nullable: true, description: `The ${statusField} outbox` })
    async status(@Root() _outbox: NodeOutbox, @Ctx() ctx: ExchangeContext): Promise<OutboxStatus> {
      requireNodeReader(ctx, 'nodeOutbox');
      const [status, waiting, resolved] = await Promise.all([
        exchangeStatus(ctx.db),
        deadLetters(ctx.db, 'waiting'),
        deadLetters(ctx.db, 'resolved'),
      ]);
      return Object.assign(new OutboxStatus(), {
        ...status,
        cluster: clusterReachability(status),
        deadLetters: waiting.map(toDeadLetter),
        resolvedDeadLetters: resolved.map(toDeadLetter),
      });
    }

    @Mutation(() => DeadLetter, {
      name: `retry${subject}Record`,
      description:
        `Sends a refused ${statusField} record again, unchanged, at the end of the stream (node admin). ` +
        'For a refusal whose cause was put right on the cluster; to change the data, correct it on the node ' +
        '(the correction travels by itself) and discard the refused record.',
    })
    async retry(
      @Arg('seq', () => Int) seq: number,
      @Arg('note', () => String, { nullable: true }) note: string | null,
      @Ctx() ctx: ExchangeContext,
    ): Promise<DeadLetter> {
      const who = requireNodeOperator(ctx, `retry${subject}Record`);
      const letter = await retryDeadLetter(ctx.db, seq, who.sub, note ? checkText('note', note, 1000) : null);
      ctx.logger.info({ seq, retriedAs: letter.retriedAs }, 'retried a refused exchange record');
      return toDeadLetter(letter);
    }

    @Mutation(() => DeadLetter, {
      name: `discard${subject}Record`,
      description: `Closes a refused ${statusField} record without sending it again, with the reason (node admin)`,
    })
    async discard(
      @Arg('seq', () => Int) seq: number,
      @Arg('reason') reason: string,
      @Ctx() ctx: ExchangeContext,
    ): Promise<DeadLetter> {
      const who = requireNodeOperator(ctx, `discard${subject}Record`);
      const letter = await discardDeadLetter(ctx.db, seq, who.sub, checkText('reason', reason, 1000));
      ctx.logger.info({ seq }, 'discarded a refused exchange record');
      return toDeadLetter(letter);
    }
  }

  return {
    NodeOutbox,
    resolvers: [NodeOutboxResolver] as const,
    referenceResolvers: {
      NodeOutbox: {
        __resolveReference: (reference: { provinceId: string }) =>
          Object.assign(new NodeOutbox(), { provinceId: reference.provinceId }),
      },
    },
  };
}
