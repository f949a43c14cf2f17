import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidBucketName } from './bucket-name.ts';

/** Lifecycle documents, one file per bucket, so they survive a restart of the service like the objects do. */
export interface LifecycleStore {
  read(bucket: string): Promise<string | undefined>;
  write(bucket: string, document: string): Promise<void>;
  /** Removing a document that does not exist is not an error (S3's DELETE ?lifecycle is idempotent). */
  remove(bucket: string): Promise<void>;
}

export function createLifecycleStore(directory: string): LifecycleStore {
  const fileOf = (bucket: string): string => {
    if (!isValidBucketName(bucket)) throw new Error(`invalid bucket name ${JSON.stringify(bucket)}`);
    return join(directory, `${bucket}.xml`);
  };
  return {
    async read(bucket) {
      try {
        return await readFile(fileOf(bucket), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(bucket, document) {
      const file = fileOf(bucket);
      await mkdir(directory, { recursive: true });
      // Write then rename: a crash mid-write leaves the previous document, never half of a new one.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, document);
      await rename(partial, file);
    },
    async remove(bucket) {
      await rm(fileOf(bucket), { force: true });
    },
  };
}
