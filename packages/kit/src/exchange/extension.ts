import type { RunningSubgraph, SubgraphExtension } from '../service.js';
import { exchangeMigrations } from './schema.js';
import { Shipper } from './shipper.js';

export interface ExchangeExtensionOptions {
  /** The cluster mutation that receives this subgraph's outbox, e.g. `receiveMetricsRecords`. */
  mutation: string;
}

/**
 * The exchange as a subgraph extension: its tables, and on a provincial node
 * with an upstream, a shipper that lives and stops with the service.
 */
export function exchangeExtension(options: ExchangeExtensionOptions): SubgraphExtension {
  return {
    name: 'exchange',
    migrations: exchangeMigrations,
    start({ dataSource, logger, node }) {
      if (!node?.upstreamUrl || !node.token) return undefined;
      const shipper = new Shipper({
        dataSource,
        upstreamUrl: node.upstreamUrl,
        token: node.token,
        mutation: options.mutation,
        logger,
        intervalMs: node.intervalMs,
        batchSize: node.batchSize,
      });
      shipper.start();
      return shipper;
    },
  };
}

/** The shipper of a running subgraph, when it runs as a node with an upstream. */
export function shipperOf(subgraph: RunningSubgraph): Shipper | undefined {
  const started = subgraph.extensions.exchange;
  return started instanceof Shipper ? started : undefined;
}
