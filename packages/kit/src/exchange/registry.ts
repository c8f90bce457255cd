import 'reflect-metadata';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { DateTimeResolver } from 'graphql-scalars';
import type { DataSource, EntityManager } from 'typeorm';
import { Arg, Ctx, Directive, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { isNational, isService, requireRole, requireViewer } from '../auth.js';
import { isUniqueViolation } from '../db.js';
import { badInput, conflict, forbidden, notFound, serviceUnavailable } from '../errors.js';
import type { LinkDeclaration, ServiceLinks } from '../links.js';
import type { Logger } from '../logger.js';
import { newNodeCredential, hashNodeCredential, type NodeCredentialClaim } from '../node-credential.js';
import { refuseOnNode } from '../node-mode.js';
import type { SubgraphExtension } from '../service.js';
import { checkText } from '../validation.js';
import type { ExchangeContext } from './graphql.js';
import { nodeRegistryMigrations } from './schema.js';

/*
 * The node registry (docs/provincial-nodes.md). Registering a node is an
 * explicit act of an admin or the Ministry on the cluster; it returns the
 * node's credential once, and the cluster keeps only its SHA-256. The registry
 * lives with the provinces subgraph (it is about provinces, and both
 * exchanging subgraphs can ask it); metrics and awards ask it, through their
 * service link, whether the credential a batch came with is one in force.
 */

/** The root field the exchanging subgraphs read at the registry (their link's whole scope there). */
export const NODE_CREDENTIAL_FIELD = 'nodeCredential';

/** The link an exchanging subgraph declares to check node credentials at the provinces subgraph. */
export const nodeRegistryLinks: Record<string, LinkDeclaration> = {
  provinces: { scope: [NODE_CREDENTIAL_FIELD] },
};

@ObjectType({ description: 'A provincial node the cluster accepts records from' })
export class NodeRegistration {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The province the node keeps; one node in force per province' })
  provinceId!: string;

  @Field()
  name!: string;

  @Field(() => DateTimeResolver)
  registeredAt!: Date;

  @Field()
  registeredBy!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Set once revoked: its credential is refused' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokedBy!: string | null;

  @Field(() => String, { nullable: true })
  revokeReason!: string | null;
}

@ObjectType({ description: 'A new registration and its credential' })
export class RegisteredNode {
  @Field(() => NodeRegistration)
  registration!: NodeRegistration;

  @Field({
    description:
      'The node credential (npm run node -- --token <it>). Shown this once: the cluster keeps only its hash. ' +
      'Lost, it cannot be recovered: revoke the registration and register the node again.',
  })
  credential!: string;
}

/** What the registry vouches for when a credential holds. */
@Directive('@inaccessible')
@ObjectType({ description: 'A node credential in force: the registration and province it stands for' })
export class NodeGrant {
  @Field(() => ID)
  registrationId!: string;

  @Field(() => ID)
  provinceId!: string;

  @Field()
  name!: string;
}

const registrationColumns = `id, province_id, name, registered_at, registered_by, revoked_at, revoked_by, revoke_reason`;

function toRegistration(row: Record<string, never>): NodeRegistration {
  return Object.assign(new NodeRegistration(), {
    id: row.id,
    provinceId: row.province_id,
    name: row.name,
    registeredAt: row.registered_at,
    registeredBy: row.registered_by,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
  });
}

/** Registers `provinceId`'s node; CONFLICT when the province already has one in force. */
export async function registerNode(
  db: DataSource | EntityManager,
  actor: string,
  provinceId: string,
  name: string,
): Promise<RegisteredNode> {
  const id = randomUUID();
  const credential = newNodeCredential(provinceId, id);
  try {
    const [row] = await db.query(
      `INSERT INTO node_registration (id, province_id, name, credential_hash, registered_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${registrationColumns}`,
      [id, provinceId, name, hashNodeCredential(credential), actor],
    );
    return Object.assign(new RegisteredNode(), { registration: toRegistration(row), credential });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [active] = await db.query(
      'SELECT id, name FROM node_registration WHERE province_id = $1 AND revoked_at IS NULL',
      [provinceId],
    );
    throw conflict(
      `${provinceId} already has a node in force ("${active?.name}", ${active?.id}): revoke it first (revokeNode)`,
    );
  }
}

/** Revokes a registration: from now on its credential is refused everywhere. */
export async function revokeNode(
  db: DataSource | EntityManager,
  actor: string,
  id: string,
  reason: string,
): Promise<NodeRegistration> {
  const [[row]] = await db.query(
    `UPDATE node_registration SET revoked_at = now(), revoked_by = $2, revoke_reason = $3
      WHERE id = $1 AND revoked_at IS NULL RETURNING ${registrationColumns}`,
    [id, actor, reason],
  );
  if (row) return toRegistration(row);
  const [existing] = await db.query('SELECT revoked_at, revoked_by FROM node_registration WHERE id = $1', [id]);
  if (!existing) throw notFound('node registration', id);
  throw conflict(`node registration ${id} was already revoked by ${existing.revoked_by}`);
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The registration a credential stands for, when it is in force; null otherwise. */
export async function findNodeGrant(
  db: DataSource | EntityManager,
  registrationId: string,
  credentialHash: string,
): Promise<NodeGrant | null> {
  const [row] = await db.query(
    'SELECT id, province_id, name, credential_hash FROM node_registration WHERE id = $1 AND revoked_at IS NULL',
    [registrationId],
  );
  if (!row || !sameHash(row.credential_hash, credentialHash)) return null;
  return Object.assign(new NodeGrant(), { registrationId: row.id, provinceId: row.province_id, name: row.name });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Resolver()
export class NodeRegistryResolver {
  @Mutation(() => RegisteredNode, {
    description:
      'Registers the provincial node of a province (admin or Ministry, on the cluster) and returns its credential, once',
  })
  async registerNode(
    @Arg('provinceId', () => ID) provinceId: string,
    @Arg('name', { description: 'What the node is, e.g. "Máy chủ Sở TT&TT Quảng Ninh"' }) name: string,
    @Ctx() ctx: ExchangeContext,
  ): Promise<RegisteredNode> {
    const who = requireRole(ctx.viewer, ['admin', 'ministry'], 'registerNode');
    refuseOnNode(ctx, 'registerNode');
    if (!ctx.reference.provinces.get(provinceId)) throw badInput('provinceId', provinceId, 'is not a known province');
    const registered = await registerNode(ctx.db, who.sub, provinceId, checkText('name', name, 200));
    ctx.logger.info({ registration: registered.registration.id, provinceId }, 'registered a provincial node');
    return registered;
  }

  @Mutation(() => NodeRegistration, { description: "Revokes a node's registration: its credential is refused at once" })
  async revokeNode(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: ExchangeContext,
  ): Promise<NodeRegistration> {
    const who = requireRole(ctx.viewer, ['admin', 'ministry'], 'revokeNode');
    refuseOnNode(ctx, 'revokeNode');
    if (!UUID.test(id)) throw notFound('node registration', id);
    const revoked = await revokeNode(ctx.db, who.sub, id, checkText('reason', reason, 1000));
    ctx.logger.warn({ registration: id, provinceId: revoked.provinceId }, 'revoked a provincial node');
    return revoked;
  }

  @Query(() => [NodeRegistration], {
    description: "Node registrations, newest first (admin and Ministry: any; a province officer: its province's)",
  })
  async nodeRegistrations(
    @Arg('provinceId', () => ID, { nullable: true }) provinceId: string | null,
    @Ctx() ctx: ExchangeContext,
  ): Promise<NodeRegistration[]> {
    const who = requireViewer(ctx.viewer);
    if (!isNational(who)) {
      if (who.role !== 'province') throw forbidden('nodeRegistrations needs an admin, ministry or province token');
      if (provinceId !== null && provinceId !== who.province) {
        throw forbidden(`nodeRegistrations: a token for "${who.province}" sees its own province's node only`);
      }
      provinceId = who.province!;
    }
    const rows = await ctx.db.query(
      `SELECT ${registrationColumns} FROM node_registration WHERE $1::text IS NULL OR province_id = $1
        ORDER BY registered_at DESC`,
      [provinceId],
    );
    return rows.map(toRegistration);
  }

  @Directive('@inaccessible')
  @Query(() => NodeGrant, {
    nullable: true,
    description: 'For the exchanging subgraphs only (service identity): the registration a credential hash stands for',
  })
  async nodeCredential(
    @Arg('registrationId', () => ID) registrationId: string,
    @Arg('credentialHash') credentialHash: string,
    @Ctx() ctx: ExchangeContext,
  ): Promise<NodeGrant | null> {
    if (!isService(ctx.viewer)) throw forbidden('nodeCredential is asked by the exchanging subgraphs only');
    if (!UUID.test(registrationId) || !/^[0-9a-f]{64}$/.test(credentialHash)) return null;
    return findNodeGrant(ctx.db, registrationId, credentialHash);
  }
}

/** The registry's tables, for the subgraph that keeps it (provinces); its resolver is {@link NodeRegistryResolver}. */
export function nodeRegistryExtension(): SubgraphExtension {
  return { name: 'node-registry', migrations: nodeRegistryMigrations };
}

const grantQuery = `query ($registrationId: ID!, $credentialHash: String!) {
  ${NODE_CREDENTIAL_FIELD}(registrationId: $registrationId, credentialHash: $credentialHash) { registrationId provinceId name }
}`;

/**
 * Asks the registry whether a node credential is in force. Null when it is
 * not (unknown, revoked, or a claim that does not match); SERVICE_UNAVAILABLE
 * when the registry cannot answer, so the node simply tries again later.
 */
export async function checkNodeCredential(
  links: ServiceLinks,
  claim: NodeCredentialClaim,
  logger: Logger,
): Promise<NodeGrant | null> {
  const registry = links.provinces;
  if (!registry) throw serviceUnavailable('provinces', 'The node registry is not linked to this service');
  const data = await registry.query<{ nodeCredential: NodeGrant | null }>(
    grantQuery,
    { registrationId: claim.registrationId, credentialHash: claim.credentialHash },
    logger,
  );
  const grant = data.nodeCredential;
  return grant && grant.provinceId === claim.provinceId ? grant : null;
}
