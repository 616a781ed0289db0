import { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { asStoreUnavailable, blobStatus, isContainerMissing, toBlobStoreError } from './blobErrors';

/**
 * Retry settings for every blob client we make. The SDK default (4 tries, 4 s base back-off) takes about
 * half a minute to give up on an unreachable account, far too long for a chat turn or a health check.
 */
export const DEFAULT_BLOB_PIPELINE_OPTIONS: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000, tryTimeoutInMs: 15_000 },
};

/** A container client for `containerName` in the account named by `connectionString`. */
export function containerFromConnectionString(
  connectionString: string,
  containerName: string,
  pipelineOptions: StoragePipelineOptions = DEFAULT_BLOB_PIPELINE_OPTIONS,
): ContainerClient {
  return new ContainerClient(connectionString, containerName, pipelineOptions);
}

/**
 * Creates the container on first use. Unlike botbuilder-azure-blobs (which caches the first
 * `createIfNotExists` promise forever, failure included), a failure is forgotten so the next call tries
 * again, and a container that disappears later is re-created by {@link withContainer}.
 */
export class EnsuredContainer {
  private ready?: Promise<void>;

  constructor(readonly client: ContainerClient) {}

  /** Resolves once the container exists. */
  ensure(): Promise<void> {
    this.ready ??= this.client
      .createIfNotExists()
      .then(() => undefined)
      .catch((err: unknown) => {
        this.ready = undefined;
        throw toBlobStoreError(err, `create container ${this.client.containerName}`);
      });
    return this.ready;
  }

  /** Runs `op` with the container in place; re-creates it once if it vanished meanwhile. Maps outages. */
  async withContainer<T>(what: string, op: (client: ContainerClient) => Promise<T>): Promise<T> {
    try {
      await this.ensure();
      try {
        return await op(this.client);
      } catch (err) {
        if (!isContainerMissing(err)) throw err;
        this.ready = undefined;
        await this.ensure();
        return await op(this.client);
      }
    } catch (err) {
      throw toBlobStoreError(err, what);
    }
  }

  /** One cheap round trip (creating the container if needed) bounded by `timeoutMs`. */
  async ping(timeoutMs: number): Promise<void> {
    const what = `ping container ${this.client.containerName}`;
    try {
      await this.client.getProperties({ abortSignal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      if (blobStatus(err) !== 404) throw asStoreUnavailable(err, what);
      this.ready = undefined;
      await this.ensure().catch((createErr: unknown) => {
        throw asStoreUnavailable(createErr, what);
      });
    }
  }
}
