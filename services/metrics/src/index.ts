import 'reflect-metadata';
import { serveStandalone } from '@thidua/kit';
import { metricsSubgraph } from './subgraph.js';

void serveStandalone(metricsSubgraph, 4003);
