import { StoreItem, StoreItems } from 'botbuilder';
import { DocumentStore, EtagMismatchError } from '../../storage/documentStore';
import { BotStateStorage } from './storeContracts';

/** Bot state write refused because the item changed since it was read (same rule and message as MemoryStorage). */
export class StateEtagConflictError extends EtagMismatchError {
  override name = 'StateEtagConflictError';
  constructor(key: string) {
    super(key);
    this.message = `Storage: error writing "${key}" due to eTag conflict.`;
  }
}

/**
 * botbuilder `Storage` on any {@link DocumentStore}, with MemoryStorage's eTag rules exactly:
 * an item written without an eTag, with `'*'`, or whose key holds nothing is stored unconditionally;
 * otherwise its eTag must equal the stored one or the write rejects with {@link StateEtagConflictError}.
 * Every successful write gets a new eTag. The check is atomic because the document store checks it.
 */
export class DocumentStorage implements BotStateStorage {
  constructor(private readonly documents: DocumentStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const doc = await this.documents.read<StoreItem>(key);
        if (doc) items[key] = { ...doc.value, eTag: doc.etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // Like MemoryStorage, a conflict on one key does not stop the others from being written.
    const results = await Promise.allSettled(Object.entries(changes).map(([key, item]) => this.writeItem(key, item as StoreItem)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.documents.delete(key)));
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const keys = await this.documents.list(prefix);
    await this.delete(keys);
    return keys.length;
  }

  ping(): Promise<void> {
    return this.documents.ping();
  }

  private async writeItem(key: string, item: StoreItem | null | undefined): Promise<void> {
    const { eTag, ...value } = item ?? {};
    if (!eTag || eTag === '*') {
      await this.documents.write(key, value);
      return;
    }
    try {
      await this.documents.write(key, value, eTag);
    } catch (err) {
      if (!(err instanceof EtagMismatchError)) throw err;
      // MemoryStorage accepts any eTag for a key that holds nothing; create() keeps that atomic.
      if (await this.documents.create(key, value)) return;
      throw new StateEtagConflictError(key);
    }
  }
}
