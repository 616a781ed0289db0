import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Every temporary file ends with this; readers skip such files and start-up sweeps old ones away. */
export const TEMP_SUFFIX = '.tmp';

/** A fresh temporary file name next to `target`, so the final rename stays within one file system. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Replaces `target` with `data` so that a reader (or a restart after a crash) sees either the old
 * content or the new, never a torn mix: write a temporary file in the same folder, fsync it, rename it
 * over the target (atomic on POSIX), then fsync the folder so the rename itself survives a power cut.
 */
export async function writeFileAtomic(target: string, data: string | Buffer, options: { fsync: boolean }): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(data);
    if (options.fsync) await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  if (options.fsync) await fsyncFolder(dirname(target));
}

/** Makes renames and deletions in `folder` durable. Some platforms cannot open folders; that is not an error. */
export async function fsyncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows refuses to open or sync a directory; there the rename is as durable as it gets.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Deletes temporary files left by a crash mid-write. Only files older than `olderThanMs` go, so a write
 * still in flight in another process sharing the folder is not disturbed.
 */
export async function removeStaleTempFiles(folder: string, olderThanMs: number, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(folder)) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (now - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed++;
    } catch {
      // Gone already or unreadable: either way nothing for us to clean.
    }
  }
  return removed;
}
