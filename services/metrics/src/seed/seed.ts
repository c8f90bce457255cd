import type { Logger } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { seedDemo, seedPublished } from './demo.js';
import { seedReference } from './reference.js';

export interface SeedOptions {
  /** Also load the synthetic demo values (the published figures load always). */
  demo: boolean;
  logger: Logger;
}

/**
 * Loads the reference catalogue and the published figures and, when asked,
 * the synthetic demo observations.
 * Idempotent: a second run adds nothing and never overwrites what users changed.
 */
export async function seedMetricsService(dataSource: DataSource, options: SeedOptions): Promise<void> {
  const added = await dataSource.transaction(async (em) => {
    await seedReference(em);
    const published = await seedPublished(em);
    return { published, ...(options.demo ? await seedDemo(em) : {}) };
  });
  options.logger.info({ demo: options.demo, ...added }, 'metrics reference data loaded');
}
