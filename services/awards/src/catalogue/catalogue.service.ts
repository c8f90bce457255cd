import { badInput, requireRole, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { CatalogueEntry, type CommendationForm } from './catalogue.entity.js';
import { PointsChange } from './points-change.entity.js';

/** Points above this are surely a typing mistake (the Government flag earns 10 by default). */
export const MAX_POINTS = 1000;

export interface PointsInput {
  form: CommendationForm;
  points: number;
}

/**
 * Sets the points a form earns in standings (admin only); the value it
 * replaces is kept in the form's points history with who changed it.
 */
export async function setCommendationPoints(
  em: EntityManager,
  actor: Viewer,
  { form, points }: PointsInput,
): Promise<CatalogueEntry> {
  requireRole(actor, ['admin'], 'setCommendationPoints');
  if (!Number.isFinite(points) || points < 0 || points > MAX_POINTS) {
    throw badInput('points', points, `is not a number of points between 0 and ${MAX_POINTS}`);
  }
  const entry = await em.findOneOrFail(CatalogueEntry, { where: { form }, lock: { mode: 'pessimistic_write' } });
  if (entry.points === points) return entry;
  const at = new Date();
  await em.getRepository(PointsChange).insert({ form, previousPoints: entry.points, points, actor: actor.sub, at });
  Object.assign(entry, { points, updatedBy: actor.sub, updatedAt: at });
  return em.getRepository(CatalogueEntry).save(entry);
}
