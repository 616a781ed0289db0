import { StoragePipelineOptions } from '@azure/storage-blob';
import { StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { DEFAULT_BLOB_PIPELINE_OPTIONS, EnsuredContainer, containerFromConnectionString } from '../../storage/blobContainer';
import { isBlobUnavailable, isContainerMissing, toBlobStoreError } from '../../storage/blobErrors';
import { Renewable } from '../../storage/renewable';
import { stateBlobMatcher } from './botbuilderBlobNames';
import { StateEtagConflictError } from './documentStorage';
import { BotStateStorage } from './storeContracts';

export interface BlobStateStorageOptions {
  connectionString: string;
  containerName: string;
  pipelineOptions?: StoragePipelineOptions;
  /** Upper bound for {@link BlobStateStorage.ping} (default 5 s). */
  pingTimeoutMs?: number;
}

/** BlobsStorage reports a 412 as a plain Error with this message (botbuilder-azure-blobs 4.23). */
const ETAG_CONFLICT = /^Storage: error writing "([\s\S]*)" due to eTag conflict\.$/;

/**
 * Bot Framework state in Azure Blob storage: botbuilder-azure-blobs' `BlobsStorage` (its blob layout and
 * its eTag handling, which is sound: `If-Match` on every write with an eTag other than '*'), wrapped to fix
 * what it gets wrong for us:
 * - its first failed container creation is cached forever; here a failed instance is replaced;
 * - outages surface as `StoreUnavailableError` and conflicts as {@link StateEtagConflictError};
 * - it cannot list, so {@link deleteByPrefix} reads the container directly.
 *
 * One difference from MemoryStorage remains: a write carrying an eTag for a key that holds nothing
 * (e.g. deleted meanwhile) is a conflict here, where MemoryStorage stores it.
 */
export class BlobStateStorage implements BotStateStorage {
  private readonly inner: Renewable<BlobsStorage>;
  private readonly container: EnsuredContainer;
  private readonly pingTimeoutMs: number;

  constructor(options: BlobStateStorageOptions) {
    const pipelineOptions = options.pipelineOptions ?? DEFAULT_BLOB_PIPELINE_OPTIONS;
    this.inner = new Renewable(
      () => new BlobsStorage(options.connectionString, options.containerName, { storagePipelineOptions: pipelineOptions }),
      (err) => isBlobUnavailable(err) || isContainerMissing(err),
    );
    this.container = new EnsuredContainer(containerFromConnectionString(options.connectionString, options.containerName, pipelineOptions));
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.call('read state', (storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.call('write state', (storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.call('delete state', (storage) => storage.delete(keys));
  }

  async deleteByPrefix(prefix: string): Promise<number> {
    const { listPrefix, matches } = stateBlobMatcher(prefix);
    return this.container.withContainer(`delete state under "${prefix}"`, async (client) => {
      let deleted = 0;
      for await (const blob of client.listBlobsFlat({ prefix: listPrefix })) {
        if (!matches(decodeURIComponent(blob.name))) continue;
        if ((await client.getBlobClient(blob.name).deleteIfExists()).succeeded) deleted++;
      }
      return deleted;
    });
  }

  ping(): Promise<void> {
    return this.container.ping(this.pingTimeoutMs);
  }

  private async call<T>(what: string, op: (storage: BlobsStorage) => Promise<T>): Promise<T> {
    try {
      return await this.inner.use(op);
    } catch (err) {
      const conflict = err instanceof Error ? ETAG_CONFLICT.exec(err.message) : null;
      if (conflict) throw new StateEtagConflictError(conflict[1] ?? '');
      throw toBlobStoreError(err, what);
    }
  }
}
