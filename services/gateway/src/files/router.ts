import type { ApolloServer } from '@apollo/server';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AuthConfig, Logger } from '@thidua/kit';
import type { GatewayContext } from '../context.js';
import { GatewayApi, HttpFailure } from './api.js';
import { provinceExports, seasonExports } from './exports.js';
import { importObservationFile, type ImportAnswer } from './observations-import.js';
import { reviewPdf } from './review-pdf.js';
import type { Upload } from './sheet.js';
import { provinceScopeOf, seasonScopeOf } from './scope.js';
import { observationTemplate } from './template.js';
import { commendationTemplate } from './commendations-template.js';
import { importCommendationFile } from './commendations-import.js';
import { toCsv, toXlsx } from './workbook.js';

/** Default largest upload: a workbook of several years of every province's figures is a few MB. */
export const DEFAULT_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export interface FilesOptions {
  apollo: ApolloServer<GatewayContext>;
  auth: AuthConfig;
  logger: Logger;
  /** Largest file `POST /import/…` accepts (IMPORT_MAX_BYTES). */
  importMaxBytes?: number;
}

const contentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
} as const;

function send(res: Response, format: keyof typeof contentTypes, fileName: string, body: Buffer): void {
  res.setHeader('Content-Type', contentTypes[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

/** The uploaded file: the raw body, named by X-File-Name (URL-encoded when not ASCII). */
function uploadOf(req: Request): Upload {
  const header = req.header('x-file-name') ?? 'upload';
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // A name with a stray % is used as sent.
  }
  return { name, type: req.header('content-type') ?? '', body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
}

const isTrue = (value: unknown) => value === '1' || value === 'true';

/** An import needs a signed-in caller. */
async function requireCaller(api: GatewayApi, req: Request): Promise<void> {
  if (!(await api.viewer(req))) {
    throw new HttpFailure(401, 'Importing needs a sign-in: the session cookie, or Authorization: Bearer <JWT>');
  }
}

/** An async route whose failures become JSON answers with their status. */
const route =
  (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) =>
    handler(req, res).catch(next);

/**
 * Excel in, Excel/CSV/PDF out, all through the gateway's public API with the
 * caller's rights (see api.ts):
 * - `GET /import/template.xlsx?cluster=&year=`, `POST /import/observations[?dryRun=1&year=]`
 * - `GET /import/commendations-template.xlsx?cluster=&year=`, `POST /import/commendations[?dryRun=1]`
 * - `GET /export/<table>.{xlsx,csv}?cluster=&year=` or `?province=` (see exports.ts), `GET /export/review.pdf`
 */
export function filesRouter(options: FilesOptions): express.Router {
  const api = new GatewayApi(options.apollo, options.auth, options.logger);
  const router = express.Router();
  const upload = express.raw({ type: () => true, limit: options.importMaxBytes ?? DEFAULT_IMPORT_MAX_BYTES });
  // Who is asking is settled before the body is read: nobody anonymous makes the gateway take in a file.
  const signedIn = (req: Request, _res: Response, next: NextFunction) =>
    requireCaller(api, req).then(() => next(), next);

  router.get(
    '/import/template.xlsx',
    route(async (req, res) => {
      const { clusterId, year } = seasonScopeOf(req);
      const workbook = await observationTemplate(api, req, clusterId, year);
      send(res, 'xlsx', `mau-so-lieu-${clusterId}-${year}.xlsx`, Buffer.from(await workbook.xlsx.writeBuffer()));
    }),
  );

  router.post(
    '/import/observations',
    signedIn,
    upload,
    route(async (req, res) => {
      const year = req.query.year === undefined ? null : Number(req.query.year);
      if (year !== null && !Number.isInteger(year))
        throw new HttpFailure(400, `year: "${req.query.year}" is not a year`);
      const file = uploadOf(req);
      const answer: ImportAnswer = await importObservationFile(api, req, file, {
        dryRun: isTrue(req.query.dryRun),
        year,
      });
      options.logger.info(
        { file: file.name, rows: answer.rows, stored: answer.stored, errors: answer.errorCount, dryRun: answer.dryRun },
        'observations import',
      );
      res.status(answer.errorCount > 0 ? 422 : 200).json(answer);
    }),
  );

  router.get(
    '/import/commendations-template.xlsx',
    route(async (req, res) => {
      const { clusterId, year } = seasonScopeOf(req);
      const workbook = await commendationTemplate(api, req, clusterId, year);
      send(res, 'xlsx', `mau-khen-thuong-${clusterId}-${year}.xlsx`, Buffer.from(await workbook.xlsx.writeBuffer()));
    }),
  );

  router.post(
    '/import/commendations',
    signedIn,
    upload,
    route(async (req, res) => {
      const file = uploadOf(req);
      const answer = await importCommendationFile(api, req, file, { dryRun: isTrue(req.query.dryRun) });
      options.logger.info(
        { file: file.name, rows: answer.rows, stored: answer.stored, errors: answer.errorCount, dryRun: answer.dryRun },
        'commendations import',
      );
      res.status(answer.errorCount > 0 ? 422 : 200).json(answer);
    }),
  );

  router.get(
    '/export/:file',
    route(async (req, res) => {
      const match = /^([a-z]+)\.(xlsx|csv|pdf)$/.exec(String(req.params.file));
      if (!match)
        throw new HttpFailure(404, `No export "${req.params.file}": ask for <table>.xlsx, <table>.csv or review.pdf`);
      const [, table, format] = match as unknown as [string, string, keyof typeof contentTypes];
      if (table === 'assessments') {
        throw new HttpFailure(
          404,
          'The assessments export (self-assessment against appraisal) is not available yet: it comes with the emulation year, which is not built yet',
        );
      }
      if (table === 'review') {
        if (format !== 'pdf') throw new HttpFailure(404, 'The review is exported as PDF: /export/review.pdf');
        const { clusterId, year } = seasonScopeOf(req);
        send(res, 'pdf', `bien-ban-${clusterId}-${year}.pdf`, await reviewPdf(api, req, clusterId, year));
        return;
      }
      const byProvince = req.query.province !== undefined;
      // Own keys only: a table named "constructor" is no table.
      if (!Object.hasOwn(byProvince ? provinceExports : seasonExports, table) || format === 'pdf') {
        throw new HttpFailure(
          404,
          `No export "${req.params.file}"${byProvince ? ' of a province' : ''}: ` +
            `?cluster=&year= tables are ${Object.keys(seasonExports).join(', ')}; ` +
            `?province= tables are ${Object.keys(provinceExports).join(', ')}; as .xlsx or .csv; and review.pdf`,
        );
      }
      const province = byProvince ? provinceScopeOf(req) : null;
      const season = province ? null : seasonScopeOf(req);
      const data = province
        ? await provinceExports[table](api, req, province)
        : await seasonExports[table](api, req, season!);
      const scopeName = province ? province.provinceId : `${season!.clusterId}-${season!.year}`;
      const body = format === 'csv' ? toCsv(data) : await toXlsx(data, new Date());
      send(res, format, `${table}-${scopeName}.${format}`, body);
    }),
  );

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof HttpFailure) {
      res.status(error.status).json({ error: error.message, ...error.details });
      return;
    }
    const body = error as { type?: string; status?: number; limit?: number };
    if (body.type === 'entity.too.large') {
      res.status(413).json({ error: `The file is larger than the limit of ${body.limit} bytes (IMPORT_MAX_BYTES)` });
      return;
    }
    options.logger.error({ err: error }, 'file route failed');
    res.status(500).json({ error: 'Internal server error' });
  });
  return router;
}
