import { FileDocumentStore } from '../../storage/fileDocumentStore';
import { DocumentStorage } from './documentStorage';

export interface FileStorageOptions {
  /** Folder for state (DATA_DIR/state); created when missing. */
  dir: string;
  /** fsync every write (default true). */
  fsync?: boolean;
}

/**
 * Bot Framework state on local files (the embedded default): one atomically replaced file per state key,
 * MemoryStorage's eTag rules, survives restarts. For a single bot process; use blob storage for several.
 */
export class FileStorage extends DocumentStorage {
  constructor(options: FileStorageOptions) {
    super(new FileDocumentStore({ dir: options.dir, fsync: options.fsync }));
  }
}
