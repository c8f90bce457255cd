import { badInput, checkText, conflict, isNational, isUniqueViolation, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { isUuid } from '../commendation/commendation.service.js';
import type { Actor } from '../year/year.guard.js';
import { EvidenceFile } from './evidence-file.entity.js';

export interface FileFacts {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Records a file the gateway has just stored (POST /files), as the person who
 * uploaded it. Only the gateway calls this (the field is not in the public API).
 */
export async function registerFile(tx: EntityManager, who: Actor, input: FileFacts): Promise<EvidenceFile> {
  if (!isUuid(input.id)) throw badInput('id', input.id, 'is not a file id (a UUID)');
  if (!Number.isInteger(input.size) || input.size < 0) throw badInput('size', input.size, 'is not a size in bytes');
  if (!/^[0-9a-f]{64}$/.test(input.sha256)) throw badInput('sha256', input.sha256, 'is not a SHA-256 in hex');
  try {
    return await tx.getRepository(EvidenceFile).save(
      tx.getRepository(EvidenceFile).create({
        id: input.id,
        fileName: checkText('fileName', input.fileName, 255),
        contentType: checkText('contentType', input.contentType, 200),
        size: input.size,
        sha256: input.sha256,
        uploadedBy: who.sub,
        uploaderProvince: who.role === 'province' ? (who.province ?? null) : null,
        uploadedAt: new Date(),
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`file ${input.id} is already registered`);
    throw error;
  }
}

/**
 * The file, when the viewer may read it: the Ministry and admins any; a
 * province its own uploads and the files of the seasons it is a member of
 * (evidence of that season's assessments, its compact); nobody else.
 */
export async function readableFile(db: EntityManager, viewer: Viewer | null, id: string): Promise<EvidenceFile | null> {
  if (!viewer || !isUuid(id)) return null;
  const file = await db.getRepository(EvidenceFile).findOneBy({ id });
  if (!file) return null;
  if (isNational(viewer)) return file;
  if (viewer.role !== 'province' || !viewer.province) return null;
  if (file.uploaderProvince === viewer.province) return file;
  const [member] = await db.query(
    `SELECT 1
       FROM (SELECT cluster_id, year FROM item_evidence WHERE file_id = $1
             UNION SELECT cluster_id, year FROM season_year WHERE document_id = $1) s
       JOIN season_year y ON y.cluster_id = s.cluster_id AND y.year = s.year
      WHERE $2 = ANY (y.signatories)
         OR EXISTS (SELECT 1 FROM assessment a
                     WHERE a.cluster_id = s.cluster_id AND a.year = s.year AND a.province_id = $2)
      LIMIT 1`,
    [id, viewer.province],
  );
  return member ? file : null;
}
