import { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { closeSync, fdatasyncSync, fstatSync, mkdirSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { FileHandle, open, readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileNameFor, parseFileName } from '../../storage/fileNames';
import { writeAll } from '../../storage/writeAll';
import { isNotFound, toFileStoreError } from '../../storage/fsErrors';
import { probeWritable } from '../../storage/probeWritable';
import { pageByOffset } from './offsetPaging';
import { ManagedTranscriptStore } from './storeContracts';
import { InvalidTranscriptArgumentError, requireId } from './transcriptErrors';

export interface FileTranscriptStoreOptions {
  /** Folder for transcripts (DATA_DIR/transcripts); created when missing. */
  dir: string;
  /** fsync after every append (default true; it runs after the turn, off the reply path). */
  fsync?: boolean;
  /** Activities or transcripts per page (default 20, as botbuilder's stores). */
  pageSize?: number;
}

const SUFFIX = '.jsonl';
/** How much of a file is read at most to find its first activity (a large card is still far below). */
const MAX_FIRST_LINE_BYTES = 4 * 1024 * 1024;
const READ_CHUNK_BYTES = 64 * 1024;
/** Transcript files kept open for appending; the least recently used is closed beyond this. */
const MAX_OPEN_FILES = 256;

/**
 * botbuilder `TranscriptStore` on local files: `<dir>/<channel>/<conversation>.jsonl`, one activity per line,
 * in the order `logActivity` was called.
 *
 * Appends are synchronous writes to files kept open, so the order of `logActivity` calls is file order
 * and a read always sees what was logged before it (TranscriptLoggerMiddleware does not await them).
 * Store objects on one folder in a process share their open files. A crash mid-append can leave a torn last line: readers skip it, and the next append starts a new line.
 * Chosen over botbuilder's own FileTranscriptStore, whose paging is broken and whose file names are lossy.
 */
export class FileTranscriptStore implements ManagedTranscriptStore {
  private readonly dir: string;
  private readonly fsync: boolean;
  private readonly pageSize: number;
  /** Open transcript files by path, least recently used first; shared per folder. */
  private readonly openFiles: Map<string, number>;
  private static readonly openFilesByFolder = new Map<string, Map<string, number>>();

  constructor(options: FileTranscriptStoreOptions) {
    this.dir = options.dir;
    this.fsync = options.fsync ?? true;
    this.pageSize = options.pageSize ?? 20;
    const folder = resolve(options.dir);
    const shared = FileTranscriptStore.openFilesByFolder.get(folder) ?? new Map<string, number>();
    FileTranscriptStore.openFilesByFolder.set(folder, shared);
    this.openFiles = shared;
  }

  /**
   * Appends the activity as one line, synchronously: the file stays open (up to {@link MAX_OPEN_FILES}
   * of them), so an append is a single write to the page cache, microseconds, where going through the
   * thread pool to open, append and close took a large share of a turn under load. Call order is file
   * order, and a read that follows always sees it.
   */
  logActivity(activity: Activity): Promise<void> {
    const { channelId, conversation } = activity ?? {};
    if (!channelId || !conversation?.id) return Promise.reject(new InvalidTranscriptArgumentError('activity channelId or conversation.id'));
    const path = this.pathOf(channelId, conversation.id);
    try {
      const line = `${JSON.stringify({ ...activity, timestamp: activity.timestamp ?? new Date() })}\n`;
      this.append(path, line);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(toFileStoreError(err, `append to ${path}`));
    }
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    requireId(channelId, 'channelId');
    requireId(conversationId, 'conversationId');
    const path = this.pathOf(channelId, conversationId);
    let activities = await this.readActivities(path);
    if (startDate) activities = activities.filter((activity) => activity.timestamp !== undefined && activity.timestamp >= startDate);
    return pageByOffset(activities, continuationToken, this.pageSize);
  }

  /** Transcripts of a channel, oldest first; `created` is the first activity's timestamp. */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    requireId(channelId, 'channelId');
    const folder = this.channelFolder(channelId);
    const transcripts: TranscriptInfo[] = [];
    for (const name of await this.entriesIn(folder, 'file')) {
      const first = await this.firstActivity(join(folder, name));
      const parsed = parseFileName(name, SUFFIX);
      const id = parsed?.kind === 'exact' ? parsed.key : first?.conversation?.id;
      if (id === undefined) continue;
      transcripts.push({ channelId, id, created: first?.timestamp ?? new Date(0) });
    }
    transcripts.sort((a, b) => a.created.getTime() - b.created.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return pageByOffset(transcripts, continuationToken, this.pageSize);
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    requireId(channelId, 'channelId');
    requireId(conversationId, 'conversationId');
    this.remove(this.pathOf(channelId, conversationId));
  }

  /** Deletes transcripts not appended to since `cutoff` (file modification time = last append). */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let purged = 0;
    for (const channel of await this.entriesIn(this.dir, 'folder')) {
      const folder = join(this.dir, channel);
      for (const name of await this.entriesIn(folder, 'file')) {
        // Checked and removed in one synchronous step: no append can land in between.
        const path = join(folder, name);
        const modified = modifiedAt(path);
        if (modified === undefined || modified >= cutoff) continue;
        this.remove(path);
        purged++;
      }
    }
    return purged;
  }

  /** Appends are synchronous, so there is never anything to wait for. */
  flush(): Promise<void> {
    return Promise.resolve();
  }

  /** Closes every open transcript file (shutdown and tests). */
  close(): void {
    for (const fd of this.openFiles.values()) closeQuietly(fd);
    this.openFiles.clear();
  }

  ping(): Promise<void> {
    return probeWritable(this.dir);
  }

  private channelFolder(channelId: string): string {
    return join(this.dir, fileNameFor(channelId, ''));
  }

  private pathOf(channelId: string, conversationId: string): string {
    return join(this.channelFolder(channelId), fileNameFor(conversationId, SUFFIX));
  }

  private append(path: string, line: string): void {
    const fd = this.fileFor(path);
    const data = Buffer.from(line, 'utf8');
    writeAll(fd, data);
    if (this.fsync) fdatasyncSync(fd);
  }

  /** The open file for `path` (most recently used last), opening it, and its folder, if need be. */
  private fileFor(path: string): number {
    const open = this.openFiles.get(path);
    if (open !== undefined) {
      this.openFiles.delete(path);
      this.openFiles.set(path, open);
      return open;
    }
    let fd: number;
    try {
      fd = openSync(path, 'a+');
    } catch (err) {
      if (!isNotFound(err)) throw err;
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, 'a+');
    }
    try {
      // A crash mid-append can leave a torn last line: start on a fresh line.
      if (!endsWithNewline(fd)) writeSync(fd, '\n');
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
    this.openFiles.set(path, fd);
    if (this.openFiles.size > MAX_OPEN_FILES) {
      const [oldestPath, oldestFd] = this.openFiles.entries().next().value as [string, number];
      this.openFiles.delete(oldestPath);
      closeQuietly(oldestFd);
    }
    return fd;
  }

  private remove(path: string): void {
    const fd = this.openFiles.get(path);
    if (fd !== undefined) {
      this.openFiles.delete(path);
      closeQuietly(fd);
    }
    try {
      rmSync(path, { force: true });
    } catch (err) {
      throw toFileStoreError(err, `delete ${path}`);
    }
  }

  private async readActivities(path: string): Promise<Activity[]> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (isNotFound(err)) return [];
      throw toFileStoreError(err, `read ${path}`);
    }
    return text.split('\n').flatMap((line) => {
      const activity = parseActivityLine(line);
      return activity ? [activity] : [];
    });
  }

  /** The first readable activity, reading only as much of the file as it takes. */
  private async firstActivity(path: string): Promise<Activity | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw toFileStoreError(err, `read ${path}`);
    }
    try {
      let pending = Buffer.alloc(0);
      for (let position = 0; position < MAX_FIRST_LINE_BYTES; position += READ_CHUNK_BYTES) {
        const chunk = Buffer.alloc(READ_CHUNK_BYTES);
        const { bytesRead } = await handle.read(chunk, 0, READ_CHUNK_BYTES, position);
        pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
        const atEnd = bytesRead < READ_CHUNK_BYTES;
        // Split on bytes, not text, so a character cut by the chunk boundary stays whole for the next round.
        const lastNewline = atEnd ? pending.length : pending.lastIndexOf(0x0a);
        if (lastNewline >= 0) {
          // A torn line is skipped like any other.
          for (const line of pending.subarray(0, lastNewline).toString('utf8').split('\n')) {
            const activity = parseActivityLine(line);
            if (activity) return activity;
          }
          pending = pending.subarray(lastNewline + 1);
        }
        if (atEnd) return undefined;
      }
      return undefined;
    } catch (err) {
      throw toFileStoreError(err, `read ${path}`);
    } finally {
      await handle.close();
    }
  }

  /** Transcript files (or channel folders) in `folder`; [] when it does not exist yet. */
  private async entriesIn(folder: string, kind: 'file' | 'folder'): Promise<string[]> {
    try {
      const entries = await readdir(folder, { withFileTypes: true });
      return entries
        .filter((entry) => (kind === 'folder' ? entry.isDirectory() : entry.isFile() && entry.name.endsWith(SUFFIX)))
        .map((entry) => entry.name);
    } catch (err) {
      if (isNotFound(err)) return [];
      throw toFileStoreError(err, `list ${folder}`);
    }
  }
}

/** An activity from one JSON line with its timestamp as a Date, or undefined for blank or torn lines. */
function parseActivityLine(line: string): Activity | undefined {
  if (!line.trim()) return undefined;
  try {
    const activity = JSON.parse(line) as Activity;
    if (typeof activity !== 'object' || activity === null) return undefined;
    return { ...activity, timestamp: new Date(activity.timestamp as unknown as string) };
  } catch {
    return undefined;
  }
}

function endsWithNewline(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

function modifiedAt(path: string): Date | undefined {
  try {
    return statSync(path).mtime;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw toFileStoreError(err, `stat ${path}`);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed or the disk went away: nothing more to do with it.
  }
}
