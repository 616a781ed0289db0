import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor } from './atomicFile';
import { StoreUnavailableError } from './documentStore';

/**
 * Creates `dir` if needed, then writes and removes a small probe file: proves the folder is writable
 * (a read-only mount or a full disk passes an access() check but fails here).
 */
export async function probeWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = tempPathFor(join(dir, '.ping'));
    await writeFile(probe, 'ok', { flag: 'wx' });
    await rm(probe, { force: true });
  } catch (err) {
    throw new StoreUnavailableError(`[FileStore]: ${dir} is not writable`, err);
  }
}
