import { JournalDocumentStore, StateJournal } from '../../storage/stateJournal';
import { DocumentStorage } from './documentStorage';

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
export class FileStorage extends DocumentStorage {
  private readonly store: JournalDocumentStore;

  constructor(options: FileStorageOptions) {
    const store = new JournalDocumentStore(StateJournal.for(options.dir, { fsync: options.fsync ?? true }));
    super(store);
    this.store = store;
  }

  close(): void {
    this.store.close();
  }
}
