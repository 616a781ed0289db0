/** Thrown for a continuation token this store did not issue. */
export class InvalidContinuationTokenError extends Error {
  override name = 'InvalidContinuationTokenError';
  constructor(token: string) {
    super(`[TranscriptStore]: invalid continuation token ${JSON.stringify(token)}`);
  }
}

/**
 * One page of `items` for a continuation token that is simply the offset of the next item
 * ('' = first page; '' back = no more). Offsets, unlike botbuilder's "id of the last item", survive
 * duplicate ids.
 */
export function pageByOffset<T>(items: T[], continuationToken: string | undefined, pageSize: number): { items: T[]; continuationToken: string } {
  let start = 0;
  if (continuationToken) {
    if (!/^\d+$/.test(continuationToken)) throw new InvalidContinuationTokenError(continuationToken);
    start = Number(continuationToken);
  }
  const end = start + pageSize;
  return { items: items.slice(start, end), continuationToken: end < items.length ? String(end) : '' };
}
