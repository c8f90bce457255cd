import type { Request } from 'express';
import { HttpFailure } from './api.js';

/** The weights the standings use unless the request names others (the API's defaults). */
export const defaultWeights = { ictWeight: 0.7, awardWeight: 0.3 };

/** What a season's table is asked for: `?cluster=&year=` and the table's own options. */
export interface SeasonScope {
  kind: 'season';
  clusterId: string;
  year: number;
  weights: { ictWeight: number; awardWeight: number };
  /** indicators: one indicator's ranking instead of the matrix. */
  indicator?: string;
}

/** What a province's table is asked for: `?province=`. */
export interface ProvinceScope {
  kind: 'province';
  provinceId: string;
}

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function noSeason(clusterId: string, year: number): HttpFailure {
  return new HttpFailure(404, `Cluster "${clusterId}" has no season in ${year}`);
}

function weightOf(req: Request, name: 'ictWeight' | 'awardWeight'): number {
  const raw = req.query[name];
  if (raw === undefined) return defaultWeights[name];
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value))
    throw new HttpFailure(400, `${name}: ${JSON.stringify(raw)} is not a number`);
  return value;
}

/** `?cluster=&year=` (with `ictWeight`, `awardWeight`, `indicator`), or 400 naming what is wrong. */
export function seasonScopeOf(req: Request): SeasonScope {
  const clusterId = String(req.query.cluster ?? '');
  const year = Number(req.query.year);
  if (!slug.test(clusterId)) {
    throw new HttpFailure(400, `cluster: ${JSON.stringify(clusterId)} is not a cluster id (e.g. ?cluster=cum-3)`);
  }
  if (!Number.isInteger(year))
    throw new HttpFailure(400, `year: ${JSON.stringify(req.query.year ?? null)} is not a year`);
  const indicator = typeof req.query.indicator === 'string' && req.query.indicator ? req.query.indicator : undefined;
  return {
    kind: 'season',
    clusterId,
    year,
    weights: { ictWeight: weightOf(req, 'ictWeight'), awardWeight: weightOf(req, 'awardWeight') },
    indicator,
  };
}

/** `?province=`, or 400. */
export function provinceScopeOf(req: Request): ProvinceScope {
  const provinceId = String(req.query.province ?? '');
  if (!slug.test(provinceId)) {
    throw new HttpFailure(
      400,
      `province: ${JSON.stringify(provinceId)} is not a province id (e.g. ?province=vinh-phuc)`,
    );
  }
  return { kind: 'province', provinceId };
}
