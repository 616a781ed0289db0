import { StoreUnavailableError } from './documentStore';

/** Error codes meaning the folder cannot be used at all (as opposed to a missing file or a bug). */
const UNAVAILABLE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EIO', 'ENOTDIR', 'EMFILE', 'ENFILE', 'ENODEV', 'ESTALE']);

/** The `code` of a Node.js system error, if it is one. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const { code } = err as { code: unknown };
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** True for "file or folder does not exist". */
export function isNotFound(err: unknown): boolean {
  return errnoCode(err) === 'ENOENT';
}

/**
 * Turns file-system failures that make the store unusable (read-only disk, disk full, permissions)
 * into {@link StoreUnavailableError}, so callers and /health treat them like a blob outage.
 */
export function toFileStoreError(err: unknown, what: string): unknown {
  const code = errnoCode(err);
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) {
    return new StoreUnavailableError(`[FileStore]: ${what} failed (${code})`, err);
  }
  return err;
}
