/** Time source, injectable so tests can control backoff and leases. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** Real timers, unref'd so pending retries never keep the process alive on their own. */
export const systemTimers: Timers = {
  setTimeout(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
