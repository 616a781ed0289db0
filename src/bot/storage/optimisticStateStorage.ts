import type { Storage, StoreItems } from 'botbuilder';

/**
 * BotState always saves with eTag '*' (last writer wins), so two instances answering one
 * conversation at the same moment could silently overwrite each other. This wrapper remembers the
 * eTag each state object was read with and writes with it instead, so the store refuses a write
 * based on stale state (the turn then fails with a conflict and the parent is asked to resend).
 */
export class OptimisticStateStorage implements Storage {
  /** The eTag each item object had when it was read; BotState writes back the same object. */
  private readonly readETags = new WeakMap<object, string>();

  constructor(private readonly inner: Storage) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    for (const item of Object.values(items)) {
      if (item && typeof item === 'object' && typeof (item as { eTag?: unknown }).eTag === 'string') this.readETags.set(item as object, (item as { eTag: string }).eTag);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const guarded: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      const readWith = item && typeof item === 'object' ? this.readETags.get(item as object) : undefined;
      guarded[key] = readWith && (item as { eTag?: string }).eTag === '*' ? { ...(item as object), eTag: readWith } : item;
    }
    await this.inner.write(guarded);
    // The stored eTag has moved on; a second save of the same object in this turn (the forced save
    // after a turn error) must not be refused for carrying the old one.
    for (const item of Object.values(changes)) if (item && typeof item === 'object') this.readETags.delete(item as object);
  }

  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}
