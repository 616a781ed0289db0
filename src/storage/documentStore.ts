/**
 * A small JSON document store behind the hand-off outbox, retention jobs and anything else that is not
 * Bot Framework state. Implementations: file (embedded default) and Azure Blob.
 *
 * `etag` gives optimistic concurrency: a write with an etag that no longer matches rejects with
 * {@link EtagMismatchError}, so two instances never silently overwrite each other.
 */
export interface StoredDocument<T> {
  value: T;
  etag: string;
}

export interface DocumentStore {
  read<T>(key: string): Promise<StoredDocument<T> | undefined>;
  /** Writes atomically. With `etag`, only if the stored document still has it ('*' = must not exist yet is not supported; use `create`). */
  write<T>(key: string, value: T, etag?: string): Promise<string>;
  /** Writes only if no document has this key; resolves false when one already exists. */
  create<T>(key: string, value: T): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Keys that start with `prefix`, in lexical order. */
  list(prefix: string): Promise<string[]>;
  /** Throws when the store cannot be reached; used by /health. */
  ping(): Promise<void>;
}

export class EtagMismatchError extends Error {
  override name = 'EtagMismatchError';
  constructor(readonly key: string) {
    super(`[DocumentStore]: "${key}" was changed by someone else`);
  }
}

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
