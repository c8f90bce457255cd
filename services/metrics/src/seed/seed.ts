import type { Logger } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { seedDemo } from './demo.js';
import { seedReference } from './reference.js';

export interface SeedOptions {
  /** Also load the published figures and the synthetic demo values. */
  demo: boolean;
  logger: Logger;
}

/**
 * Loads the reference catalogue and, when asked, the demo observations.
 * Idempotent: a second run adds nothing and never overwrites what users changed.
 */
export async function seedMetricsService(dataSource: DataSource, options: SeedOptions): Promise<void> {
  const added = await dataSource.transaction(async (em) => {
    await seedReference(em);
    return options.demo ? seedDemo(em) : null;
  });
  options.logger.info({ demo: options.demo, ...added }, 'metrics reference data loaded');
}
