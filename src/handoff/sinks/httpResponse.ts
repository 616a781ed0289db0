/** What an HTTP status means for a hand-off delivery. */
export type HttpVerdict = 'delivered' | 'retry' | 'rejected';

/**
 * 2xx delivered; 408, 429 and 5xx worth retrying; anything else (other 4xx, and 3xx since
 * redirects are not followed for a signed POST) is a rejection a person has to look at.
 */
export function httpVerdict(status: number): HttpVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'rejected';
}

/** Milliseconds to wait from a Retry-After header (seconds or HTTP date), if it makes sense. */
export function parseRetryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for hosts that never leave the machine (tests, local relays). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || hostname.startsWith('127.');
}
