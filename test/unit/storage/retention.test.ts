import { Activity, ActivityTypes } from 'botbuilder';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStores, Stores } from '../../../src/bot/storage/createStores';
import { deleteUserData, purgeOlderThan, scheduleRetention } from '../../../src/bot/storage/retention';
import { InvalidStateIdError } from '../../../src/bot/storage/stateKeys';
import { StoreUnavailableError } from '../../../src/storage/documentStore';
import { fileNameFor } from '../../../src/storage/fileNames';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'retention-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
let counter = 0;
function fileStores(): { stores: Stores; dataDir: string } {
  const dataDir = join(root, `data-${++counter}`);
  return { stores: createStores({ kind: 'file', dataDir }), dataDir };
}

const message = (conversationId: string, userId = 'parent-1'): Activity =>
  ({
    type: ActivityTypes.Message,
    id: `${conversationId}-${Math.random()}`,
    channelId: 'webchat',
    conversation: { id: conversationId },
    from: { id: userId },
    recipient: { id: 'bot' },
    text: 'hello',
    timestamp: new Date(),
  }) as Activity;

/** Waits until `condition` holds (polling), so timer tests do not depend on machine speed. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function age(path: string, days: number): Promise<void> {
  const then = new Date(Date.now() - days * 24 * 3600 * 1000);
  await utimes(path, then, then);
}

describe('purgeOlderThan (file stores)', () => {
  it('deletes transcripts and hand-off documents older than N days, and nothing else', async () => {
    const { stores, dataDir } = fileStores();
    await stores.documents.write('handoff/old.json', { id: 'old' });
    await stores.documents.write('handoff/new.json', { id: 'new' });
    await stores.documents.write('other/old.json', { id: 'not a hand-off' });
    await stores.transcripts.logActivity(message('old-conv'));
    await stores.transcripts.logActivity(message('new-conv'));
    await age(join(dataDir, 'documents', fileNameFor('handoff/old.json', '.json')), 40);
    await age(join(dataDir, 'documents', fileNameFor('other/old.json', '.json')), 40);
    await age(join(dataDir, 'transcripts', 'webchat', fileNameFor('old-conv', '.jsonl')), 40);

    const report = await purgeOlderThan(stores, 30);
    expect(report).toMatchObject({ transcripts: 1, handoffs: 1 });
    await expect(stores.documents.list('')).resolves.toEqual(['handoff/new.json', 'other/old.json']);
    await expect(stores.transcripts.listTranscripts('webchat')).resolves.toMatchObject({ items: [{ id: 'new-conv' }] });
  });

  it('rejects a non-positive number of days', async () => {
    await expect(purgeOlderThan(fileStores().stores, 0)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('deleteUserData (file stores)', () => {
  it("removes the parent's conversation, private and user state (every namespace) and transcript, and nobody else's", async () => {
    const { stores } = fileStores();
    await stores.state.write({
      'webchat/conversations/abc/': { dialog: 1 },
      'webchat/conversations/abc/custom': { x: 1 },
      'webchat/conversations/abc/users/parent-1/': { p: 1 },
      'webchat/users/parent-1/': { name: 'Sam' },
      'webchat/conversations/abc123/': { other: true },
      'webchat/users/parent-10/': { other: true },
      'msteams/users/parent-1/': { otherChannel: true },
    });
    void stores.transcripts.logActivity(message('abc'));
    void stores.transcripts.logActivity(message('abc123'));

    const report = await deleteUserData(stores, { channelId: 'webchat', conversationId: 'abc', userId: 'parent-1' });
    expect(report).toEqual({ stateItems: 4 });
    const left = await stores.state.read([
      'webchat/conversations/abc/',
      'webchat/conversations/abc/custom',
      'webchat/conversations/abc/users/parent-1/',
      'webchat/users/parent-1/',
      'webchat/conversations/abc123/',
      'webchat/users/parent-10/',
      'msteams/users/parent-1/',
    ]);
    expect(Object.keys(left).sort()).toEqual(['msteams/users/parent-1/', 'webchat/conversations/abc123/', 'webchat/users/parent-10/']);
    await expect(stores.transcripts.getTranscriptActivities('webchat', 'abc')).resolves.toMatchObject({ items: [] });
    await expect(stores.transcripts.getTranscriptActivities('webchat', 'abc123')).resolves.toMatchObject({ items: [{}] });
  });

  it('refuses empty ids, which would widen the deletion', async () => {
    const { stores } = fileStores();
    await expect(deleteUserData(stores, { channelId: 'webchat', conversationId: '', userId: 'u' })).rejects.toBeInstanceOf(InvalidStateIdError);
    await expect(deleteUserData(stores, { channelId: 'webchat', conversationId: 'c', userId: ' ' })).rejects.toBeInstanceOf(InvalidStateIdError);
  });
});

describe('scheduleRetention', () => {
  it('purges soon after start and then every interval, until stopped, on unref’d timers', async () => {
    const { stores, dataDir } = fileStores();
    const setIntervalSpy = jest.spyOn(global, 'setInterval');
    const reports: unknown[] = [];
    const stop = scheduleRetention(stores, { intervalMs: 30, days: 30, onPurged: (r) => reports.push(r) });
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setIntervalSpy.mockRestore();

    await until(() => reports.length >= 1);
    await stores.documents.write('handoff/x.json', {});
    await age(join(dataDir, 'documents', fileNameFor('handoff/x.json', '.json')), 31);
    await until(async () => (await stores.documents.list('handoff/')).length === 0);

    stop();
    const count = reports.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports.length).toBe(count);
  });

  it('reports failures to onError and keeps going', async () => {
    const blocker = join(root, `blocker-${++counter}`);
    await writeFile(blocker, 'a file where the data folder should be');
    const stores = createStores({ kind: 'file', dataDir: blocker });
    const errors: unknown[] = [];
    const stop = scheduleRetention(stores, { intervalMs: 20, days: 1, onError: (err) => errors.push(err) });
    await until(() => errors.length >= 2);
    stop();
    expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
  });

  it('refuses intervals Node would turn into a busy loop', () => {
    expect(() => scheduleRetention(fileStores().stores, { intervalMs: 30 * 24 * 3600 * 1000, days: 30 })).toThrow(RangeError);
  });
});
