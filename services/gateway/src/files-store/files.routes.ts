import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import express, { type Request, type Response } from 'express';
import { demoPdf, type AuthConfig, type Logger } from '@thidua/kit';
import { resolveCaller, type Caller } from './caller.js';
import { allowedTypes, HEAD_BYTES, mediaType } from './file-types.js';
import type { FileStore } from './file-store.js';

export interface FilesOptions {
  store: FileStore;
  /** Larger uploads are refused with 413. */
  maxBytes: number;
  auth: AuthConfig;
  /** The awards subgraph keeps what each file is and who may read it. */
  awardsUrl: string;
  logger: Logger;
}

const accepted =
  'PDF, images (PNG, JPEG, GIF, WebP, TIFF) or office documents (Word, Excel, PowerPoint, OpenDocument, RTF)';

function fail(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

class TooLarge extends Error {}

const placeholder = (bytes: Buffer) => ({ stream: Readable.from([bytes]), size: bytes.length });

/** Passes the body through, counting, hashing and keeping its first bytes; fails past `max`. */
class Measure extends Transform {
  size = 0;
  head = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.max) {
      done(new TooLarge());
      return;
    }
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES)]);
    this.hash.update(chunk);
    done(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** X-File-Name as sent: percent-encoded UTF-8 (encodeURIComponent), so Vietnamese names travel intact. */
function fileNameOf(req: Request): string | null {
  const raw = req.headers['x-file-name'];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  try {
    const name = baseName(decodeURIComponent(raw)).trim();
    return name === '' || name.length > 255 ? null : name;
  } catch {
    return null;
  }
}

/** The last path segment, so "C:\\scans\\biên bản.pdf" keeps only its name. */
function baseName(name: string): string {
  return name.split(/[/\\]/).pop() ?? name;
}

interface SubgraphAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Asks the awards subgraph something as the caller (their own token and request id). */
async function askAwards<T>(
  options: FilesOptions,
  caller: Caller,
  requestId: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<SubgraphAnswer<T>> {
  const response = await fetch(options.awardsUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      ...(caller.authorization ? { authorization: caller.authorization } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as SubgraphAnswer<T>;
}

const statusOf: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, CONFLICT: 409 };

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * POST /files (raw body, Content-Type, X-File-Name, a sign-in) → 201 { id, url };
 * GET /files/{id} with a sign-in, for those awards says may read it.
 */
export function filesRouter(options: FilesOptions): express.Router {
  const router = express.Router();
  const { store, logger } = options;

  async function callerOf(req: Request, res: Response): Promise<Caller | null> {
    try {
      const caller = await resolveCaller(req);
      if (caller.viewer) return caller;
      fail(res, 401, 'UNAUTHENTICATED', 'Files need a sign-in: the session cookie, or Authorization: Bearer <JWT>');
    } catch (error) {
      const e = error as Error & { extensions?: { code?: string; http?: { status?: number } } };
      const status = e.extensions?.http?.status ?? 401;
      fail(res, status, status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED', e.message);
    }
    return null;
  }

  router.post('/files', async (req, res) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    const drain = () => req.resume();
    const caller = await callerOf(req, res);
    if (!caller) return drain();
    if (caller.viewer!.role === 'viewer') {
      fail(res, 403, 'FORBIDDEN', 'A viewer token reads only; uploading needs a province, ministry or admin sign-in');
      return drain();
    }
    const type = mediaType(req.headers['content-type']);
    const kind = allowedTypes[type];
    if (!kind) {
      fail(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Type "${type || '(none)'}" is not accepted: upload ${accepted}`,
      );
      return drain();
    }
    const fileName = fileNameOf(req);
    if (!fileName) {
      fail(
        res,
        400,
        'BAD_USER_INPUT',
        'X-File-Name is missing or not a name (send it percent-encoded, at most 255 characters)',
      );
      return drain();
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      fail(res, 413, 'PAYLOAD_TOO_LARGE', `The file is ${declared} bytes; the limit is ${options.maxBytes} bytes`);
      return drain();
    }
    const id = randomUUID();
    const measure = new Measure(options.maxBytes);
    try {
      await store.put(id, req.pipe(measure));
    } catch (error) {
      if (error instanceof TooLarge) {
        fail(res, 413, 'PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${options.maxBytes} bytes`);
        return drain();
      }
      logger.error({ err: error }, 'could not store an uploaded file');
      return fail(res, 500, 'INTERNAL_SERVER_ERROR', 'The file could not be stored');
    }
    if (measure.size === 0 || !kind.magic(measure.head)) {
      await store.remove(id);
      return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `The content is not a ${type} file, as its Content-Type says`);
    }
    try {
      const answer = await askAwards<{ registerFile: { id: string } }>(
        options,
        caller,
        requestId,
        `mutation ($id: ID!, $fileName: String!, $contentType: String!, $size: Int!, $sha256: String!) {
          registerFile(id: $id, fileName: $fileName, contentType: $contentType, size: $size, sha256: $sha256) { id }
        }`,
        { id, fileName, contentType: type, size: measure.size, sha256: measure.digest() },
      );
      const error = answer.errors?.[0];
      if (error || !answer.data?.registerFile) {
        await store.remove(id);
        const code = error?.extensions?.code ?? 'SERVICE_UNAVAILABLE';
        return fail(res, statusOf[code] ?? 503, code, error?.message ?? 'The awards service did not record the file');
      }
    } catch (error) {
      await store.remove(id);
      logger.warn({ err: error }, 'the awards service did not answer a file registration');
      return fail(
        res,
        503,
        'SERVICE_UNAVAILABLE',
        'The awards service is unavailable; the file was not kept. Try again',
      );
    }
    res.status(201).json({ id, url: `/files/${id}` });
  });

  router.get('/files/:id', async (req, res) => {
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    const caller = await callerOf(req, res);
    if (!caller) return;
    const id = String(req.params.id);
    let answer: SubgraphAnswer<{ file: { fileName: string; contentType: string; demo: boolean } | null }>;
    try {
      answer = await askAwards(
        options,
        caller,
        requestId,
        'query ($id: ID!) { file(id: $id) { fileName contentType demo } }',
        { id },
      );
    } catch (error) {
      logger.warn({ err: error }, 'the awards service did not answer a file read');
      return fail(res, 503, 'SERVICE_UNAVAILABLE', 'The awards service is unavailable; try again shortly');
    }
    const file = answer.data?.file;
    if (!file) {
      const code = answer.errors?.[0]?.extensions?.code;
      if (code && code !== 'NOT_FOUND') return fail(res, statusOf[code] ?? 503, code, answer.errors![0].message);
      return fail(res, 404, 'NOT_FOUND', `There is no file ${id} this sign-in may read`);
    }
    // The demo data's evidence has no uploaded bytes: it is served as the placeholder it was recorded from.
    const content = (await store.open(id)) ?? (file.demo ? placeholder(demoPdf(file.fileName)) : null);
    if (!content) return fail(res, 404, 'NOT_FOUND', `The content of file ${id} is not in the file store`);
    const inline = allowedTypes[file.contentType]?.inline ?? false;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(content.size));
    res.setHeader('Content-Disposition', disposition(inline ? 'inline' : 'attachment', file.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    // A PDF needs the browser's viewer; anything else opened here may run nothing at all.
    if (file.contentType !== 'application/pdf') res.setHeader('Content-Security-Policy', "default-src 'none'");
    content.stream.pipe(res);
  });

  return router;
}
