import { Activity, PagedResult, TranscriptInfo } from 'botbuilder';
import { FileHandle, mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileNameFor, parseFileName } from '../../storage/fileNames';
import { isNotFound, toFileStoreError } from '../../storage/fsErrors';
import { KeyedSerializer } from '../../storage/keyedSerializer';
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
const MAX_TAIL_CHECKED = 10_000;

/**
 * botbuilder `TranscriptStore` on local files: `<dir>/<channel>/<conversation>.jsonl`, one activity per line,
 * in the order `logActivity` was called.
 *
 * TranscriptLoggerMiddleware fires `logActivity` without awaiting it, so appends are queued per
 * conversation (order kept) and every read of a conversation first waits for its queued appends.
 * A crash mid-append can leave a torn last line: readers skip it, and the next append starts a new line.
 * Chosen over botbuilder's own FileTranscriptStore, whose paging is broken and whose file names are lossy.
 */
export class FileTranscriptStore implements ManagedTranscriptStore {
  private readonly dir: string;
  private readonly fsync: boolean;
  private readonly pageSize: number;
  private readonly appends = new KeyedSerializer();
  /** Lines waiting for the next append of each file, with the callers waiting on them. */
  private readonly pending = new Map<string, { lines: string[]; waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> }>();
  /** Folders known to exist, so an append is not preceded by a mkdir every time. */
  private readonly madeDirs = new Set<string>();
  /** Files whose last byte we have checked (or written) in this process. */
  private readonly tailChecked = new Set<string>();

  constructor(options: FileTranscriptStoreOptions) {
    this.dir = options.dir;
    this.fsync = options.fsync ?? true;
    this.pageSize = options.pageSize ?? 20;
  }

  /** Queues the activity for appending; resolves when it is on disk. */
  logActivity(activity: Activity): Promise<void> {
    // Serialise and queue synchronously, so call order is file order even when nobody awaits.
    const { channelId, conversation } = activity ?? {};
    if (!channelId || !conversation?.id) return Promise.reject(new InvalidTranscriptArgumentError('activity channelId or conversation.id'));
    const line = `${JSON.stringify({ ...activity, timestamp: activity.timestamp ?? new Date() })}\n`;
    const path = this.pathOf(channelId, conversation.id);
    return new Promise<void>((resolve, reject) => {
      let batch = this.pending.get(path);
      if (!batch) {
        batch = { lines: [], waiters: [] };
        this.pending.set(path, batch);
        // One queued drain per batch: under load, lines that arrive while a write is running are
        // appended together by the next drain, so file operations cannot fall ever further behind.
        void this.appends.run(path, () => this.drain(path));
      }
      batch.lines.push(line);
      batch.waiters.push({ resolve, reject });
    });
  }

  private async drain(path: string): Promise<void> {
    const batch = this.pending.get(path);
    this.pending.delete(path);
    if (!batch) return;
    try {
      await this.append(path, batch.lines.join(''));
      for (const w of batch.waiters) w.resolve();
    } catch (err) {
      for (const w of batch.waiters) w.reject(err);
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
    await this.appends.whenIdle(path);
    let activities = await this.readActivities(path);
    if (startDate) activities = activities.filter((activity) => activity.timestamp !== undefined && activity.timestamp >= startDate);
    return pageByOffset(activities, continuationToken, this.pageSize);
  }

  /** Transcripts of a channel, oldest first; `created` is the first activity's timestamp. */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    requireId(channelId, 'channelId');
    await this.appends.whenIdle();
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
    const path = this.pathOf(channelId, conversationId);
    // Queued behind pending appends, so an activity logged just before cannot reappear after.
    await this.appends.run(path, () => this.remove(path));
  }

  /** Deletes transcripts not appended to since `cutoff` (file modification time = last append). */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    let purged = 0;
    for (const channel of await this.entriesIn(this.dir, 'folder')) {
      const folder = join(this.dir, channel);
      for (const name of await this.entriesIn(folder, 'file')) {
        const path = join(folder, name);
        const removed = await this.appends.run(path, async () => {
          // Checked inside the queue: an append may have landed since the folder was listed.
          const modified = await modifiedAt(path);
          if (modified === undefined || modified >= cutoff) return false;
          await this.remove(path);
          return true;
        });
        if (removed) purged++;
      }
    }
    return purged;
  }

  flush(): Promise<void> {
    return this.appends.whenIdle();
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

  private async append(path: string, line: string): Promise<void> {
    try {
      const folder = dirname(path);
      if (!this.madeDirs.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.madeDirs.add(folder);
      }
      const handle = await open(path, 'a+').catch(async (err: NodeJS.ErrnoException) => {
        // The folder was removed (a purge or delete) since we made it: make it again.
        if (err.code !== 'ENOENT') throw err;
        await mkdir(folder, { recursive: true });
        return open(path, 'a+');
      });
      try {
        let data = line;
        if (!this.tailChecked.has(path)) {
          if (!(await endsWithNewline(handle))) data = `\n${line}`;
          // Forgetting is harmless (one more one-byte read), so keep the memory bounded on long runs.
          if (this.tailChecked.size >= MAX_TAIL_CHECKED) this.tailChecked.clear();
          this.tailChecked.add(path);
        }
        await handle.appendFile(data, 'utf8');
        if (this.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw toFileStoreError(err, `append to ${path}`);
    }
  }

  private async remove(path: string): Promise<void> {
    this.tailChecked.delete(path);
    this.madeDirs.clear();
    try {
      await rm(path, { force: true });
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

async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

async function modifiedAt(path: string): Promise<Date | undefined> {
  try {
    return (await stat(path)).mtime;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw toFileStoreError(err, `stat ${path}`);
  }
}
