/**
 * Runs tasks one after another per key (and concurrently across keys), in the order they were queued.
 * Used where a read-check-write must not interleave with another one on the same key in this process.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  /** Queues `task` behind every earlier task for `key`; its result (or error) is passed through. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    // The tail must never reject, or one failed task would fail every later one.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far for `key` (or, without a key, for every key) has settled. */
  async whenIdle(key?: string): Promise<void> {
    if (key !== undefined) {
      await this.tails.get(key);
      return;
    }
    await Promise.all([...this.tails.values()]);
  }
}
