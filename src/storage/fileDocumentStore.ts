import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fsyncFolder, removeStaleTempFiles, writeFileAtomic } from './atomicFile';
import { DatedDocumentStore, DocumentInfo } from './datedDocumentStore';
import { CorruptDocumentError } from './corruptDocumentError';
import { assertDocumentKey } from './documentKey';
import { EtagMismatchError, StoredDocument } from './documentStore';
import { fileNameFor, parseFileName } from './fileNames';
import { isNotFound, toFileStoreError } from './fsErrors';
import { KeyedSerializer } from './keyedSerializer';
import { probeWritable } from './probeWritable';

export interface FileDocumentStoreOptions {
  /** The folder holding one file per document (DATA_DIR/documents); created when missing. */
  dir: string;
  /** fsync files and the folder on every write (default true). Only tests should turn it off. */
  fsync?: boolean;
  /** Temporary files older than this are crash leftovers and are removed at start (default 60 s). */
  staleTempMs?: number;
}

/** What is on disk: the key is kept so long (hashed) names can be listed, the version makes etags readable. */
interface Envelope {
  key: string;
  version: number;
  etag: string;
  value: unknown;
}

const SUFFIX = '.json';

/** One queue per folder for the whole process, so two store objects on one folder still take turns. */
const serializers = new Map<string, KeyedSerializer>();
function serializerFor(dir: string): KeyedSerializer {
  const folder = resolve(dir);
  let serializer = serializers.get(folder);
  if (!serializer) {
    serializer = new KeyedSerializer();
    serializers.set(folder, serializer);
  }
  return serializer;
}

/**
 * Recently read or written documents per folder, as their JSON text. The folder belongs to this one
 * process (several instances need blob storage), so every change passes through here and the
 * cache cannot go stale; it saves a file read for every state read of every turn.
 */
const CACHE_LIMIT = 5_000;
const caches = new Map<string, Map<string, string>>();
function cacheFor(dir: string): Map<string, string> {
  const folder = resolve(dir);
  let cache = caches.get(folder);
  if (!cache) {
    cache = new Map();
    caches.set(folder, cache);
  }
  return cache;
}
/** Cached text meaning "no document under this key" (a parent with no saved profile yet). */
const ABSENT = '';
/**
 * How many writes and deletes each key has seen, per folder. A read may fill the cache only if no
 * change to its key started while it was reading; otherwise it could cache the older text.
 */
const changeCounts = new Map<string, Map<string, number>>();
function changesFor(dir: string): Map<string, number> {
  const folder = resolve(dir);
  let counts = changeCounts.get(folder);
  if (!counts) {
    counts = new Map();
    changeCounts.set(folder, counts);
  }
  return counts;
}
function remember(cache: Map<string, string>, key: string, text: string): void {
  cache.delete(key);
  cache.set(key, text);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}

function isEnvelope(data: unknown): data is Envelope {
  if (typeof data !== 'object' || data === null) return false;
  const e = data as Record<string, unknown>;
  return typeof e.key === 'string' && typeof e.version === 'number' && typeof e.etag === 'string';
}

/**
 * {@link DatedDocumentStore} on a local folder: the embedded default.
 *
 * Writes are atomic (temp file, fsync, rename), so a crash leaves the old or the new document, never a
 * torn one. Etags are `<version>-<random>`, new on every write, so a document deleted and re-created
 * never matches an etag from before. Read-check-write runs one at a time per key and folder within this
 * process (even across store objects); two processes must not share one folder (use blob storage for that).
 */
export class FileDocumentStore implements DatedDocumentStore {
  private readonly dir: string;
  private readonly fsync: boolean;
  private readonly staleTempMs: number;
  private readonly perKey: KeyedSerializer;
  private readonly cache: Map<string, string>;
  private readonly changes: Map<string, number>;
  private ready?: Promise<void>;

  constructor(options: FileDocumentStoreOptions) {
    this.dir = options.dir;
    this.fsync = options.fsync ?? true;
    this.staleTempMs = options.staleTempMs ?? 60_000;
    this.perKey = serializerFor(options.dir);
    this.cache = cacheFor(options.dir);
    this.changes = changesFor(options.dir);
  }

  private noteChange(key: string): void {
    this.changes.set(key, (this.changes.get(key) ?? 0) + 1);
    if (this.changes.size > CACHE_LIMIT * 2) this.changes.delete(this.changes.keys().next().value as string);
  }

  async read<T>(key: string): Promise<StoredDocument<T> | undefined> {
    assertDocumentKey(key);
    await this.ensureFolder();
    const envelope = await this.readEnvelope(key);
    return envelope && { value: envelope.value as T, etag: envelope.etag };
  }

