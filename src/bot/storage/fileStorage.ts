import type { StoreItem, StoreItems } from 'botbuilder';
import { probeWritable } from '../../storage/probeWritable';
import { StateJournal } from '../../storage/stateJournal';
import { StateEtagConflictError } from './documentStorage';
import { BotStateStorage } from './storeContracts';

export interface FileStorageOptions {
  /** Folder for state (DATA_DIR/state); created when missing. */
  dir: string;
  /** fsync every write (default true; createStores turns it off for state, see there). */
  fsync?: boolean;
}

/**
 * Bot Framework state on local files (the embedded default): held in memory and journalled to
 * `<dir>/state.jsonl` (see {@link StateJournal}), MemoryStorage's eTag rules, survives restarts.
 * For a single bot process; use blob storage for several.
 */
export class FileStorage implements BotStateStorage {
  private readonly journal: StateJournal;

  constructor(options: FileStorageOptions) {
    this.journal = StateJournal.for(options.dir, { fsync: options.fsync ?? true });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const found = this.journal.get(key);
      if (found) items[key] = { ...(found.value as object), eTag: found.etag };
    }
    return items;
  }

  /**
   * An item written without an eTag, with `'*'`, or whose key holds nothing is stored unconditionally;
   * otherwise its eTag must be the stored one. As in MemoryStorage, a conflict on one key does not stop
   * the others. Each check and write is synchronous, so nothing can come between them.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    let conflict: StateEtagConflictError | undefined;
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = (item ?? {}) as StoreItem;
      const current = this.journal.etagOf(key);
      if (eTag && eTag !== '*' && current !== undefined && current !== eTag) {
        conflict ??= new StateEtagConflictError(key);
        continue;
      }
      this.journal.put(key, value);
    }
    if (conflict) throw conflict;
  }

  async delete(keys: string[]): Promise<void> {
    this.journal.remove(keys);
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    return this.journal.remove(this.journal.keysStartingWith(prefix));
  }

  close(): void {
    this.journal.close();
  }

  async ping(): Promise<void> {
    await probeWritable(this.journal.dir);
    this.journal.has(''); // proves the journal itself can be read and opened
  }
}
