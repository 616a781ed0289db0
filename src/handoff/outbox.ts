import type { Logger } from 'pino';
import { EtagMismatchError, type DocumentStore } from '../storage/documentStore';
import { systemClock, type Clock } from './clock';
import { ConsentNotGivenError, CorruptOutboxEntryError, HandoffConfigError, InvalidHandoffRecordError } from './errors';
import { newOutboxEntry, outboxEntrySchema, type OutboxEntry } from './outboxEntry';
import { handoffRecordSchema, type HandoffRecord } from './record';

/** Options of {@link HandoffOutbox}. */
export interface HandoffOutboxOptions {
  /** Where entries live, under `handoff/<id>.json` (file or Azure Blob store in production). */
  store: DocumentStore;
  /** Names of the configured sinks; each new entry starts pending for every one of them. */
  sinkNames: readonly string[];
  logger: Logger;
  clock?: Clock;
}

/** `created`: a new entry was written; `existing`: this id was already in the outbox (kept as it was). */
export type EnqueueResult = 'created' | 'existing';

/** A stored entry with the etag to update it. */
export interface OutboxEntryVersion {
  entry: OutboxEntry;
  etag: string;
}

/** Receives the id of each record enqueued in this process (the worker uses it to start at once). */
export type EnqueueListener = (id: string) => void;

const KEY_PREFIX = 'handoff/';
const KEY_SUFFIX = '.json';
// Concurrent writers are at most a few instances; more conflicts than this means something is wrong.
const MAX_UPDATE_TRIES = 8;

/** Store key of a hand-off id. */
export function outboxKey(id: string): string {
  return `${KEY_PREFIX}${id}${KEY_SUFFIX}`;
}

/**
 * The durable hand-off outbox on a {@link DocumentStore}. `enqueue` resolves only once the
 * record is stored, so the dialog can tell the parent their request is safe; delivery is the
 * {@link DeliveryWorker}'s job. All updates go through etags, so instances never overwrite
 * each other's status.
 */
export class HandoffOutbox {
  readonly sinkNames: readonly string[];
  private readonly store: DocumentStore;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly listeners = new Set<EnqueueListener>();

  constructor(options: HandoffOutboxOptions) {
    if (new Set(options.sinkNames).size !== options.sinkNames.length) {
      throw new HandoffConfigError('[handoff]: sink names must be unique');
    }
    this.store = options.store;
    this.sinkNames = [...options.sinkNames];
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Validates and stores a hand-off with every configured sink pending. Idempotent on `id`: a
   * second call with the same id keeps the first stored record and resolves `existing`.
   *
   * @throws InvalidHandoffRecordError when the record does not match the schema
   * @throws ConsentNotGivenError when `consent.agreed` is false
   * @throws StoreUnavailableError (from the store) when it cannot be written
   */
  async enqueue(input: HandoffRecord): Promise<EnqueueResult> {
    const record = parseRecord(input);
    if (!record.consent.agreed) throw new ConsentNotGivenError(record.id);

    const created = await this.store.create(outboxKey(record.id), newOutboxEntry(record, this.sinkNames, this.clock.now()));
    if (created) {
      this.logger.info({ handoffId: record.id, reason: record.summary.reason, sinks: this.sinkNames }, 'hand-off enqueued');
    } else {
      await this.warnIfDifferent(record);
    }
    this.notify(record.id);
    return created ? 'created' : 'existing';
  }

  /** Calls `listener` with the id of every record enqueued from now on; returns an unsubscribe function. */
  subscribe(listener: EnqueueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ids of every entry in the store, delivered or not. */
  async listIds(): Promise<string[]> {
    const keys = await this.store.list(KEY_PREFIX);
    return keys.filter((key) => key.endsWith(KEY_SUFFIX)).map((key) => key.slice(KEY_PREFIX.length, -KEY_SUFFIX.length));
  }

  /**
   * One entry with its etag, or undefined if there is none.
   * @throws CorruptOutboxEntryError when the stored document does not match the schema
   */
  async read(id: string): Promise<OutboxEntryVersion | undefined> {
    const stored = await this.store.read<unknown>(outboxKey(id));
    if (!stored) return undefined;
    const parsed = outboxEntrySchema.safeParse(stored.value);
    if (!parsed.success) throw new CorruptOutboxEntryError(id, parsed.error.issues.map(describeIssue));
    return { entry: parsed.data, etag: stored.etag };
  }

  /**
   * Read-modify-write with the etag, re-reading and re-applying `mutate` when another instance
   * wrote in between. `mutate` returns the new entry, or undefined to leave it unchanged.
   *
   * @returns the entry as it now stands and whether this call changed it; undefined if it does not exist
   */
  async update(
    id: string,
    mutate: (entry: OutboxEntry) => OutboxEntry | undefined,
  ): Promise<(OutboxEntryVersion & { changed: boolean }) | undefined> {
    for (let tries = 1; ; tries += 1) {
      const current = await this.read(id);
      if (!current) return undefined;
      const next = mutate(current.entry);
      if (next === undefined || next === current.entry) return { ...current, changed: false };
      try {
        const etag = await this.store.write(outboxKey(id), next, current.etag);
        return { entry: next, etag, changed: true };
      } catch (error) {
        if (!(error instanceof EtagMismatchError) || tries >= MAX_UPDATE_TRIES) throw error;
      }
    }
  }

  /**
   * The parent withdrew the request: stop delivering it. Resolves with the sinks that had already
   * delivered it (their advisers may still be in touch), or undefined when there is no such record.
   */
  async cancel(id: string): Promise<{ alreadyDelivered: string[] } | undefined> {
    const now = new Date(this.clock.now()).toISOString();
    const result = await this.update(id, (entry) => (entry.cancelledAt ? entry : { ...entry, cancelledAt: now, completedAt: entry.completedAt ?? now }));
    if (!result) return undefined;
    return { alreadyDelivered: Object.entries(result.entry.deliveries).filter(([, d]) => d.state === 'delivered').map(([name]) => name) };
  }

  private async warnIfDifferent(record: HandoffRecord): Promise<void> {
    const existing = await this.read(record.id).catch(() => undefined);
    if (existing && JSON.stringify(existing.entry.record) !== JSON.stringify(record)) {
      // The first version may already be delivered; replacing it would send two different records under one id.
      this.logger.warn({ handoffId: record.id }, 'hand-off enqueued again with different content; kept the first version');
    }
  }

  private notify(id: string): void {
    for (const listener of this.listeners) {
      try {
        listener(id);
      } catch (error) {
        this.logger.error({ handoffId: id, err: error }, 'hand-off enqueue listener failed');
      }
    }
  }
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`;
}

function parseRecord(input: HandoffRecord): HandoffRecord {
  const parsed = handoffRecordSchema.safeParse(input);
  // zod's messages name the expected shape, never the received value, so they are safe to log.
  if (!parsed.success) throw new InvalidHandoffRecordError(parsed.error.issues.map(describeIssue));
  return parsed.data;
}
