import { createHash, randomBytes, randomUUID } from 'node:crypto';

/*
 * A provincial node's credential (docs/provincial-nodes.md): issued once by the
 * cluster when an admin or the Ministry registers the node, kept by the node,
 * and sent as `Authorization: Bearer <credential>` with every exchange batch.
 *
 * It is not a JWT: the cluster keeps only its SHA-256, so it can be revoked at
 * once and a database copy does not reveal it. Its shape says which
 * registration it claims; only the node registry can say whether it holds.
 */

const PREFIX = 'tdn1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** What a credential claims; nothing of it is verified until the registry checks its hash. */
export interface NodeCredentialClaim {
  /** The registration it claims to belong to. */
  registrationId: string;
  /** The province it claims to be the node of. */
  provinceId: string;
  /** SHA-256 of the whole credential, hex: what the registry compares. */
  credentialHash: string;
}

/** SHA-256 of a credential, hex: the only form the cluster stores. */
export function hashNodeCredential(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

/** Whether a bearer value has the shape of a node credential (and so must not be read as a JWT). */
export function looksLikeNodeCredential(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

/** Reads a credential's claim; null when it is not a well-formed node credential. */
export function parseNodeCredential(credential: string): NodeCredentialClaim | null {
  const parts = credential.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return null;
  const [, provinceId, registrationId, secret] = parts;
  if (!SLUG.test(provinceId) || !UUID.test(registrationId) || !SECRET.test(secret)) return null;
  return { registrationId, provinceId, credentialHash: hashNodeCredential(credential) };
}

/** A new credential for a registration: `tdn1.<province>.<registration id>.<256 random bits>`. */
export function newNodeCredential(provinceId: string, registrationId: string = randomUUID()): string {
  return [PREFIX, provinceId, registrationId, randomBytes(32).toString('base64url')].join('.');
}
