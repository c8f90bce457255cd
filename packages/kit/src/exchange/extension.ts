import type { RunningSubgraph, SubgraphExtension } from '../service.js';
import { nodeRegistryLinks } from './registry.js';
import { exchangeMigrations } from './schema.js';
import { Shipper } from './shipper.js';

export interface ExchangeExtensionOptions {
  /** The cluster mutation that receives this subgraph's outbox, e.g. `receiveMetricsRecords`. */
  mutation: string;
}

/**
 * The exchange as a subgraph extension: its tables; the link to the node
 * registry (the cluster checks every node credential there); and on a
 * provincial node, a shipper that lives and stops with the service and whose
 * state the subgraph's `/health` shows (it sends only once the node has an
 * upstream and a credential).
 */
export function exchangeExtension(options: ExchangeExtensionOptions): SubgraphExtension {
  return {
    name: 'exchange',
    migrations: exchangeMigrations,
    links: nodeRegistryLinks,
    start({ dataSource, logger, node }) {
      if (!node) return undefined;
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

/** The shipper of a running subgraph, when it runs as a provincial node. */
export function shipperOf(subgraph: RunningSubgraph): Shipper | undefined {
  const started = subgraph.extensions.exchange;
  return started instanceof Shipper ? started : undefined;
}
