import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DocumentStore, EtagMismatchError, StoredDocument } from './documentStore';
import { writeAll } from './writeAll';
import { isNotFound, toFileStoreError } from './fsErrors';
import { probeWritable } from './probeWritable';

/** One journal line: a document's new value (`v`, JSON text of the value) and eTag, or its deletion. */
type JournalRecord = { k: string; e: string; v: unknown } | { k: string; d: 1 };

interface Entry {
  etag: string;
  /** The value as JSON text: readers get a fresh copy, and the size counts toward compaction. */
  text: string;
}

export const JOURNAL_FILE = 'state.jsonl';

/** One "put" line, built by hand so the value (already JSON text, as the map keeps it) is not serialised twice. */
function putLine(key: string, etag: string, valueJson: string): string {
  return `{"k":${JSON.stringify(key)},"e":${JSON.stringify(etag)},"v":${valueJson}}\n`;
}
/** The journal is rewritten with only live documents once it is this big and mostly dead lines. */
const COMPACT_MIN_BYTES = 1024 * 1024;
const COMPACT_RATIO = 3;

/**
 * Small keyed documents held in memory and made durable by appending one line per change to a
 * journal file (`<dir>/state.jsonl`); the whole journal is read back on start. Used for bot state,
 * which changes on every turn: an append is one write to an open file, where replacing a file per
 * change cost four file-system calls through Node's thread pool (bench:load measured them as the
 * largest part of a turn).
 *
 * - A crash mid-append leaves a torn last line; it is skipped on load and the next append starts a new line.
 * - When dead lines outweigh live ones the journal is rewritten to a temporary file and renamed over.
 * - With `fsync`, each append is flushed to disk before it counts (off by default: see createStores).
 * - One journal per folder per process (instances share it); two processes must not share a folder.
 */
export class StateJournal {
  private static readonly open = new Map<string, StateJournal>();

  /** The journal for `dir`, shared by every store object in this process that uses that folder. */
  static for(dir: string, options: { fsync: boolean }): StateJournal {
    const path = resolve(dir);
    let journal = StateJournal.open.get(path);
    if (!journal) {
      journal = new StateJournal(path, options.fsync);
      StateJournal.open.set(path, journal);
    }
    return journal;
  }

  private readonly items = new Map<string, Entry>();
  private readonly tag = randomBytes(4).toString('hex');
  private sequence = 0;
  private fd: number | undefined;
  private journalBytes = 0;
  private liveBytes = 0;
  private loaded = false;

  private constructor(
    readonly dir: string,
    private readonly fsync: boolean,
  ) {}

  get(key: string): { etag: string; value: unknown } | undefined {
    this.load();
    const entry = this.items.get(key);
    return entry && { etag: entry.etag, value: JSON.parse(entry.text) as unknown };
  }

  /** The eTag stored for `key`, without copying its value. */
  etagOf(key: string): string | undefined {
    this.load();
    return this.items.get(key)?.etag;
  }

  has(key: string): boolean {
    this.load();
    return this.items.has(key);
  }

  /** Stores `value` under `key` with a new eTag, which it returns. */
  put(key: string, value: unknown): string {
    this.load();
    const etag = `${++this.sequence}-${this.tag}`;
    const text = JSON.stringify(value ?? {});
    this.append(putLine(key, etag, text));
    this.set(key, { etag, text });
    return etag;
  }

  /** Removes the keys that exist; resolves with how many did. */
  remove(keys: readonly string[]): number {
    this.load();
    const present = keys.filter((key) => this.items.has(key));
    if (present.length === 0) return 0;
    this.append(present.map((key) => `${JSON.stringify({ k: key, d: 1 })}\n`).join(''));
    for (const key of present) this.set(key, undefined);
    return present.length;
  }

  keysStartingWith(prefix: string): string[] {
    this.load();
    return [...this.items.keys()].filter((key) => key.startsWith(prefix));
  }

