import { appendRevision, type Viewer } from '@thidua/kit';
import type { EntityManager, ObjectLiteral } from 'typeorm';

/**
 * Appends a definition to the history of catalogue changes (indicators and
 * indices), so a redefinition never silently replaces what rankings used.
 * The history is a table of this service with no GraphQL type of its own.
 */
export function recordDefinition(
  em: EntityManager,
  kind: 'indicator' | 'index',
  id: string,
  definition: object,
  actor: Viewer | string,
): Promise<number> {
  return appendRevision<ObjectLiteral>(
    em,
    'definition_revision',
    { kind, id },
    { definition, recorded_by: typeof actor === 'string' ? actor : actor.sub },
  );
}
