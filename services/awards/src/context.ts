import type { BaseContext } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { catalogueLoaders } from './catalogue/catalogue.loaders.js';
import { commendationLoaders } from './commendation/commendation.loaders.js';
import { nominationLoaders } from './nomination/nomination.loaders.js';
import type { SeasonDirectory } from './provinces-client/season-directory.js';
import { seasonLoaders } from './season/season.loaders.js';
import { yearLoaders } from './year/year.loaders.js';

export interface AwardsContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
  /** The provinces subgraph, for season members and heads on review writes. */
  seasons: SeasonDirectory;
}

/**
 * Every entity's per-request loaders: however many provinces, seasons or
 * nominations a query touches, one statement per loader and tick.
 */
export function createLoaders(db: DataSource) {
  return {
    ...catalogueLoaders(db),
    ...commendationLoaders(db),
    ...nominationLoaders(db),
    ...seasonLoaders(db),
    /** The emulation year's (sheet, assessments, election, lock, history). */
    year: yearLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
