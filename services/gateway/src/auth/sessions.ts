import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import { hashSecret } from '../accounts/api-token.service.js';

/** A live session and the account it belongs to (read fresh on every request). */
export interface LiveSession {
  /** The public id (never the cookie's secret). */
  id: string;
  account: Account;
}

/** How often at most `last_seen_at` is written for a busy session. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions: the cookie holds 32 random bytes, the table their
 * SHA-256. A session ends on sign-out, after `idleMinutes` without a
 * request, `maxHours` after sign-in, or when its account is disabled.
 */
export class SessionStore {
  constructor(
    private readonly db: DataSource,
    private readonly idleMinutes: number,
    private readonly maxHours: number,
  ) {}

  /** Starts a session; the returned secret goes in the cookie and nowhere else. */
  async start(accountId: string, via: 'password' | 'oidc'): Promise<{ secret: string; id: string }> {
    const secret = randomBytes(32).toString('base64url');
    const [row]: { id: string }[] = await this.db.query(
      `INSERT INTO session (secret_hash, account_id, via) VALUES ($1, $2, $3) RETURNING id`,
      [hashSecret(secret), accountId, via],
    );
    await this.db.query('UPDATE account SET last_sign_in_at = now() WHERE id = $1', [accountId]);
    await this.purge();
    return { secret, id: row.id };
  }

  /** The session a cookie secret opens, or null (unknown, ended, expired, or its account disabled). */
  async find(secret: string): Promise<LiveSession | null> {
    const rows: (Record<string, unknown> & { session_id: string; live: boolean; touch: boolean })[] =
      await this.db.query(
        `SELECT s.id AS session_id,
                s.last_seen_at > now() - make_interval(mins => $2) AND s.created_at > now() - make_interval(hours => $3)
                  AS live,
                s.last_seen_at < now() - make_interval(secs => $4) AS touch,
                a.id, a.username, a.name, a.role, a.province_id, a.enabled
           FROM session s JOIN account a ON a.id = s.account_id
          WHERE s.secret_hash = $1`,
        [hashSecret(secret), this.idleMinutes, this.maxHours, TOUCH_EVERY_MS / 1000],
      );
    if (rows.length === 0) return null;
    const [row] = rows;
    if (!row.live || !row.enabled) {
      await this.db.query('DELETE FROM session WHERE id = $1', [row.session_id]);
      return null;
    }
    if (row.touch) await this.db.query('UPDATE session SET last_seen_at = now() WHERE id = $1', [row.session_id]);
    const account = Object.assign(new Account(), {
      id: row.id,
      username: row.username,
      name: row.name,
      role: row.role,
      provinceId: row.province_id,
      enabled: row.enabled,
    });
    return { id: row.session_id, account };
  }

  /** Ends the session a cookie secret opens (sign-out); unknown secrets are ignored. */
  async end(secret: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('DELETE FROM session WHERE secret_hash = $1 RETURNING id', [
      hashSecret(secret),
    ]);
    return rows.length > 0;
  }

  /** Drops sessions that can no longer be used, so the table does not grow. */
  private async purge(): Promise<void> {
    await this.db.query(
      `DELETE FROM session
        WHERE last_seen_at < now() - make_interval(mins => $1) OR created_at < now() - make_interval(hours => $2)`,
      [this.idleMinutes, this.maxHours],
    );
  }
}
