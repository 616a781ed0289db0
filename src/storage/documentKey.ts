/** Thrown for a key no store will accept (empty, traversal segments, control characters...). */
export class InvalidKeyError extends Error {
  override name = 'InvalidKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`[DocumentStore]: invalid key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** Longest key any store accepts (Azure's blob name limit). */
export const MAX_KEY_LENGTH = 1024;

/**
 * Rules every store applies, so a key that works on disk also works in Azure:
 * non-empty, at most {@link MAX_KEY_LENGTH} characters, no control characters, no backslash,
 * no `.` or `..` path segment, and valid UTF-16 (a lone surrogate cannot be encoded).
 * Empty segments (`a//b`, a trailing `/`) are allowed here because Bot Framework state keys end in `/`.
 */
export function assertDocumentKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidKeyError(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidKeyError(key.slice(0, 40), `longer than ${MAX_KEY_LENGTH}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new InvalidKeyError(key, 'control character');
  if (key.includes('\\')) throw new InvalidKeyError(key, 'backslash');
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new InvalidKeyError(key, '"." or ".." segment');
  }
  try {
    encodeURIComponent(key);
  } catch {
    throw new InvalidKeyError(key, 'lone surrogate');
  }
}

/**
 * Stricter rules for blob names: Azure advises against names with empty segments or ending in `.` or `/`,
 * and URL normalisation could otherwise fold two keys onto one blob.
 */
export function assertBlobKey(key: string): void {
  assertDocumentKey(key);
  if (key.split('/').some((segment) => segment === '')) throw new InvalidKeyError(key, 'empty segment');
  if (key.endsWith('.')) throw new InvalidKeyError(key, 'ends with "."');
}
