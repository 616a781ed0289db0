import { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { text } from 'node:stream/consumers';
import { EnsuredContainer, containerFromConnectionString } from './blobContainer';
import { blobErrorCode, blobStatus } from './blobErrors';
import { CorruptDocumentError } from './corruptDocumentError';
import { DatedDocumentStore, DocumentInfo } from './datedDocumentStore';
import { assertBlobKey } from './documentKey';
import { EtagMismatchError, StoredDocument } from './documentStore';

export interface BlobDocumentStoreOptions {
  /** Upper bound for {@link BlobDocumentStore.ping} (default 5 s): /health must answer promptly. */
  pingTimeoutMs?: number;
}

/**
 * {@link DatedDocumentStore} on an Azure Blob container (one blob per key, named by the key).
 *
 * Etags are Azure's own: `write` with an etag sends `If-Match`, `create` sends `If-None-Match: *`, so the
 * check and the write are one atomic operation on the service and several bot instances can share it.
 * An unreachable service surfaces as `StoreUnavailableError`; the container is created when missing.
 */
export class BlobDocumentStore implements DatedDocumentStore {
  private readonly container: EnsuredContainer;
  private readonly pingTimeoutMs: number;

  constructor(client: ContainerClient, options: BlobDocumentStoreOptions = {}) {
    this.container = new EnsuredContainer(client);
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  }

  /** A store on `containerName` in the account of `connectionString`. */
  static fromConnectionString(
    connectionString: string,
    containerName: string,
    options: BlobDocumentStoreOptions & { pipelineOptions?: StoragePipelineOptions } = {},
  ): BlobDocumentStore {
    return new BlobDocumentStore(containerFromConnectionString(connectionString, containerName, options.pipelineOptions), options);
  }

  async read<T>(key: string): Promise<StoredDocument<T> | undefined> {
    assertBlobKey(key);
    return this.container.withContainer(`read "${key}"`, async (client) => {
      let body: string;
      let etag: string | undefined;
      try {
        const response = await client.getBlobClient(key).download();
        etag = response.etag;
        body = response.readableStreamBody ? await text(response.readableStreamBody) : '';
      } catch (err) {
        if (blobStatus(err) === 404 && blobErrorCode(err) === 'BlobNotFound') return undefined;
        throw err;
      }
      if (etag === undefined) throw new CorruptDocumentError(key, `blob ${client.containerName}/${key} has no etag`);
      try {
        return { value: JSON.parse(body) as T, etag };
      } catch {
        throw new CorruptDocumentError(key, `blob ${client.containerName}/${key}`);
      }
    });
  }

  async write<T>(key: string, value: T, etag?: string): Promise<string> {
    assertBlobKey(key);
    return this.container.withContainer(`write "${key}"`, async (client) => {
      try {
        return await this.upload(client, key, value, etag === undefined ? {} : { ifMatch: etag });
      } catch (err) {
        // Azure answers If-Match on a missing blob with 412 or 404 depending on the operation; both mean "changed".
        if (etag !== undefined && (blobStatus(err) === 412 || blobErrorCode(err) === 'BlobNotFound')) {
          throw new EtagMismatchError(key);
        }
        throw err;
      }
    });
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    assertBlobKey(key);
    return this.container.withContainer(`create "${key}"`, async (client) => {
      try {
        await this.upload(client, key, value, { ifNoneMatch: '*' });
        return true;
      } catch (err) {
        const status = blobStatus(err);
        if (status === 409 || status === 412) return false;
        throw err;
      }
    });
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.container.withContainer(`delete "${key}"`, (client) => client.getBlobClient(key).deleteIfExists());
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.listInfo(prefix)).map((info) => info.key);
  }

  async listInfo(prefix: string): Promise<DocumentInfo[]> {
    const infos = await this.container.withContainer(`list "${prefix}"`, async (client) => {
      const found: DocumentInfo[] = [];
      for await (const blob of client.listBlobsFlat({ prefix: prefix || undefined })) {
        found.push({ key: blob.name, modifiedAt: blob.properties.lastModified });
      }
      return found;
    });
    // Azure sorts by UTF-8 bytes; sort by UTF-16 code units like the other stores.
    return infos.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  ping(): Promise<void> {
    return this.container.ping(this.pingTimeoutMs);
  }

  private async upload(
    client: ContainerClient,
    key: string,
    value: unknown,
    conditions: { ifMatch?: string; ifNoneMatch?: string },
  ): Promise<string> {
    const body = JSON.stringify(value);
    // Content length is in bytes, not UTF-16 units: parents' messages are full of curly quotes and '£'.
    const response = await client.getBlockBlobClient(key).upload(body, Buffer.byteLength(body), {
      conditions,
      blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
    });
    if (response.etag === undefined) throw new CorruptDocumentError(key, 'upload returned no etag');
    return response.etag;
  }
}
