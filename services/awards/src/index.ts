import 'reflect-metadata';
import { serveStandalone } from '@thidua/kit';
import { awardsSubgraph } from './subgraph.js';

void serveStandalone(awardsSubgraph, 4002);
