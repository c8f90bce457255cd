import 'reflect-metadata';
import { defaultPorts, serveStandalone } from '@thidua/kit';
import { awardsSubgraph } from './subgraph.js';

void serveStandalone(awardsSubgraph, defaultPorts.awards);
