import { Storage, TranscriptStore } from 'botbuilder';

/**
 * Bot Framework state storage with what retention and /health need on top of botbuilder's `Storage`.
 * Both kinds (file, blob) implement it.
 */
export interface BotStateStorage extends Storage {
  /**
   * Deletes every item whose key starts with `prefix` and resolves with how many went.
   * With a `/`-terminated prefix such as `emulator/conversations/abc/`, other conversations
   * (`abc123`) are never touched.
   */
  deleteByPrefix(prefix: string): Promise<number>;
  /** Rejects with `StoreUnavailableError` when the storage cannot be used. */
  ping(): Promise<void>;
  /** Releases open files (file storage); the next use opens them again. */
  close?(): void;
}

/** A transcript store that retention can purge and that can be waited on (the logger middleware does not await it). */
export interface ManagedTranscriptStore extends TranscriptStore {
  /** Deletes whole transcripts whose last activity was written before `cutoff`; resolves with how many. */
  purgeOlderThan(cutoff: Date): Promise<number>;
  /** Resolves once every `logActivity` call made so far in this process has been stored (or has failed). */
  flush(): Promise<void>;
  /** Rejects with `StoreUnavailableError` when the store cannot be used. */
  ping(): Promise<void>;
  /** Releases open files (file storage); the next use opens them again. */
  close?(): void;
}
