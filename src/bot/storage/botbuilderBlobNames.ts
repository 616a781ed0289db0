/**
 * The blob names botbuilder-azure-blobs 4.23 gives keys (its `sanitizeBlobKey`, which it does not export):
 * empty path segments dropped, then the whole key URI-encoded, so `/` becomes `%2F`. We read its
 * containers directly for listing, purging and exact-prefix deletes, so we must name blobs the same way.
 * An integration test writes through the library and finds the blobs through these functions.
 */

const EPOCH_TICKS = 621_355_968_000_000_000; // .NET ticks at the Unix epoch
const TICKS_PER_MS = 10_000;

/** Drops empty segments as the library does (`a//b/` becomes `a/b`), keeping the first segment as is. */
export function collapseEmptySegments(key: string): string {
  const [first, ...rest] = key.split('/');
  return rest.reduce((acc, part) => (part ? `${acc}/${part}` : acc), first ?? '');
}

/** The blob name BlobsStorage uses for a state key. */
export function stateBlobName(key: string): string {
  return encodeURIComponent(collapseEmptySegments(key));
}

/**
 * Which blob names hold state keys starting with `prefix`: list with `listPrefix`, then keep names whose
 * decoded form passes `matches` (a listing prefix alone would let conversation `abc` match `abc123`).
 */
export function stateBlobMatcher(prefix: string): { listPrefix: string; matches: (decodedName: string) => boolean } {
  const base = collapseEmptySegments(prefix);
  if (!prefix.endsWith('/')) return { listPrefix: encodeURIComponent(base), matches: (name) => name.startsWith(base) };
  return { listPrefix: encodeURIComponent(base), matches: (name) => name === base || name.startsWith(`${base}/`) };
}

/** Listing prefix for every activity blob BlobsTranscriptStore writes for one conversation. */
export function transcriptConversationPrefix(channelId: string, conversationId: string): string {
  return encodeURIComponent(`${collapseEmptySegments(`${channelId}/${conversationId}`)}/`);
}

/** Listing prefix for every activity blob of one channel. */
export function transcriptChannelPrefix(channelId: string): string {
  return encodeURIComponent(`${collapseEmptySegments(channelId)}/`);
}

/** What an activity blob's name says: `{channelId}/{conversationId}/{ticks in hex}-{activityId}.json`. */
export interface TranscriptBlobName {
  channelId: string;
  conversationId: string;
  /** The activity's timestamp, to the millisecond; undefined if the name does not carry one. */
  timestamp?: Date;
}

/** Parses an activity blob name; undefined for blobs that are not transcript activities. */
export function parseTranscriptBlobName(name: string): TranscriptBlobName | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return undefined;
  }
  const firstSlash = decoded.indexOf('/');
  const lastSlash = decoded.lastIndexOf('/');
  if (firstSlash <= 0 || lastSlash <= firstSlash + 1 || !decoded.endsWith('.json')) return undefined;
  const ticks = /^([0-9a-f]+)-/.exec(decoded.slice(lastSlash + 1))?.[1];
  return {
    channelId: decoded.slice(0, firstSlash),
    conversationId: decoded.slice(firstSlash + 1, lastSlash),
    timestamp: ticks === undefined ? undefined : ticksToDate(ticks),
  };
}

/** Hex .NET ticks to a Date (the library's name format; precision loss stays far below a millisecond). */
export function ticksToDate(hexTicks: string): Date {
  return new Date(Math.round((parseInt(hexTicks, 16) - EPOCH_TICKS) / TICKS_PER_MS));
}
