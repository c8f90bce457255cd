import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded files' bytes live. The default keeps them on the gateway's
 * disk (FILES_DIR, default DATA_DIR/files); a deployment with several gateways
 * would put an S3-compatible store behind this same interface.
 */
export interface FileStore {
  /** Writes `content` under `id`, whole or not at all. */
  put(id: string, content: Readable): Promise<void>;
  /** The bytes of `id`, or null when there are none. */
  open(id: string): Promise<{ stream: Readable; size: number } | null>;
  remove(id: string): Promise<void>;
  /** Where the files are, for the logs. */
  describe(): string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Files on local disk, fanned out by the id's first two characters; written to a temporary name, then renamed. */
export function diskFileStore(dir: string): FileStore {
  const root = path.resolve(dir);
  const fileOf = (id: string) => {
    if (!ID.test(id)) throw new Error(`not a file id: ${id}`);
    return path.join(root, id.slice(0, 2), id);
  };
  return {
    async put(id, content) {
      const file = fileOf(id);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      try {
        await pipeline(content, createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async open(id) {
      if (!ID.test(id)) return null;
      const file = fileOf(id);
      try {
        const { size } = await stat(file);
        return { stream: createReadStream(file), size };
      } catch {
        return null;
      }
    },
    async remove(id) {
      if (ID.test(id)) await rm(fileOf(id), { force: true });
    },
    describe: () => root,
  };
}
