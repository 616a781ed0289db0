/** Retry timing of the delivery worker. */
export interface BackoffOptions {
  /** Delay after the first failure, before jitter. Default 5 s. */
  baseDelayMs: number;
  /** Cap of the exponential delay. Default 15 min. */
  maxDelayMs: number;
  /** Delay after a permanent rejection (a person has to fix something). Default 6 h. */
  rejectedDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  baseDelayMs: 5_000,
  maxDelayMs: 15 * 60_000,
  rejectedDelayMs: 6 * 60 * 60_000,
};

/**
 * "Equal jitter": half the capped exponential delay plus a random part of the other half, so
 * instances that failed together spread out but never retry immediately.
 *
 * @param attempts failed attempts so far (1 after the first failure)
 * @param random a number in [0, 1)
 */
export function retryDelayMs(attempts: number, options: BackoffOptions, random: () => number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30); // 2^30 already exceeds any sane cap
  const capped = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/** Delay after a permanent rejection: long, with the same jitter so instances do not align. */
export function rejectedDelayMs(options: BackoffOptions, random: () => number): number {
  return Math.round(options.rejectedDelayMs / 2 + random() * (options.rejectedDelayMs / 2));
}
