import 'reflect-metadata';
import { serveStandalone } from '@thidua/kit';
import { provincesSubgraph } from './subgraph.js';

void serveStandalone(provincesSubgraph, 4001);
