import { signServiceToken, type Logger } from '@thidua/kit';
import { serviceUnavailable } from '../common/errors.js';

/** What the review needs to know about a season; the provinces subgraph owns it. */
export interface SeasonFacts {
  clusterId: string;
  year: number;
  memberIds: string[];
  headId: string | null;
}

/** Looks up a season's members and head at the provinces subgraph. */
export interface SeasonDirectory {
  /** The season, or null when provinces has no such season; SERVICE_UNAVAILABLE when it cannot answer. */
  season(clusterId: string, year: number, logger: Logger): Promise<SeasonFacts | null>;
}

export interface RemoteSeasonDirectoryOptions {
  /** The provinces subgraph's GraphQL endpoint. */
  url: string;
  /** The shared AUTH_SECRET, to sign the `service:awards` token (passes REQUIRE_AUTH=1, reads only). */
  authSecret: string;
  /** Give up after this long (default 5 s): a hung provinces must not hang a write. */
  timeoutMs?: number;
}

const seasonQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on ClusterSeason { clusterId year members { id } head { id } }
  }
}`;

interface EntitiesResponse {
  data?: {
    _entities?: ({ clusterId: string; year: number; members: { id: string }[]; head: { id: string } | null } | null)[];
  } | null;
  errors?: { message: string }[];
}

const unavailable = () =>
  serviceUnavailable(
    'provinces',
    'The provinces service, which knows the season\u2019s members and head, did not answer; nothing was stored. Try again shortly.',
  );

/**
 * Reads seasons from the provinces subgraph with a federation entity fetch:
 * awards never reads the provinces database, and asks only what a write needs.
 */
export function remoteSeasonDirectory(options: RemoteSeasonDirectoryOptions): SeasonDirectory {
  const timeoutMs = options.timeoutMs ?? 5000;
  let token: { value: string; renewAt: number } | undefined;

  async function serviceToken(): Promise<string> {
    const now = Date.now();
    if (!token || token.renewAt <= now) {
      // Least privilege: the awards service may run entity lookups at provinces, nothing else.
      const value = await signServiceToken(options.authSecret, 'awards', ['_entities'], '5m');
      token = { value, renewAt: now + 4 * 60_000 };
    }
    return token.value;
  }

  return {
    async season(clusterId, year, logger) {
      let body: EntitiesResponse;
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken()}` },
          body: JSON.stringify({
            query: seasonQuery,
            variables: { representations: [{ __typename: 'ClusterSeason', clusterId, year }] },
          }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        body = (await response.json()) as EntitiesResponse;
      } catch (error) {
        logger.warn({ err: error, clusterId, year }, 'provinces did not answer a season lookup');
        throw unavailable();
      }
      const season = body.data?._entities?.[0];
      if (body.errors?.length || season === undefined) {
        logger.warn({ errors: body.errors, clusterId, year }, 'provinces answered a season lookup with errors');
        throw unavailable();
      }
      if (season === null) return null;
      return {
        clusterId: season.clusterId,
        year: season.year,
        memberIds: season.members.map((member) => member.id),
        headId: season.head?.id ?? null,
      };
    },
  };
}

/** For a service started without a provinces URL: review writes fail clearly instead of guessing. */
export const unconfiguredSeasonDirectory: SeasonDirectory = {
  season() {
    return Promise.reject(
      serviceUnavailable(
        'provinces',
        'This awards service was started without PROVINCES_URL, so it cannot check seasons',
      ),
    );
  },
};
