import 'reflect-metadata';
import { defaultPorts, serveStandalone } from '@thidua/kit';
import { metricsSubgraph } from './subgraph.js';

void serveStandalone(metricsSubgraph, defaultPorts.metrics);
