import { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { json } from 'node:stream/consumers';
import { DEFAULT_BLOB_PIPELINE_OPTIONS, EnsuredContainer, containerFromConnectionString } from '../../storage/blobContainer';
import { isBlobUnavailable, isContainerMissing, toBlobStoreError } from '../../storage/blobErrors';
import { Renewable } from '../../storage/renewable';
import { parseTranscriptBlobName, transcriptChannelPrefix, transcriptConversationPrefix } from './botbuilderBlobNames';
import { pageByOffset } from './offsetPaging';
import { ManagedTranscriptStore } from './storeContracts';
import { InvalidTranscriptArgumentError, requireId } from './transcriptErrors';

export interface BlobTranscriptStoreOptions {
  connectionString: string;
  containerName: string;
  pipelineOptions?: StoragePipelineOptions;
  /** Activities or transcripts per page (default 20). */
  pageSize?: number;
  /** Upper bound for {@link BlobTranscriptStore.ping} (default 5 s). */
  pingTimeoutMs?: number;
}

/**
 * botbuilder `TranscriptStore` in Azure Blob storage. Activities are written by botbuilder-azure-blobs'
 * `BlobsTranscriptStore` (one blob per activity, its layout, so Microsoft's tools can still read them);
 * reading, listing and deleting go to the container directly because the library's versions
 * (4.23) are unsafe for us:
 * - its conversation prefix has no trailing separator, so reading or deleting conversation `abc` also
 *   reads or deletes `abc123` (another parent's transcript);
 * - `listTranscripts` returns one entry per activity with `created` = now;
 * - its first failed container creation is cached forever.
 * Reads wait for this process's pending `logActivity` calls on that conversation (the logger
 * middleware does not await them).
 */
export class BlobTranscriptStore implements ManagedTranscriptStore {
  private readonly writer: Renewable<BlobsTranscriptStore>;
  private readonly container: EnsuredContainer;
  private readonly pageSize: number;
  private readonly pingTimeoutMs: number;
  private readonly pending = new Map<string, Set<Promise<void>>>();
  private readonly stamps = new RisingStamps();

  constructor(options: BlobTranscriptStoreOptions) {
    const pipelineOptions = options.pipelineOptions ?? DEFAULT_BLOB_PIPELINE_OPTIONS;
    this.writer = new Renewable(
      () => new BlobsTranscriptStore(options.connectionString, options.containerName, { storagePipelineOptions: pipelineOptions }),
      (err) => isBlobUnavailable(err) || isContainerMissing(err),
    );
    this.container = new EnsuredContainer(containerFromConnectionString(options.connectionString, options.containerName, pipelineOptions));
    this.pageSize = options.pageSize ?? 20;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  }

  logActivity(activity: Activity): Promise<void> {
    if (!activity?.channelId || !activity.conversation?.id) {
      return Promise.reject(new InvalidTranscriptArgumentError('activity channelId or conversation.id'));
    }
    const conversation = transcriptConversationPrefix(activity.channelId, activity.conversation.id);
    // The library insists on a Date; activities that went through JSON carry a string.
    const claimed = activity.timestamp ? new Date(activity.timestamp).getTime() : Date.now();
    // Blob names order by millisecond, so a reply in the same millisecond as the message (or a channel
    // clock ahead of ours) would read back out of order; keep each conversation's stamps rising.
    const timestamp = new Date(this.stamps.next(conversation, Number.isNaN(claimed) ? Date.now() : claimed));
    const stored = { ...activity, timestamp };
    const write = this.writer
      .use((store) => store.logActivity(stored))
      .catch((err: unknown) => {
        throw toBlobStoreError(err, 'log activity');
      });
    this.track(conversation, write);
    return write;
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    requireId(channelId, 'channelId');
    requireId(conversationId, 'conversationId');
    const prefix = transcriptConversationPrefix(channelId, conversationId);
    await this.settled(prefix);
    return this.container.withContainer('read transcript', async (client) => {
      const page = await client
        .listBlobsFlat({ prefix })
        .byPage({ continuationToken: continuationToken || undefined, maxPageSize: this.pageSize })
        .next();
      if (page.done) return { items: [], continuationToken: '' };
      const names = page.value.segment.blobItems
        .map((blob) => blob.name)
        .filter((name) => {
          const timestamp = parseTranscriptBlobName(name)?.timestamp;
          return !startDate || (timestamp !== undefined && timestamp >= startDate);
        });
      const items = await Promise.all(names.map((name) => downloadActivity(client, name)));
      return { items, continuationToken: page.value.continuationToken ?? '' };
    });
  }

  /** Transcripts of a channel, oldest first (`created` = first activity). Reads the channel's whole listing. */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    requireId(channelId, 'channelId');
    const created = await this.container.withContainer('list transcripts', async (client) => {
      const firstSeen = new Map<string, Date>();
      for await (const blob of client.listBlobsFlat({ prefix: transcriptChannelPrefix(channelId) })) {
        const parsed = parseTranscriptBlobName(blob.name);
        if (!parsed) continue;
        const at = parsed.timestamp ?? blob.properties.createdOn ?? blob.properties.lastModified;
        const known = firstSeen.get(parsed.conversationId);
        if (!known || at < known) firstSeen.set(parsed.conversationId, at);
      }
      return firstSeen;
    });
    const transcripts: TranscriptInfo[] = [...created].map(([id, at]) => ({ channelId, id, created: at }));
    transcripts.sort((a, b) => a.created.getTime() - b.created.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return pageByOffset(transcripts, continuationToken, this.pageSize);
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    requireId(channelId, 'channelId');
    requireId(conversationId, 'conversationId');
    const prefix = transcriptConversationPrefix(channelId, conversationId);
    // Let this process's in-flight activities land first, or they would outlive the deletion.
    await this.settled(prefix);
    await this.container.withContainer('delete transcript', async (client) => {
      for await (const blob of client.listBlobsFlat({ prefix })) await client.getBlobClient(blob.name).deleteIfExists();
    });
  }

  /** Deletes transcripts whose newest activity blob was written before `cutoff`. Reads the whole listing. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    return this.container.withContainer('purge transcripts', async (client) => {
      const conversations = new Map<string, { newest: Date; names: string[] }>();
      for await (const blob of client.listBlobsFlat()) {
        const parsed = parseTranscriptBlobName(blob.name);
        if (!parsed) continue;
        const key = transcriptConversationPrefix(parsed.channelId, parsed.conversationId);
        const entry = conversations.get(key) ?? { newest: new Date(0), names: [] };
        if (blob.properties.lastModified > entry.newest) entry.newest = blob.properties.lastModified;
        entry.names.push(blob.name);
        conversations.set(key, entry);
      }
      let purged = 0;
      for (const { newest, names } of conversations.values()) {
        if (newest >= cutoff) continue;
        for (const name of names) await client.getBlobClient(name).deleteIfExists();
        purged++;
      }
      return purged;
    });
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((prefix) => this.settled(prefix)));
  }

  ping(): Promise<void> {
    return this.container.ping(this.pingTimeoutMs);
  }

  private track(conversation: string, write: Promise<void>): void {
    const set = this.pending.get(conversation) ?? new Set<Promise<void>>();
    set.add(write);
    this.pending.set(conversation, set);
    const forget = (): void => {
      set.delete(write);
      if (set.size === 0 && this.pending.get(conversation) === set) this.pending.delete(conversation);
    };
    write.then(forget, forget);
  }

  /** Resolves once every logActivity started so far for this conversation has settled (failures ignored). */
  private async settled(conversation: string): Promise<void> {
    await Promise.allSettled([...(this.pending.get(conversation) ?? [])]);
  }
}

/** Per-conversation strictly rising millisecond stamps; remembers the most recent conversations only. */
export class RisingStamps {
  private readonly last = new Map<string, number>();

  constructor(private readonly capacity = 10_000) {}

  next(conversation: string, claimed: number): number {
    const previous = this.last.get(conversation);
    const stamp = previous === undefined ? claimed : Math.max(claimed, previous + 1);
    this.last.delete(conversation); // re-insert so Map order is least recently used first
    this.last.set(conversation, stamp);
    if (this.last.size > this.capacity) {
      const oldest = this.last.keys().next().value;
      if (oldest !== undefined) this.last.delete(oldest);
    }
    return stamp;
  }
}

async function downloadActivity(client: ContainerClient, name: string): Promise<Activity> {
  const response = await client.getBlobClient(name).download();
  const activity = (response.readableStreamBody ? await json(response.readableStreamBody) : {}) as Activity;
  return { ...activity, timestamp: new Date(activity.timestamp as unknown as string) };
}
