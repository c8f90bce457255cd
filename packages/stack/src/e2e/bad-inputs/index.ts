import type { BadInputCase } from './case.js';
import { commendationCases } from './commendations.cases.js';
import { exchangeCases } from './exchange.cases.js';
import { metricsCases } from './metrics.cases.js';
import { provincesCases } from './provinces.cases.js';
import { queryCases } from './queries.cases.js';
import { reviewCases } from './review.cases.js';

export type { BadInputCase, Category, Fixtures, Store } from './case.js';
export { storedAward } from './commendations.cases.js';
export { recordedIndicator } from './metrics.cases.js';

/** The whole bad-input corpus, mutation by mutation, then the main queries. */
export const cases: BadInputCase[] = [
  ...commendationCases,
  ...reviewCases,
  ...exchangeCases,
  ...metricsCases,
  ...provincesCases,
  ...queryCases,
];
