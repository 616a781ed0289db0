import { Activity, ActivityTypes, TestAdapter, TranscriptLoggerMiddleware } from 'botbuilder';
import { appendFile, mkdtemp, readFile, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTranscriptStore } from '../../../src/bot/storage/fileTranscriptStore';
import { InvalidTranscriptArgumentError } from '../../../src/bot/storage/transcriptErrors';
import { fileNameFor } from '../../../src/storage/fileNames';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'transcripts-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
let counter = 0;
const freshDir = (): string => join(root, `t-${++counter}`);

function activity(conversationId: string, n: number, at = new Date(Date.UTC(2025, 0, 1, 10, 0, n))): Activity {
  return {
    type: ActivityTypes.Message,
    id: `${conversationId}-${n}`,
    channelId: 'webchat',
    conversation: { id: conversationId },
    from: { id: n % 2 ? 'bot' : 'parent' },
    recipient: { id: n % 2 ? 'parent' : 'bot' },
    text: `message ${n} – £ ’`,
    timestamp: at,
  } as Activity;
}

describe('FileTranscriptStore', () => {
  it('reads back activities logged without awaiting, in call order, with Date timestamps', async () => {
    const store = new FileTranscriptStore({ dir: freshDir() });
    // As TranscriptLoggerMiddleware does: fire and forget.
    for (let n = 0; n < 5; n++) void store.logActivity(activity('conv-1', n));
    const page = await store.getTranscriptActivities('webchat', 'conv-1');
    expect(page.items.map((a) => a.id)).toEqual(['conv-1-0', 'conv-1-1', 'conv-1-2', 'conv-1-3', 'conv-1-4']);
    expect(page.items[0]?.timestamp).toBeInstanceOf(Date);
    expect(page.items[2]?.text).toBe('message 2 – £ ’');
    expect(page.continuationToken).toBe('');
  });

  it('pages with continuation tokens and filters by startDate', async () => {
    const store = new FileTranscriptStore({ dir: freshDir(), pageSize: 3 });
    for (let n = 0; n < 7; n++) await store.logActivity(activity('c', n));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await store.getTranscriptActivities('webchat', 'c', token);
      seen.push(...page.items.map((a) => a.id ?? ''));
      token = page.continuationToken;
    } while (token);
    expect(seen).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6']);

    const later = await store.getTranscriptActivities('webchat', 'c', undefined, new Date(Date.UTC(2025, 0, 1, 10, 0, 5)));
    expect(later.items.map((a) => a.id)).toEqual(['c-5', 'c-6']);
    await expect(store.getTranscriptActivities('webchat', 'c', 'not-a-token')).rejects.toThrow('invalid continuation token');
  });

  it('returns an empty page for an unknown conversation', async () => {
    const store = new FileTranscriptStore({ dir: freshDir() });
    await expect(store.getTranscriptActivities('webchat', 'nobody')).resolves.toEqual({ items: [], continuationToken: '' });
  });

  it('lists transcripts of a channel with their first activity time, including awkward ids', async () => {
    const store = new FileTranscriptStore({ dir: freshDir(), pageSize: 2 });
    const long = `a:${'X'.repeat(300)}`;
    await store.logActivity(activity('B|livechat', 1, new Date('2025-01-02T00:00:00Z')));
    await store.logActivity(activity('a/with/slashes', 1, new Date('2025-01-01T00:00:00Z')));
    await store.logActivity(activity(long, 1, new Date('2025-01-03T00:00:00Z')));
    await store.logActivity({ ...activity('elsewhere', 1), channelId: 'msteams' });

    const first = await store.listTranscripts('webchat');
    expect(first.items.map((t) => t.id)).toEqual(['a/with/slashes', 'B|livechat']);
    expect(first.items[0]?.created.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    const second = await store.listTranscripts('webchat', first.continuationToken);
    expect(second.items.map((t) => t.id)).toEqual([long]);
    expect(second.continuationToken).toBe('');
  });

  it('deletes one conversation only, after its pending appends', async () => {
    const dir = freshDir();
    const store = new FileTranscriptStore({ dir });
    await store.logActivity(activity('abc123', 1));
    void store.logActivity(activity('abc', 1));
    await store.deleteTranscript('webchat', 'abc');
    await expect(store.getTranscriptActivities('webchat', 'abc')).resolves.toMatchObject({ items: [] });
    await expect(store.getTranscriptActivities('webchat', 'abc123')).resolves.toMatchObject({ items: [{ id: 'abc123-1' }] });
    expect(await readdir(join(dir, 'webchat'))).toEqual([fileNameFor('abc123', '.jsonl')]);
  });

  it('skips a torn last line left by a crash and keeps appending on a fresh line', async () => {
    const dir = freshDir();
    const crashed = new FileTranscriptStore({ dir });
    await crashed.logActivity(activity('c', 0));
    crashed.close(); // as the crash would
    const file = join(dir, 'webchat', fileNameFor('c', '.jsonl'));
    await appendFile(file, '{"type":"message","id":"torn","te');

    const restarted = new FileTranscriptStore({ dir });
    await restarted.logActivity(activity('c', 1));
    const page = await restarted.getTranscriptActivities('webchat', 'c');
    expect(page.items.map((a) => a.id)).toEqual(['c-0', 'c-1']);
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('purges transcripts not written to since the cutoff', async () => {
    const dir = freshDir();
    const store = new FileTranscriptStore({ dir });
    await store.logActivity(activity('old', 1));
    await store.logActivity(activity('fresh', 1));
    const longAgo = new Date('2024-01-01T00:00:00Z');
    await utimes(join(dir, 'webchat', fileNameFor('old', '.jsonl')), longAgo, longAgo);

    await expect(store.purgeOlderThan(new Date('2024-06-01T00:00:00Z'))).resolves.toBe(1);
    await expect(store.getTranscriptActivities('webchat', 'old')).resolves.toMatchObject({ items: [] });
    await expect(store.getTranscriptActivities('webchat', 'fresh')).resolves.toMatchObject({ items: [{ id: 'fresh-1' }] });
  });

  it('rejects activities and calls without channel or conversation', async () => {
    const store = new FileTranscriptStore({ dir: freshDir() });
    await expect(store.logActivity({ ...activity('c', 1), conversation: undefined } as unknown as Activity)).rejects.toBeInstanceOf(
      InvalidTranscriptArgumentError,
    );
    await expect(store.getTranscriptActivities('', 'c')).rejects.toBeInstanceOf(InvalidTranscriptArgumentError);
  });

  it('records a whole conversation through TranscriptLoggerMiddleware', async () => {
    const store = new FileTranscriptStore({ dir: freshDir() });
    const adapter = new TestAdapter(async (context) => {
      await context.sendActivity(`you said: ${context.activity.text}`);
    }).use(new TranscriptLoggerMiddleware(store));
    await adapter.send('hello').assertReply('you said: hello').send('bye').assertReply('you said: bye');
    await store.flush();
    const { conversation, channelId } = adapter.conversation;
    const page = await store.getTranscriptActivities(channelId ?? '', conversation.id);
    expect(page.items.map((a) => a.text)).toEqual(['hello', 'you said: hello', 'bye', 'you said: bye']);
  });

  it('ping rejects with StoreUnavailableError when the folder is unusable', async () => {
    const dir = freshDir();
    await new FileTranscriptStore({ dir }).logActivity(activity('c', 1));
    const broken = new FileTranscriptStore({ dir: join(dir, 'webchat', fileNameFor('c', '.jsonl')) });
    await expect(broken.ping()).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    await expect(new FileTranscriptStore({ dir }).ping()).resolves.toBeUndefined();
  });
});

describe('FileTranscriptStore open files', () => {
  it('keeps every conversation complete when more conversations are active than files it keeps open', async () => {
    const dir = join(tmpdir(), `transcripts-many-${process.pid}-${Date.now()}`);
    const store = new FileTranscriptStore({ dir, fsync: false });
    try {
      for (let round = 0; round < 2; round++) for (let c = 0; c < 300; c++) await store.logActivity(activity(`conv-${c}`, round));
      for (const c of [0, 150, 299]) {
        const page = await store.getTranscriptActivities('webchat', `conv-${c}`);
        expect(page.items.map((a) => a.id)).toEqual([`conv-${c}-0`, `conv-${c}-1`]);
      }
    } finally {
      store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
