import DataLoader from 'dataloader';
import type { BaseContext } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Indicator } from './indicator/indicator.entity.js';

export interface MetricsContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
}

/** Per-request batching: one statement per loader per tick. */
export function createLoaders(db: DataSource) {
  const indicatorByCode = new DataLoader<string, Indicator | null>(async (codes) => {
    const rows = await db.getRepository(Indicator).findBy({ code: In([...codes]) });
    const found = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => found.get(code) ?? null);
  });
  return { indicatorByCode };
}

export type Loaders = ReturnType<typeof createLoaders>;
