/**
 * Holds a client object and throws it away after a failure that may have left it broken, so the next
 * call builds a fresh one. Needed for botbuilder-azure-blobs, whose stores cache their first
 * container-creation promise forever: one failure while the service is down would break them until restart.
 */
export class Renewable<T> {
  private current?: T;

  constructor(
    private readonly create: () => T,
    private readonly shouldRenew: (err: unknown) => boolean,
  ) {}

  /** Runs `op` on the current instance (building one if needed); renews it when `op` fails that way. */
  async use<R>(op: (instance: T) => Promise<R>): Promise<R> {
    const instance = (this.current ??= this.create());
    try {
      return await op(instance);
    } catch (err) {
      if (this.shouldRenew(err) && this.current === instance) this.current = undefined;
      throw err;
    }
  }
}
