import 'reflect-metadata';
import { defaultPorts, serveStandalone } from '@thidua/kit';
import { provincesSubgraph } from './subgraph.js';

void serveStandalone(provincesSubgraph, defaultPorts.provinces);
