import { holdTable, type Held, type SubgraphExtension } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import type { Indicator } from './indicator.entity.js';
import { indicatorColumns } from './indicator.loaders.js';

type Catalogue = ReadonlyMap<string, Indicator>;

const held = new WeakMap<DataSource, Held<Catalogue>>();

/**
 * The indicator catalogue this process holds for `db`, or null when it does
 * not hold a current one (not read yet, changed since, not listening): then
 * read indicators through the `indicatorByCode` loader.
 */
export function heldCatalogue(db: DataSource): Catalogue | null {
  return held.get(db)?.current ?? null;
}

/** After a write to the catalogue commits: this process's next request reads it again. */
export function catalogueChanged(db: DataSource): void {
  held.get(db)?.forget();
}

/**
 * Holds the indicator catalogue in memory, read again whenever it changes
 * (the trigger of migration 1735000000000 notifies `metrics_indicators`).
 * A province page gives each of its observations its indicator: without the
 * catalogue held, that is a second statement on every page.
 */
export const indicatorCatalogue: SubgraphExtension = {
  name: 'indicatorCatalogue',
  async start({ dataSource, logger }) {
    const catalogue = await holdTable<Catalogue>({
      dataSource,
      channel: 'metrics_indicators',
      logger,
      read: async (client) => {
        const found = await client.query<Indicator>(`SELECT ${indicatorColumns} FROM indicator i`);
        // Shared by every request until the next change: frozen, so none can alter another's.
        return new Map(found.rows.map((indicator) => [indicator.code, Object.freeze(indicator)]));
      },
    });
    held.set(dataSource, catalogue);
    return {
      async stop() {
        held.delete(dataSource);
        await catalogue.stop();
      },
      async health() {
        return { held: catalogue.current !== null };
      },
    };
  },
};
