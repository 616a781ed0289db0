import { StoragePipelineOptions } from '@azure/storage-blob';
import { join } from 'node:path';
import { BlobDocumentStore } from '../../storage/blobDocumentStore';
import { DEFAULT_BLOB_PIPELINE_OPTIONS, containerFromConnectionString } from '../../storage/blobContainer';
import { containerNamesFor } from '../../storage/containerNames';
import { DatedDocumentStore } from '../../storage/datedDocumentStore';
import { FileDocumentStore } from '../../storage/fileDocumentStore';
import { BlobStateStorage } from './blobStateStorage';
import { BlobTranscriptStore } from './blobTranscriptStore';
import { FileStorage } from './fileStorage';
import { FileTranscriptStore } from './fileTranscriptStore';
import { BotStateStorage, ManagedTranscriptStore } from './storeContracts';

/** Base container name used when none is configured (AZURE_STORAGE_CONTAINER unset). */
export const DEFAULT_CONTAINER_BASE = 'send-guide-bot';

/** Thrown at start-up when the storage settings cannot work. */
export class StorageConfigError extends Error {
  override name = 'StorageConfigError';
}

export interface CreateStoresOptions {
  /** `file` (embedded default: folders under `dataDir`) or `blob` (Azure Blob / Azurite). */
  kind: 'file' | 'blob';
  /** DATA_DIR: holds `state/`, `transcripts/` and `documents/` for the file kind. */
  dataDir: string;
  /** AZURE_STORAGE_CONNECTION_STRING; required for the blob kind. */
  connectionString?: string;
  /**
   * AZURE_STORAGE_CONTAINER, used as a base name: state, transcripts and documents go to
   * `<base>-state`, `<base>-transcripts` and `<base>-documents`. They cannot share one container:
   * botbuilder's state and transcript blob names overlap, and purges list whole containers.
   */
  container?: string;
  /** Blob client retry/timeout settings (default: 3 tries, short back-off). */
  pipelineOptions?: StoragePipelineOptions;
  /** Upper bound for each blob ping (default 5 s). */
  pingTimeoutMs?: number;
  /** fsync file writes (default true; tests may turn it off for speed). */
  fsync?: boolean;
}

/** Everything the bot persists, for one storage kind. */
export interface Stores {
  /** Bot Framework state for ConversationState / UserState. */
  state: BotStateStorage;
  /** Transcripts for TranscriptLoggerMiddleware. */
  transcripts: ManagedTranscriptStore;
  /** JSON documents (hand-off outbox under `handoff/`). */
  documents: DatedDocumentStore;
  /** Resolves when all three can be used; rejects with `StoreUnavailableError` otherwise (for /health). */
  ping(): Promise<void>;
  /** Releases open files at shutdown. */
  close(): void;
}

/** Builds the three stores for the configured kind. Nothing is touched until first use or `ping()`. */
export function createStores(options: CreateStoresOptions): Stores {
  const stores = options.kind === 'blob' ? blobStores(options) : fileStores(options);
  return {
    ...stores,
    async ping() {
      await Promise.all([stores.state.ping(), stores.transcripts.ping(), stores.documents.ping()]);
    },
    close() {
      stores.state.close?.();
      stores.transcripts.close?.();
    },
  };
}

function fileStores(options: CreateStoresOptions): Omit<Stores, 'ping' | 'close'> {
  if (!options.dataDir) throw new StorageConfigError('[createStores]: dataDir is required for file storage');
  const { dataDir, fsync } = options;
  return {
    // Dialog state is written on every turn, on the reply path: an fsync there made each parent wait
    // for the disk (bench:load: most of a turn's time). Each change is one appended journal line, so a
    // crash can only tear the last line (skipped on restart); only a power cut can lose the last
    // moments of a conversation, and the parent can simply ask again. Hand-offs, which must never be
    // lost, live in the documents store, which still fsyncs every write.
    state: new FileStorage({ dir: join(dataDir, 'state'), fsync: fsync ?? false }),
    // Transcripts are an append-only log written after each turn: an fsync per activity let the
    // append queue (and memory) grow under load. A torn last line is already skipped on read, and
    // a hand-off's copy of the transcript lives in the fsynced outbox.
    transcripts: new FileTranscriptStore({ dir: join(dataDir, 'transcripts'), fsync: fsync ?? false }),
    documents: new FileDocumentStore({ dir: join(dataDir, 'documents'), fsync }),
  };
}

function blobStores(options: CreateStoresOptions): Omit<Stores, 'ping' | 'close'> {
  const { connectionString, pingTimeoutMs } = options;
  if (!connectionString) throw new StorageConfigError('[createStores]: a connection string is required for blob storage');
  const names = containerNamesFor(options.container || DEFAULT_CONTAINER_BASE);
  const pipelineOptions = options.pipelineOptions ?? DEFAULT_BLOB_PIPELINE_OPTIONS;
  return {
    state: new BlobStateStorage({ connectionString, containerName: names.state, pipelineOptions, pingTimeoutMs }),
    transcripts: new BlobTranscriptStore({ connectionString, containerName: names.transcripts, pipelineOptions, pingTimeoutMs }),
    documents: new BlobDocumentStore(containerFromConnectionString(connectionString, names.documents, pipelineOptions), { pingTimeoutMs }),
  };
}
