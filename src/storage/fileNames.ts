import { createHash } from 'node:crypto';

/**
 * Maps store keys to single, flat file names and back.
 *
 * Every byte outside `[a-z0-9_.-]` becomes `%XX`, so a name never contains `/`, `\` or any other
 * separator (no path traversal whatever the key), and upper-case letters are escaped too so two keys
 * differing only in case stay two files on case-insensitive file systems (macOS, Windows).
 * Names that would be too long keep a readable head and end in `~` + a hash of the whole key;
 * `~` never appears in the escaped form, so such names are recognisable.
 */

/** Well under the usual 255-byte limit, leaving room for a temporary-file suffix. */
const MAX_NAME_LENGTH = 200;
const HASHED_HEAD_LENGTH = 120;
const HASH_MARK = '~';

function isPlainByte(byte: number): boolean {
  return (
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x5f || // _
    byte === 0x2e || // .
    byte === 0x2d // -
  );
}

function escapeKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    out += isPlainByte(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function unescape(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The file name for `key`, ending in `suffix` (e.g. `.json`). The key must already be validated. */
export function fileNameFor(key: string, suffix: string): string {
  const escaped = escapeKey(key);
  if (escaped.length + suffix.length <= MAX_NAME_LENGTH) return escaped + suffix;
  let head = escaped.slice(0, HASHED_HEAD_LENGTH);
  // Do not cut a %XX escape (or a multi-byte character) in half, or the head would not decode.
  while (unescape(head) === undefined) head = head.slice(0, Math.max(0, head.lastIndexOf('%')));
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40);
  return `${head}${HASH_MARK}${hash}${suffix}`;
}

/** What a file name says about its key: all of it, or (for hashed names) only how it starts. */
export type ParsedFileName = { kind: 'exact'; key: string } | { kind: 'hashed'; keyStart: string };

/** Parses a name made by {@link fileNameFor}; undefined for files that are not ours. */
export function parseFileName(name: string, suffix: string): ParsedFileName | undefined {
  if (!name.endsWith(suffix)) return undefined;
  const stem = name.slice(0, name.length - suffix.length);
  const mark = stem.indexOf(HASH_MARK);
  if (mark >= 0) {
    const keyStart = unescape(stem.slice(0, mark));
    return keyStart === undefined ? undefined : { kind: 'hashed', keyStart };
  }
  const key = unescape(stem);
  // Only accept canonical names, so a stray file cannot alias a key.
  return key !== undefined && escapeKey(key) === stem ? { kind: 'exact', key } : undefined;
}
