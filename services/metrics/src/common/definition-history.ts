import type { EntityManager } from 'typeorm';

/**
 * Appends a definition to the history of catalogue changes (indicators and
 * indices), so a redefinition never silently replaces what rankings used.
 */
export async function recordDefinition(
  db: EntityManager,
  kind: 'indicator' | 'index',
  id: string,
  definition: object,
  actor: string,
): Promise<void> {
  await db.query(
    `INSERT INTO definition_revision (kind, id, revision, definition, recorded_by)
     SELECT $1, $2, coalesce(max(revision), 0) + 1, $3, $4 FROM definition_revision WHERE kind = $1 AND id = $2`,
    [kind, id, definition, actor],
  );
}
