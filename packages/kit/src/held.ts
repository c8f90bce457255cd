import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from './logger.js';

/**
 * What a subgraph keeps in memory of a small table it reads on many requests
 * and that rarely changes (an indicator catalogue), so that those requests
 * need no statement for it. It is trusted only while it is known to be current.
 */
export interface Held<T> {
  /** What was last read, or null while it may be stale: not read yet, changed since, or not listening. */
  readonly current: T | null;
  /**
   * Drops what is held and reads it again: a write this process made to the
   * table has committed. Other processes learn of it from Postgres's notification.
   */
  forget(): void;
  /** Stops listening and drops what is held. */
  stop(): Promise<void>;
}

export interface HoldOptions<T> {
  dataSource: DataSource;
  /**
   * The channel a trigger on the table notifies after every change that
   * commits (`pg_notify`, `FOR EACH STATEMENT`): lowercase letters, digits and `_`.
   */
  channel: string;
  /** Reads the table on the listening connection. */
  read: (client: pg.ClientBase) => Promise<T>;
  logger: Logger;
  /** How long to wait before listening again after the connection was lost (default 1 s). */
  retryMs?: number;
}

const CHANNEL = /^[a-z][a-z0-9_]*$/;

/**
 * Holds what `read` returns, on a connection of its own that listens on
 * `channel`: read once listening, read again after each notification, and
 * dropped (null) from the moment a change may have happened until the new read
 * is done. If the connection is lost, nothing is held until it is back (tried
 * again every `retryMs`): callers then read the table themselves, as they
 * would without it. Resolves once the first read is done or has failed.
 *
 * A change committed by another process is seen once Postgres's notification
 * reaches this one; a process that writes the table itself calls `forget`
 * after its transaction commits, so its own next request reads the change.
 */
export async function holdTable<T>(options: HoldOptions<T>): Promise<Held<T>> {
  const { dataSource, channel, read, logger } = options;
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  const url = (dataSource.options as { url?: string }).url;
  // Without it pg would connect to its defaults, another server's database perhaps.
  if (!url) throw new Error('holdTable needs a data source opened with a URL (openDataSource)');
  let current: T | null = null;
  let generation = 0;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  /** Whether the loss being retried was already reported: once per outage, not once per attempt. */
  let reported = false;

  const refresh = async (on: pg.Client) => {
    const mine = ++generation;
    current = null;
    try {
      const value = await read(on);
      // A later read, a lost connection or stop (both leave `client` another or null) makes this one stale.
      if (mine === generation && client === on) current = value;
    } catch (error) {
      // A broken connection also says so through its 'error' event, which listens again.
      if (client === on) logger.warn({ err: error, channel }, 'could not read the held table');
    }
  };

  const lost = (on: pg.Client, error?: unknown) => {
    if (client !== on) return;
    client = null;
    current = null;
    on.end().catch(() => undefined);
    if (stopped) return;
    if (!reported) {
      logger.warn(
        { err: error, channel },
        'listening connection lost; the table is read on each request until it is back',
      );
      reported = true;
    }
    retry = setTimeout(() => void listen(), options.retryMs ?? 1000);
    retry.unref();
  };

  const listen = async () => {
    if (stopped) return;
    const on = new pg.Client({ connectionString: url, application_name: `thidua-listen-${channel}` });
    client = on;
    on.on('notification', () => void refresh(on));
    on.on('error', (error) => lost(on, error));
    on.on('end', () => lost(on));
    try {
      await on.connect();
      await on.query(`LISTEN ${channel}`);
      if (reported) logger.info({ channel }, 'listening again');
      reported = false;
      await refresh(on);
    } catch (error) {
      lost(on, error);
    }
  };

  await listen();
  return {
    get current() {
      return current;
    },
    forget() {
      if (client) void refresh(client);
      else current = null;
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      current = null;
      const on = client;
      client = null;
      if (on) await on.end().catch(() => undefined);
    },
  };
}
