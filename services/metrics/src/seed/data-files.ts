import { readFileSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.join(__dirname, '..', '..', 'data');

/** Reads one of the JSON files shipped in services/metrics/data. */
export function readDataFile<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(dataDir, name), 'utf8')) as T;
}