  /** Closes the file (tests and shutdown); the next use opens and reads it again. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.loaded = false;
    this.items.clear();
    this.journalBytes = 0;
    this.liveBytes = 0;
    StateJournal.open.delete(this.dir);
  }

  private get path(): string {
    return join(this.dir, JOURNAL_FILE);
  }

  private set(key: string, entry: Entry | undefined): void {
    const before = this.items.get(key);
    if (before) this.liveBytes -= key.length + before.text.length;
    if (entry) {
      this.items.set(key, entry);
      this.liveBytes += key.length + entry.text.length;
    } else {
      this.items.delete(key);
    }
  }

  private append(lines: string): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error('[StateJournal]: not open');
    try {
      const data = Buffer.from(lines, 'utf8');
      writeAll(fd, data);
      if (this.fsync) fdatasyncSync(fd);
      this.journalBytes += data.length;
    } catch (err) {
      throw toFileStoreError(err, `append to ${this.path}`);
    }
    if (this.journalBytes > COMPACT_MIN_BYTES && this.journalBytes > COMPACT_RATIO * this.liveBytes) this.compact();
  }

  /** Reads the journal into memory once; a failure is thrown and retried on the next call. */
  private load(): void {
    if (this.loaded) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      let text = '';
      try {
        text = readFileSync(this.path, 'utf8');
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      for (const line of text.split('\n')) this.replay(line);
      this.fd = openSync(this.path, 'a');
      this.journalBytes = fstatSync(this.fd).size;
      // A torn last line: start the next record on a line of its own.
      if (text.length > 0 && !text.endsWith('\n')) {
        writeSync(this.fd, '\n');
        this.journalBytes += 1;
      }
      this.loaded = true;
    } catch (err) {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      this.items.clear();
      throw toFileStoreError(err, `open ${this.path}`);
    }
  }

  private replay(line: string): void {
    if (!line) return;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      return; // a torn line from a crash mid-append
    }
    if (typeof record?.k !== 'string') return;
    if ('d' in record) this.set(record.k, undefined);
    else if (typeof record.e === 'string') this.set(record.k, { etag: record.e, text: JSON.stringify(record.v ?? {}) });
  }

  /**
   * Rewrites the journal with one line per live document. The new file is written and opened before it
   * is renamed over the old one, so appends never go to a file that is no longer the journal.
   */
  private compact(): void {
    const temp = join(this.dir, `${JOURNAL_FILE}.${this.tag}.tmp`);
    const lines: string[] = [];
    for (const [key, { etag, text }] of this.items) lines.push(putLine(key, etag, text));
    const data = Buffer.from(lines.join(''), 'utf8');
    let fd: number | undefined;
    try {
      fd = openSync(temp, 'w');
      writeAll(fd, data);
      if (this.fsync) fdatasyncSync(fd);
      renameSync(temp, this.path);
    } catch {
      // Compaction is housekeeping: the old journal is still complete, so carry on appending to it.
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
      return;
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = fd;
    this.journalBytes = data.length;
  }
}

/**
 * The journal as a {@link DocumentStore}, so the one implementation of the eTag rules
 * (DocumentStorage) serves file state too. Every method is a synchronous check-and-change on the
 * journal, so nothing can come between a check and its write.
 */
export class JournalDocumentStore implements DocumentStore {
  constructor(private readonly journal: StateJournal) {}

  async read<T>(key: string): Promise<StoredDocument<T> | undefined> {
    const found = this.journal.get(key);
    return found && { value: found.value as T, etag: found.etag };
  }

  async write<T>(key: string, value: T, etag?: string): Promise<string> {
    if (etag !== undefined && this.journal.etagOf(key) !== etag) throw new EtagMismatchError(key);
    return this.journal.put(key, value);
  }

  async create<T>(key: string, value: T): Promise<boolean> {
    if (this.journal.has(key)) return false;
    this.journal.put(key, value);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.journal.remove([key]);
  }

  async list(prefix: string): Promise<string[]> {
    return this.journal.keysStartingWith(prefix).sort();
  }

  async ping(): Promise<void> {
    await probeWritable(this.journal.dir);
    this.journal.has(''); // proves the journal itself can be read and opened
  }

  close(): void {
    this.journal.close();
  }
}
