import { createHash, randomBytes } from 'node:crypto';
import { accountActor, badInput, checkText, conflict, notFound, type Role, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { checkRoleAndProvince } from './account.service.js';
import { ApiToken } from './api-token.entity.js';

/** Every API token starts so, which tells it apart from a JWT at a glance (and to secret scanners). */
export const API_TOKEN_PREFIX = 'thd_';

/** The longest an API token may live; a node or script gets a new one at least yearly. */
const MAX_DAYS = 366;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface NewApiToken {
  name: string;
  role: string;
  provinceId?: string | null;
  expiresAt: Date;
}

/** Issues a token; the clear token is returned once and only its hash is kept. */
export async function issueApiToken(
  db: EntityManager,
  actor: string,
  input: NewApiToken,
  now = new Date(),
): Promise<{ apiToken: ApiToken; token: string }> {
  const name = checkText('name', input.name, 200);
  const { role, provinceId } = checkRoleAndProvince('', input.role, input.provinceId);
  const expiresAt = input.expiresAt;
  if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()) || expiresAt <= now) {
    throw badInput('expiresAt', input.expiresAt, 'must be in the future');
  }
  if (expiresAt.getTime() - now.getTime() > MAX_DAYS * 24 * 3600 * 1000) {
    throw badInput('expiresAt', expiresAt.toISOString(), `is more than ${MAX_DAYS} days away`);
  }
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const saved = await db.getRepository(ApiToken).save(
    db.getRepository(ApiToken).create({
      name,
      role,
      provinceId,
      tokenHash: hashSecret(token),
      createdBy: actor,
      createdAt: now,
      expiresAt,
      revokedBy: null,
      revokedAt: null,
      lastUsedAt: null,
    }),
  );
  delete saved.tokenHash;
  return { apiToken: saved, token };
}

export async function revokeApiToken(db: EntityManager, actor: string, id: string): Promise<ApiToken> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const apiToken = valid ? await db.getRepository(ApiToken).findOneBy({ id }) : null;
  if (!apiToken) throw notFound('API token', id);
  if (apiToken.revokedAt) throw conflict(`API token "${apiToken.name}" was already revoked`);
  Object.assign(apiToken, { revokedBy: actor, revokedAt: new Date() });
  return db.getRepository(ApiToken).save(apiToken);
}

/**
 * Who a presented API token stands for, or null when it is unknown, revoked
 * or expired. Its subject in what it writes is "token:<name> (<role>)".
 */
export async function viewerOfApiToken(db: EntityManager, token: string): Promise<Viewer | null> {
  const rows: { id: string; name: string; role: Role; province_id: string | null }[] = await db.query(
    `WITH found AS (
       SELECT id, name, role, province_id, last_used_at FROM api_token
        WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
     ), touched AS (
       -- Kept to the minute: a busy script does not write on every request.
       UPDATE api_token t SET last_used_at = now() FROM found
        WHERE t.id = found.id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
     )
     SELECT id, name, role, province_id FROM found`,
    [hashSecret(token)],
  );
  if (rows.length === 0) return null;
  const [row] = rows;
  return {
    sub: accountActor(`token:${row.name}`, row.role),
    role: row.role,
    ...(row.province_id ? { province: row.province_id } : {}),
  };
}