  async write<T>(key: string, value: T, etag?: string): Promise<string> {
    assertDocumentKey(key);
    await this.ensureFolder();
    return this.perKey.run(key, async () => {
      const current = await this.readEnvelope(key);
      if (etag !== undefined && current?.etag !== etag) throw new EtagMismatchError(key);
      return this.replace(key, value, current);
    });
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    assertDocumentKey(key);
    await this.ensureFolder();
    return this.perKey.run(key, async () => {
      const current = await this.readEnvelope(key);
      if (current) return false;
      await this.replace(key, value, undefined);
      return true;
    });
  }

  async delete(key: string): Promise<void> {
    assertDocumentKey(key);
    await this.ensureFolder();
    await this.perKey.run(key, async () => {
      try {
        this.noteChange(key);
        this.cache.delete(key);
        await rm(this.pathOf(key), { force: true });
        if (this.fsync) await fsyncFolder(this.dir);
      } catch (err) {
        throw toFileStoreError(err, `delete "${key}"`);
      }
    });
  }

  async list(prefix: string): Promise<string[]> {
    return (await this.matching(prefix)).map((match) => match.key);
  }

  async listInfo(prefix: string): Promise<DocumentInfo[]> {
    const infos: DocumentInfo[] = [];
    for (const { key, path } of await this.matching(prefix)) {
      try {
        infos.push({ key, modifiedAt: (await stat(path)).mtime });
      } catch (err) {
        if (!isNotFound(err)) throw toFileStoreError(err, 'list');
      }
    }
    return infos;
  }

  /** Writes and removes a probe file: proves the folder exists and is writable (not just readable). */
  ping(): Promise<void> {
    return probeWritable(this.dir);
  }

  /** Resolves when every write queued so far has finished (for shutdown and tests). */
  flush(): Promise<void> {
    return this.perKey.whenIdle();
  }

  private pathOf(key: string): string {
    return join(this.dir, fileNameFor(key, SUFFIX));
  }

  private async replace(key: string, value: unknown, current: Envelope | undefined): Promise<string> {
    const version = (current?.version ?? 0) + 1;
    const etag = `${version}-${randomBytes(4).toString('hex')}`;
    const envelope: Envelope = { key, version, etag, value };
    const text = JSON.stringify(envelope);
    this.noteChange(key);
    this.cache.delete(key);
    try {
      await writeFileAtomic(this.pathOf(key), text, { fsync: this.fsync });
    } catch (err) {
      throw toFileStoreError(err, `write "${key}"`);
    }
    remember(this.cache, key, text);
    return etag;
  }

  private async readEnvelope(key: string): Promise<Envelope | undefined> {
    const cached = this.cache.get(key);
    if (cached === ABSENT) return undefined;
    if (cached !== undefined) return JSON.parse(cached) as Envelope;
    const path = this.pathOf(key);
    const before = this.changes.get(key) ?? 0;
    const envelope = await this.readEnvelopeAt(path, key);
    // A hashed name could in theory be shared by two keys; never hand one key's document to the other.
    if (envelope && envelope.key !== key) throw new CorruptDocumentError(key, path);
    // Only if no write or delete of this key began meanwhile, or the cache could hold older text.
    if ((this.changes.get(key) ?? 0) === before && !this.cache.has(key)) remember(this.cache, key, envelope ? JSON.stringify(envelope) : ABSENT);
    return envelope;
  }

  private async readEnvelopeAt(path: string, keyForErrors: string): Promise<Envelope | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toFileStoreError(err, `read "${keyForErrors}"`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CorruptDocumentError(keyForErrors, path);
    }
    if (!isEnvelope(data)) throw new CorruptDocumentError(keyForErrors, path);
    return data;
  }

  /** Documents whose key starts with `prefix`, sorted by key. Long (hashed) names are opened to learn their key. */
  private async matching(prefix: string): Promise<{ key: string; path: string }[]> {
    await this.ensureFolder();
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      throw toFileStoreError(err, 'list');
    }
    const found: { key: string; path: string }[] = [];
    for (const name of names) {
      const parsed = parseFileName(name, SUFFIX);
      if (!parsed) continue;
      const path = join(this.dir, name);
      if (parsed.kind === 'exact') {
        if (parsed.key.startsWith(prefix)) found.push({ key: parsed.key, path });
        continue;
      }
      // The name only tells how the key starts; open the file when that could still match.
      if (!parsed.keyStart.startsWith(prefix) && !prefix.startsWith(parsed.keyStart)) continue;
      const envelope = await this.readEnvelopeAt(path, parsed.keyStart).catch((err: unknown) => {
        if (err instanceof CorruptDocumentError) return undefined;
        throw err;
      });
      if (envelope?.key.startsWith(prefix)) found.push({ key: envelope.key, path });
    }
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Creates the folder and sweeps crash leftovers, once; a failure is retried on the next call. */
  private ensureFolder(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      await removeStaleTempFiles(this.dir, this.staleTempMs);
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw toFileStoreError(err, `open ${this.dir}`);
    });
    return this.ready;
  }
}
